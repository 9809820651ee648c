package io.ameide.coderguard.idlereaper;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.ameide.coderguard.sandbox.CoderStandIn;
import io.ameide.coderguard.sandbox.StandInOptions;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the Coder stand-in on loopback for a service test and points the service at it; a subclass seeds the
 * stand-in or keeps it for its test, and adds the settings its scenario needs.
 */
public abstract class CoderStandInResource implements QuarkusTestResourceLifecycleManager {

    private CoderStandIn coder;

    @Override
    public Map<String, String> start() {
        coder = CoderStandIn.start(StandInOptions.defaults().withJobDuration(Duration.ofMillis(50)));
        started(coder);
        Map<String, String> config = new HashMap<>(settings());
        config.put("idle-reaper.coder.url", coder.baseUrl().toString());
        config.put("idle-reaper.coder.token", coder.token());
        return config;
    }

    /** Called once the stand-in listens, before the service starts: seed it, or keep it for the test. */
    protected abstract void started(CoderStandIn coder);

    /** The service's settings beyond Coder's URL and token. */
    protected abstract Map<String, String> settings();

    @Override
    public void stop() {
        if (coder != null) {
            coder.close();
        }
    }
}
