package io.ameide.coderguard.policyguard.decision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.ameide.coderguard.policyguard.policy.Policy;
import io.ameide.coderguard.policyguard.policy.PolicyParser;
import io.ameide.coderguard.policyguard.policy.Rule;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;

/**
 * Nothing privileged, no host namespaces, no container runtime socket, no privilege escalation, no dangerous added
 * capabilities and no Telepresence traffic agent, in any container kind. One privileged container is enough to own the
 * node, so an unprivileged main container never makes the pod pass.
 */
final class PrivilegeRules {

    /** The container Telepresence injects to intercept a workload's traffic, and the image it runs. */
    private static final String TRAFFIC_AGENT = "traffic-agent";
    private static final String TELEPRESENCE_ANNOTATION_PREFIX = "telepresence.getambassador.io/";

    private PrivilegeRules() {
    }

    static void judge(Policy policy, NamespaceSnapshot namespace, Findings findings) {
        for (Pod pod : namespace.pods()) {
            ObjectRef ref = ObjectRef.of(pod);
            for (PodContainer container : PodContainer.of(pod)) {
                judgeContainer(policy, ref, container, findings);
            }
            if (policy.forbidHostNamespaces()) {
                hostNamespaces(pod, ref, findings);
            }
            hostPaths(policy, pod, ref, findings);
            if (policy.forbidTelepresence()) {
                telepresenceAnnotations(pod, ref, findings);
            }
        }
    }

    private static void judgeContainer(Policy policy, ObjectRef pod, PodContainer container, Findings findings) {
        SecurityContext context = container.securityContext();
        boolean privileged = context != null && Boolean.TRUE.equals(context.getPrivileged());
        if (policy.forbidPrivileged() && privileged) {
            findings.add(Rule.PRIVILEGE_PRIVILEGED, pod, container.label(), capitalized(container.label())
                    + " runs privileged.");
        }
        // A privileged container always may escalate; the privileged finding already says more.
        boolean escalationAllowed = context == null || !Boolean.FALSE.equals(context.getAllowPrivilegeEscalation());
        if (policy.forbidPrivilegeEscalation() && escalationAllowed && !privileged) {
            findings.add(Rule.PRIVILEGE_ESCALATION, pod, container.label(), capitalized(container.label())
                    + " does not set allowPrivilegeEscalation: false.");
        }
        Set<String> dangerous = dangerousCapabilities(policy, context);
        if (!dangerous.isEmpty()) {
            findings.add(Rule.PRIVILEGE_CAPABILITIES, pod, container.label(), capitalized(container.label())
                    + " adds capabilities " + String.join(", ", dangerous) + ".");
        }
        if (policy.forbidTelepresence() && isTrafficAgent(container)) {
            findings.add(Rule.PRIVILEGE_TELEPRESENCE, pod, container.label(), capitalized(container.label())
                    + " is a Telepresence traffic agent (" + container.image() + ").");
        }
    }

    private static Set<String> dangerousCapabilities(Policy policy, SecurityContext context) {
        Capabilities capabilities = context == null ? null : context.getCapabilities();
        if (policy.forbiddenCapabilities().isEmpty() || capabilities == null) {
            return Set.of();
        }
        Set<String> dangerous = new TreeSet<>();
        for (String added : PodContainer.nonNull(capabilities.getAdd())) {
            String name = PolicyParser.capability(added);
            if (name.equals("ALL") || policy.forbiddenCapabilities().contains(name)) {
                dangerous.add(name);
            }
        }
        return dangerous;
    }

    private static boolean isTrafficAgent(PodContainer container) {
        String image = container.image() == null ? "" : container.image().toLowerCase(Locale.ROOT);
        String repository = ImageReference.parse(image).name();
        String last = repository.substring(repository.lastIndexOf('/') + 1);
        return TRAFFIC_AGENT.equals(container.name()) || last.equals("tel2") || last.startsWith("telepresence")
                || repository.contains("/telepresence");
    }

