package io.ameide.coderguard.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;

/**
 * The project's policy for what deploy/ may render, as pure functions from objects to findings. An empty list means
 * compliant; each finding names the object, the path and what is expected there.
 */
final class PolicyChecks {

    /** {@code repository[:tag]@sha256:<64 hex>}: the digest decides what runs, whatever the tag says. */
    private static final Pattern PINNED = Pattern.compile("^[^\\s@]+@sha256:[a-f0-9]{64}$");

    private PolicyChecks() {
    }

    /** Every container's image is pinned by digest. */
    static List<Finding> imagesNotPinnedByDigest(List<HasMetadata> objects) {
        return Workloads.pods(objects).stream().flatMap(pod -> Stream.concat(pod.containers(), ephemeral(pod))
                .filter(at -> at.container().getImage() == null || !PINNED.matcher(at.container().getImage()).matches())
                .map(at -> new Finding(pod.object(), at.path() + ".image",
                        "must be pinned by digest (name@sha256:<64 hex>), got " + at.container().getImage())))
                .toList();
    }

    /** No Role or ClusterRole grants by wildcard: not in API groups, resources, verbs, names or URLs. */
    static List<Finding> wildcardRbac(List<HasMetadata> objects) {
        List<Finding> findings = new ArrayList<>();
        for (HasMetadata object : objects) {
            List<PolicyRule> rules = object instanceof Role role
                    ? role.getRules()
                    : object instanceof ClusterRole clusterRole ? clusterRole.getRules() : List.of();
            String name = object.getKind() + " " + object.getMetadata().getName();
            for (int i = 0; i < (rules == null ? 0 : rules.size()); i++) {
                PolicyRule rule = rules.get(i);
                String at = "rules[" + i + "].";
                wildcards(rule.getApiGroups(), name, at + "apiGroups", findings);
                wildcards(rule.getResources(), name, at + "resources", findings);
                wildcards(rule.getVerbs(), name, at + "verbs", findings);
                wildcards(rule.getResourceNames(), name, at + "resourceNames", findings);
                wildcards(rule.getNonResourceURLs(), name, at + "nonResourceURLs", findings);
            }
            if (object instanceof ClusterRole clusterRole && clusterRole.getAggregationRule() != null) {
                findings.add(new Finding(name, "aggregationRule", "must not be set: it grants whatever other roles carry"));
            }
        }
        return findings;
    }

    /**
     * No NetworkPolicy rule is open to every peer: an ingress rule without {@code from}, or an egress rule without
     * {@code to}, lets in or out anything at all, which a reader of the policy easily takes for nothing.
     */
    static List<Finding> openNetworkPolicyRules(List<HasMetadata> objects) {
        List<Finding> findings = new ArrayList<>();
        for (HasMetadata object : objects) {
            if (object instanceof NetworkPolicy policy) {
                String name = "NetworkPolicy " + policy.getMetadata().getName();
                List<NetworkPolicyIngressRule> ingress = Optional.ofNullable(policy.getSpec().getIngress()).orElse(List.of());
                for (int i = 0; i < ingress.size(); i++) {
                    if (ingress.get(i).getFrom() == null || ingress.get(i).getFrom().isEmpty()) {
                        findings.add(new Finding(name, "spec.ingress[" + i + "].from", "must name its peers"));
                    }
                }
                List<NetworkPolicyEgressRule> egress = Optional.ofNullable(policy.getSpec().getEgress()).orElse(List.of());
                for (int i = 0; i < egress.size(); i++) {
                    if (egress.get(i).getTo() == null || egress.get(i).getTo().isEmpty()) {
                        findings.add(new Finding(name, "spec.egress[" + i + "].to", "must name its peers"));
                    }
                }
            }
        }
        return findings;
    }

    /**
     * Each pod runs non-root under seccomp RuntimeDefault, on the host's nothing, and each of its containers has a read-only
     * root filesystem, no privilege escalation, every capability dropped and none added, and CPU and memory requests
     * and limits.
     */
    static List<Finding> unhardenedPods(List<HasMetadata> objects) {
        List<Finding> findings = new ArrayList<>();
        for (Workloads.PodOf pod : Workloads.pods(objects)) {
            PodSecurityContext podContext = Optional.ofNullable(pod.spec().getSecurityContext())
                    .orElseGet(PodSecurityContext::new);
            expect(!Boolean.TRUE.equals(pod.spec().getHostNetwork()), pod, pod.path() + ".hostNetwork", "must not be true",
                    findings);
            expect(!Boolean.TRUE.equals(pod.spec().getHostPID()), pod, pod.path() + ".hostPID", "must not be true", findings);
            expect(!Boolean.TRUE.equals(pod.spec().getHostIPC()), pod, pod.path() + ".hostIPC", "must not be true", findings);
            pod.containers().forEach(at -> containerFindings(pod, podContext, at, findings));
        }
        return findings;
    }

