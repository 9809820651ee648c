package io.ameide.coderguard.policyguard.service;

import java.util.HashMap;
import java.util.Map;

/** As {@link KubernetesProfile}, with leader election on a Lease in the namespace {@code guardrails}. */
public class LeaseProfile extends KubernetesProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("policy-guard.kubernetes.lease.enabled", "true");
        overrides.put("policy-guard.kubernetes.lease.namespace", "guardrails");
        overrides.put("policy-guard.kubernetes.lease.duration", "6s");
        overrides.put("policy-guard.kubernetes.lease.renew-deadline", "4s");
        overrides.put("policy-guard.kubernetes.lease.retry-period", "1s");
        return overrides;
    }
}
