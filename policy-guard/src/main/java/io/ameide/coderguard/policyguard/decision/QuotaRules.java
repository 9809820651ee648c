package io.ameide.coderguard.policyguard.decision;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.ameide.coderguard.policyguard.policy.Policy;
import io.ameide.coderguard.policyguard.policy.Rule;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;

/**
 * A ResourceQuota within the policy's bounds and a LimitRange are present, and every container has cpu and memory
 * requests and limits, or inherits them from the LimitRange. Without a LimitRange the "LimitRange absent" finding stands
 * for every container that lacks them, rather than one more finding per container.
 */
final class QuotaRules {

    private static final List<String> RESOURCES = List.of("cpu", "memory");

    private QuotaRules() {
    }

    static void judge(Policy policy, NamespaceSnapshot namespace, Findings findings) {
        if (policy.requireResourceQuota()) {
            resourceQuota(policy, namespace, findings);
        }
        if (policy.requireLimitRange()) {
            if (namespace.limitRanges().isEmpty()) {
                findings.add(Rule.QUOTA_LIMIT_RANGE_MISSING, namespace.namespaceRef(), "LimitRange",
                        "No LimitRange in the namespace: containers without requests and limits get no defaults, so a"
                                + " quota rejects their pods.");
            } else {
                containerResources(namespace, findings);
            }
        }
    }

    private static void resourceQuota(Policy policy, NamespaceSnapshot namespace, Findings findings) {
        if (namespace.resourceQuotas().isEmpty()) {
            findings.add(Rule.QUOTA_RESOURCE_QUOTA_MISSING, namespace.namespaceRef(), "ResourceQuota",
                    "No ResourceQuota in the namespace.");
            return;
        }
        for (Map.Entry<String, BigDecimal> bound : policy.resourceQuotaMaximums().entrySet()) {
            quotaBound(namespace, bound.getKey(), bound.getValue(), findings);
        }
    }

    /** Kubernetes enforces every quota of a namespace, so the tightest one bounds a resource. */
    private static void quotaBound(NamespaceSnapshot namespace, String resource, BigDecimal maximum, Findings findings) {
        ResourceQuota tightest = null;
        BigDecimal tightestValue = null;
        for (ResourceQuota quota : namespace.resourceQuotas()) {
            Quantity hard = quota.getSpec() == null || quota.getSpec().getHard() == null
                    ? null
                    : quota.getSpec().getHard().get(resource);
            BigDecimal value = amount(hard);
            if (value != null && (tightestValue == null || value.compareTo(tightestValue) < 0)) {
                tightest = quota;
                tightestValue = value;
            }
        }
        if (tightest == null) {
            findings.add(Rule.QUOTA_RESOURCE_QUOTA_BOUNDS, namespace.namespaceRef(), resource,
                    "No ResourceQuota limits " + resource + "; the policy bounds it.");
        } else if (tightestValue.compareTo(maximum) > 0) {
            findings.add(Rule.QUOTA_RESOURCE_QUOTA_BOUNDS, ObjectRef.of(tightest), resource, "ResourceQuota "
                    + tightest.getMetadata().getName() + " allows " + resource + " above the policy's bound.");
        }
    }

    private static void containerResources(NamespaceSnapshot namespace, Findings findings) {
        Defaults defaults = Defaults.of(namespace.limitRanges());
        for (Pod pod : namespace.pods()) {
            for (PodContainer container : PodContainer.of(pod)) {
                // The API server refuses resources on ephemeral containers; they run within the pod's.
                if (container.kind().equals("ephemeralContainer")) {
                    continue;
                }
                List<String> missing = missing(container, defaults);
                if (!missing.isEmpty()) {
                    findings.add(Rule.QUOTA_CONTAINER_RESOURCES, ObjectRef.of(pod), container.label(),
                            "Container " + container.name() + " has no " + String.join(", ", missing)
                                    + ", and the LimitRange supplies none.");
                }
            }
        }
    }

    private static List<String> missing(PodContainer container, Defaults defaults) {
        Map<String, Quantity> requests = container.resources() == null ? null : container.resources().getRequests();
        Map<String, Quantity> limits = container.resources() == null ? null : container.resources().getLimits();
        List<String> missing = new ArrayList<>();
        for (String resource : RESOURCES) {
            boolean limit = has(limits, resource) || defaults.limits.contains(resource);
            // A request left out defaults to the container's limit, or to the LimitRange's defaultRequest or default.
            boolean request = has(requests, resource) || has(limits, resource) || defaults.requests.contains(resource)
                    || defaults.limits.contains(resource);
            if (!request) {
                missing.add(resource + " request");
            }
            if (!limit) {
                missing.add(resource + " limit");
            }
        }
        return missing;
    }

    private static boolean has(Map<String, Quantity> quantities, String resource) {
        return quantities != null && quantities.get(resource) != null;
    }

    private static BigDecimal amount(Quantity quantity) {
        if (quantity == null) {
            return null;
        }
        try {
            return Quantity.getAmountInBytes(quantity);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return null;
        }
    }

    /** The resources a namespace's LimitRanges give containers by default, as limits and as requests. */
    private record Defaults(List<String> limits, List<String> requests) {

        static Defaults of(List<LimitRange> ranges) {
            List<String> limits = new ArrayList<>();
            List<String> requests = new ArrayList<>();
            for (LimitRange range : ranges) {
                List<LimitRangeItem> items = range.getSpec() == null
                        ? List.of()
                        : PodContainer.nonNull(range.getSpec().getLimits());
                for (LimitRangeItem item : items) {
                    if ("Container".equals(item.getType())) {
                        limits.addAll(item.getDefault() == null ? List.of() : item.getDefault().keySet());
                        requests.addAll(item.getDefaultRequest() == null ? List.of() : item.getDefaultRequest().keySet());
                    }
                }
            }
            return new Defaults(limits, requests);
        }
    }
}