    private static void containerFindings(Workloads.PodOf pod, PodSecurityContext podContext, Workloads.ContainerAt at,
            List<Finding> findings) {
        SecurityContext context = Optional.ofNullable(at.container().getSecurityContext()).orElseGet(SecurityContext::new);
        String sc = at.path() + ".securityContext.";
        boolean nonRoot = effective(context.getRunAsNonRoot(), podContext.getRunAsNonRoot());
        expect(nonRoot, pod, sc + "runAsNonRoot", "must be true (here or in the pod's securityContext)", findings);
        Long user = context.getRunAsUser() != null ? context.getRunAsUser() : podContext.getRunAsUser();
        expect(user == null || user != 0, pod, sc + "runAsUser", "must not be 0", findings);
        SeccompProfile seccomp = context.getSeccompProfile() != null
                ? context.getSeccompProfile()
                : podContext.getSeccompProfile();
        expect(seccomp != null && "RuntimeDefault".equals(seccomp.getType()), pod, sc + "seccompProfile.type",
                "must be RuntimeDefault (here or in the pod's securityContext)", findings);
        expect(Boolean.TRUE.equals(context.getReadOnlyRootFilesystem()), pod, sc + "readOnlyRootFilesystem", "must be true",
                findings);
        expect(Boolean.FALSE.equals(context.getAllowPrivilegeEscalation()), pod, sc + "allowPrivilegeEscalation",
                "must be false", findings);
        expect(!Boolean.TRUE.equals(context.getPrivileged()), pod, sc + "privileged", "must not be true", findings);
        Capabilities capabilities = Optional.ofNullable(context.getCapabilities()).orElseGet(Capabilities::new);
        expect(capabilities.getDrop() != null && capabilities.getDrop().contains("ALL"), pod, sc + "capabilities.drop",
                "must contain ALL", findings);
        expect(capabilities.getAdd() == null || capabilities.getAdd().isEmpty(), pod, sc + "capabilities.add",
                "must be empty", findings);
        resourceFindings(pod, at, findings);
    }

    private static void resourceFindings(Workloads.PodOf pod, Workloads.ContainerAt at, List<Finding> findings) {
        ResourceRequirements resources = Optional.ofNullable(at.container().getResources())
                .orElseGet(ResourceRequirements::new);
        for (String kind : List.of("requests", "limits")) {
            Map<String, Quantity> amounts = "requests".equals(kind) ? resources.getRequests() : resources.getLimits();
            for (String resource : List.of("cpu", "memory")) {
                Quantity amount = amounts == null ? null : amounts.get(resource);
                expect(positive(amount), pod, at.path() + ".resources." + kind + "." + resource,
                        "must be set to a positive quantity", findings);
            }
        }
    }

    private static boolean positive(Quantity amount) {
        try {
            return amount != null && amount.getNumericalAmount().signum() > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean effective(Boolean container, Boolean pod) {
        return Boolean.TRUE.equals(container != null ? container : pod);
    }

    private static Stream<Workloads.ContainerAt> ephemeral(Workloads.PodOf pod) {
        if (pod.spec().getEphemeralContainers() == null) {
            return Stream.empty();
        }
        Function<EphemeralContainer, Container> asContainer = ephemeral -> new ContainerBuilder()
                .withName(ephemeral.getName()).withImage(ephemeral.getImage()).build();
        return pod.spec().getEphemeralContainers().stream().map(asContainer)
                .map(container -> new Workloads.ContainerAt(pod.path() + ".ephemeralContainers[" + container.getName() + "]",
                        container));
    }

    private static void wildcards(List<String> values, String object, String path, List<Finding> findings) {
        if (values != null && values.stream().filter(Objects::nonNull).anyMatch(value -> value.contains("*"))) {
            findings.add(new Finding(object, path, "must not contain a wildcard, got " + values));
        }
    }

    private static void expect(boolean holds, Workloads.PodOf pod, String path, String expectation, List<Finding> findings) {
        if (!holds) {
            findings.add(new Finding(pod.object(), path, expectation));
        }
    }
}
