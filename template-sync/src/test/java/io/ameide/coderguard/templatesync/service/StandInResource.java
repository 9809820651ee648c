package io.ameide.coderguard.templatesync.service;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.ameide.coderguard.sandbox.CoderStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the Coder stand-in on loopback and points template-sync at it, with the Kubernetes side on (the test's mock
 * API server), short intervals, and a webhook secret.
 */
public class StandInResource implements QuarkusTestResourceLifecycleManager {

    public static final String WEBHOOK_SECRET = "sandbox-webhook-secret-0123456789";
    public static final String NAMESPACE = "coder";
    static volatile CoderStandIn coder;

    @Override
    public Map<String, String> start() {
        coder = CoderStandIn.start();
        coder.templates().importDuration(Duration.ofMillis(100));
        Map<String, String> config = new HashMap<>();
        config.put("template-sync.coder.url", coder.baseUrl().toString());
        config.put("template-sync.coder.token", coder.token());
        config.put("template-sync.kubernetes.enabled", "true");
        config.put("template-sync.kubernetes.namespace", NAMESPACE);
        config.put("template-sync.resync-interval", "1s");
        config.put("template-sync.import-poll-initial-delay", "50ms");
        config.put("template-sync.import-poll-max-delay", "200ms");
        config.put("template-sync.kubernetes.lease.duration", "2s");
        config.put("template-sync.kubernetes.lease.renew-deadline", "1500ms");
        config.put("template-sync.kubernetes.lease.retry-period", "200ms");
        config.put("template-sync.webhook.secret", WEBHOOK_SECRET);
        return config;
    }

    @Override
    public void stop() {
        if (coder != null) {
            coder.close();
        }
    }
}
