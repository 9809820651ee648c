package io.ameide.coderguard.templatesync.security;

import java.util.Map;

import io.ameide.coderguard.sandbox.CoderStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** The Coder stand-in on loopback with the Kubernetes side off: the service and its API, nothing to sync. */
public class CoderOnlyResource implements QuarkusTestResourceLifecycleManager {

    private CoderStandIn coder;

    @Override
    public Map<String, String> start() {
        coder = CoderStandIn.start();
        return Map.of("template-sync.coder.url", coder.baseUrl().toString(), "template-sync.coder.token",
                coder.token());
    }

    @Override
    public void stop() {
        if (coder != null) {
            coder.close();
        }
    }
}
