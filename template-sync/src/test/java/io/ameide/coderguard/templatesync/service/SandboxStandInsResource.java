package io.ameide.coderguard.templatesync.service;

import java.nio.file.Path;
import java.util.Map;

import io.ameide.coderguard.sandbox.CoderStandIn;
import io.ameide.coderguard.sandbox.kubernetes.ClusterStandIn;
import io.ameide.coderguard.sandbox.kubernetes.CoderTemplateObjects;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The two stand-ins the sandbox run gives template-sync, configured the way the sandbox launcher configures the
 * service: the Coder stand-in, and the Kubernetes API stand-in over plain HTTP with the sandbox template's ConfigMap
 * and CoderTemplate applied before the service starts.
 */
public class SandboxStandInsResource implements QuarkusTestResourceLifecycleManager {

    static volatile CoderStandIn coder;
    static volatile ClusterStandIn kubernetes;
    static volatile CoderTemplateObjects objects;

    @Override
    public Map<String, String> start() {
        coder = CoderStandIn.start();
        kubernetes = ClusterStandIn.start();
        objects = new CoderTemplateObjects(kubernetes.client());
        objects.apply("coder", "k8s-devbox", Path.of("src/main/sandbox-template"), "k8s-devbox",
                "2026.12.04-1", Map.of("defaultTtl", "30m", "activityBump", "30m", "displayName", "Kubernetes dev box"));
        return Map.of("template-sync.coder.url", coder.baseUrl().toString(),
                "template-sync.coder.token", coder.token(),
                "template-sync.kubernetes.enabled", "true",
                "template-sync.kubernetes.namespace", "coder",
                "template-sync.resync-interval", "2s",
                "quarkus.kubernetes-client.api-server-url", kubernetes.url().toString());
    }

    @Override
    public void stop() {
        if (kubernetes != null) {
            kubernetes.close();
        }
        if (coder != null) {
            coder.close();
        }
    }
}
