package io.ameide.coderguard.policyguard.service;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The service watching the mock API server, judged against the shared baseline policy, quick to react. */
public class KubernetesProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("policy-guard.kubernetes.enabled", "true", "policy-guard.policy-file",
                "target/test-classes/cases/baseline.yaml", "policy-guard.debounce", "50ms",
                "policy-guard.resync-interval", "1h");
    }
}