    private static void hostNamespaces(Pod pod, ObjectRef ref, Findings findings) {
        PodSpec spec = pod.getSpec();
        if (spec == null) {
            return;
        }
        List<String> shared = new ArrayList<>();
        if (Boolean.TRUE.equals(spec.getHostNetwork())) {
            shared.add("hostNetwork");
        }
        if (Boolean.TRUE.equals(spec.getHostPID())) {
            shared.add("hostPID");
        }
        if (Boolean.TRUE.equals(spec.getHostIPC())) {
            shared.add("hostIPC");
        }
        if (!shared.isEmpty()) {
            findings.add(Rule.PRIVILEGE_HOST_NAMESPACES, ref, "pod", "The pod shares the node's namespaces: "
                    + String.join(", ", shared) + ".");
        }
    }

    private static void hostPaths(Policy policy, Pod pod, ObjectRef ref, Findings findings) {
        if (policy.forbiddenHostPathPrefixes().isEmpty() || pod.getSpec() == null) {
            return;
        }
        List<PodContainer> containers = PodContainer.of(pod);
        for (Volume volume : PodContainer.nonNull(pod.getSpec().getVolumes())) {
            if (volume.getHostPath() == null || !reachesForbidden(policy, volume.getHostPath().getPath())) {
                continue;
            }
            String mountedInto = containers.stream()
                    .filter(container -> container.mounts(volume.getName()))
                    .map(PodContainer::name)
                    .collect(Collectors.joining(", "));
            findings.add(Rule.PRIVILEGE_HOST_PATH, ref, "volume " + volume.getName(), "hostPath "
                    + volume.getHostPath().getPath() + " (volume " + volume.getName() + ") "
                    + (mountedInto.isEmpty()
                            ? "is declared, mounted into no container yet."
                            : "is mounted into "
                                    + mountedInto + "."));
        }
    }

    /**
     * A path reaches a forbidden one when it is the path, lies under it, or is a directory above it: mounting
     * {@code /var/run} hands over {@code /var/run/docker.sock} as surely as mounting the socket itself. Both are compared
     * as the node sees them: Kubernetes accepts {@code //}, {@code /./} and a trailing {@code /} in a hostPath, and
     * {@code /var/run} is a link to {@code /run} on every current Linux distribution, so each spelling names the same
     * file.
     */
    static boolean reachesForbidden(Policy policy, String path) {
        if (path == null) {
            return false;
        }
        String normalized = onTheNode(path);
        for (String forbidden : policy.forbiddenHostPathPrefixes()) {
            String prefix = onTheNode(forbidden);
            if (normalized.equals(prefix) || normalized.startsWith(prefix + "/") || normalized.equals("/")
                    || prefix.startsWith(normalized + "/")) {
                return true;
            }
        }
        return false;
    }

    /** The path with empty and {@code .} segments dropped, and {@code /var/run} spelt {@code /run}. */
    static String onTheNode(String path) {
        String joined = "/" + Arrays.stream(path.split("/"))
                .filter(segment -> !segment.isEmpty() && !segment.equals("."))
                .collect(Collectors.joining("/"));
        return joined.equals("/var/run") || joined.startsWith("/var/run/") ? joined.substring("/var".length()) : joined;
    }

    private static void telepresenceAnnotations(Pod pod, ObjectRef ref, Findings findings) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        if (annotations == null) {
            return;
        }
        boolean injected = annotations.keySet().stream().anyMatch(key -> key.startsWith(TELEPRESENCE_ANNOTATION_PREFIX));
        boolean agentContainerPresent = PodContainer.of(pod).stream().anyMatch(PrivilegeRules::isTrafficAgent);
        if (injected && !agentContainerPresent) {
            findings.add(Rule.PRIVILEGE_TELEPRESENCE, ref, "pod",
                    "The pod carries Telepresence's injection annotations (" + TELEPRESENCE_ANNOTATION_PREFIX + "*).");
        }
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
