package io.ameide.coderguard.policyguard.bench;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The service as deployed by default (debounce 200 ms), watching the mock API server, against the baseline policy. */
public class BenchmarkProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("policy-guard.kubernetes.enabled", "true", "policy-guard.policy-file",
                "target/test-classes/cases/baseline.yaml", "policy-guard.resync-interval", "1h",
                "quarkus.log.category.\"io.ameide.coderguard\".level", "WARN");
    }
}
