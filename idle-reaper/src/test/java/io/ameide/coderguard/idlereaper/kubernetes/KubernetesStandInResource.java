package io.ameide.coderguard.idlereaper.kubernetes;

import java.util.Map;

import io.ameide.coderguard.idlereaper.CoderStandInResource;
import io.ameide.coderguard.sandbox.CoderStandIn;
import io.ameide.coderguard.sandbox.kubernetes.WorkspaceObjects;

/**
 * An empty Coder stand-in, with the Kubernetes side on and watching the mock API server's workspace namespace. The sweep
 * runs once an hour, so what the test sees evaluated was evaluated because of a pod.
 */
public class KubernetesStandInResource extends CoderStandInResource {

    static volatile CoderStandIn coder;

    @Override
    protected void started(CoderStandIn standIn) {
        coder = standIn;
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("idle-reaper.sweep-interval", "1h", "idle-reaper.kubernetes.enabled", "true",
                "idle-reaper.kubernetes.namespaces", WorkspaceObjects.NAMESPACE);
    }
}
