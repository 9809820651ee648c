package io.ameide.coderguard.idlereaper.kubernetes;

import java.time.Duration;
import java.util.Map;

import io.ameide.coderguard.sandbox.CoderStandIn;
import io.ameide.coderguard.sandbox.StandInOptions;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An empty Coder stand-in, with the Kubernetes side on and watching the mock API server's workspace namespace. The sweep
 * runs once an hour, so what the test sees evaluated was evaluated because of a pod.
 */
public class KubernetesStandInResource implements QuarkusTestResourceLifecycleManager {

    static volatile CoderStandIn coder;

    @Override
    public Map<String, String> start() {
        coder = CoderStandIn.start(StandInOptions.defaults().withJobDuration(Duration.ofMillis(50)));
        return Map.of(
                "idle-reaper.coder.url", coder.baseUrl().toString(),
                "idle-reaper.coder.token", coder.token(),
                "idle-reaper.sweep-interval", "1h",
                "idle-reaper.kubernetes.enabled", "true",
                "idle-reaper.kubernetes.namespaces", WorkspaceObjects.NAMESPACE);
    }

    @Override
    public void stop() {
        if (coder != null) {
            coder.close();
        }
    }
}
