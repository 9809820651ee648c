package io.ameide.coderguard.idlereaper.webhook;

import java.time.Duration;
import java.util.Map;

import io.ameide.coderguard.sandbox.CoderStandIn;
import io.ameide.coderguard.sandbox.StandInOptions;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An empty Coder stand-in and a webhook secret for the webhook tests. The sweep runs once an hour, so what the
 * tests see evaluated was evaluated because of a webhook.
 */
public class WebhookStandInResource implements QuarkusTestResourceLifecycleManager {

    static final String SECRET = "s3cret-path-segment-for-tests";
    static volatile CoderStandIn coder;

    @Override
    public Map<String, String> start() {
        coder = CoderStandIn.start(StandInOptions.defaults().withJobDuration(Duration.ofMillis(50)));
        return Map.of(
                "idle-reaper.coder.url", coder.baseUrl().toString(),
                "idle-reaper.coder.token", coder.token(),
                "idle-reaper.sweep-interval", "1h",
                "idle-reaper.webhook.secret", SECRET,
                "idle-reaper.webhook.max-body-bytes", "16384");
    }

    @Override
    public void stop() {
        if (coder != null) {
            coder.close();
        }
    }
}
