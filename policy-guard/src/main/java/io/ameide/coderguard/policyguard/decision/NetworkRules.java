package io.ameide.coderguard.policyguard.decision;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.ameide.coderguard.policyguard.policy.AllowedPeer;
import io.ameide.coderguard.policyguard.policy.AllowedPort;
import io.ameide.coderguard.policyguard.policy.Direction;
import io.ameide.coderguard.policyguard.policy.Policy;
import io.ameide.coderguard.policyguard.policy.Rule;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;

/**
 * Default-deny in both directions covers every pod, and what the policies let through stays inside the allowlist and
 * includes all of it, DNS on UDP and TCP 53 first. A pod's effective traffic in a direction is the union of the rules of
 * the policies that select it and isolate that direction; a namespace's baseline is the union of the policies that
 * select every pod ({@code podSelector: {}}), which is what any pod, present or future, gets at least.
 */
final class NetworkRules {

    private static final int DNS_PORT = 53;
    private static final int NAMES_SHOWN = 5;

    private NetworkRules() {
    }

    static void judge(Policy policy, NamespaceSnapshot namespace, Findings findings) {
        if (policy.network().isEmpty()) {
            return;
        }
        Policy.Network network = policy.network().get();
        for (Direction direction : Direction.values()) {
            if (network.defaultDeny().contains(direction)) {
                defaultDeny(namespace, direction, findings);
            }
            allowlist(network, direction).ifPresent(allowed -> beyond(namespace, direction, allowed, findings));
        }
        network.egressAllowlist().ifPresent(allowed -> missing(namespace, allowed, findings));
    }

    /** The allowlist a direction is compared with: the policy's, or nothing at all when the direction is default-deny. */
    private static Optional<List<AllowedPeer>> allowlist(Policy.Network network, Direction direction) {
        if (network.allowlist(direction).isPresent()) {
            return network.allowlist(direction);
        }
        return network.defaultDeny().contains(direction) ? Optional.of(List.of()) : Optional.empty();
    }

    private static void defaultDeny(NamespaceSnapshot namespace, Direction direction, Findings findings) {
        boolean everyPod = namespace.networkPolicies()
                .stream()
                .anyMatch(policy -> NetworkPolicies.selectsAll(policy) && isolates(policy, direction));
        if (everyPod) {
            return;
        }
        List<String> open = namespace.pods()
                .stream()
                .filter(pod -> selecting(namespace, pod, direction).isEmpty())
                .map(pod -> pod.getMetadata().getName())
                .toList();
        findings.add(Rule.NETWORK_DEFAULT_DENY, namespace.namespaceRef(), direction.policyType(),
                "No NetworkPolicy with podSelector: {} isolates " + direction.policyType() + ", so pods are open by"
                        + " default" + (open.isEmpty() ? "." : "; open now: " + names(open) + "."));
    }

    /** Each rule in force that lets through something the allowlist does not hold, reported on its NetworkPolicy. */
    private static void beyond(NamespaceSnapshot namespace, Direction direction, List<AllowedPeer> allowed,
            Findings findings) {
        Rule rule = direction == Direction.EGRESS
                ? Rule.NETWORK_EGRESS_BEYOND_ALLOWLIST
                : Rule.NETWORK_INGRESS_BEYOND_ALLOWLIST;
        for (NetworkPolicy policy : namespace.networkPolicies()) {
            if (!isolates(policy, direction)) {
                continue;
            }
            List<List<Grant>> rules = rules(policy, direction, namespace.name());
            for (int index = 0; index < rules.size(); index++) {
                List<String> excess = rules.get(index)
                        .stream()
                        .filter(grant -> !Allowlists.covers(allowed, grant, namespace.name()))
                        .map(grant -> describe(direction, grant))
                        .distinct()
                        .toList();
                if (!excess.isEmpty()) {
                    String where = direction.policyType().toLowerCase(Locale.ROOT) + "[" + index + "]";
                    findings.add(rule, ObjectRef.of(policy), where, "NetworkPolicy " + policy.getMetadata().getName()
                            + " " + where + " allows " + names(excess) + ", beyond the policy's allowlist.");
                }
            }
        }
    }

    /**
     * What the allowlist holds but the pods cannot reach. Judged on the namespace's baseline when a policy isolates
     * every pod's egress; otherwise on each pod some policy isolates, as a pod nothing isolates reaches everything.
     */
    private static void missing(NamespaceSnapshot namespace, List<AllowedPeer> allowed, Findings findings) {
        List<NetworkPolicy> everyPod = namespace.networkPolicies()
                .stream()
                .filter(policy -> NetworkPolicies.selectsAll(policy) && isolates(policy, Direction.EGRESS))
                .toList();
        if (!everyPod.isEmpty()) {
            missing(namespace.namespaceRef(), "the namespace's pods", grants(everyPod, namespace.name()), allowed,
                    findings);
            return;
        }
        for (Pod pod : namespace.pods()) {
            List<NetworkPolicy> selecting = selecting(namespace, pod, Direction.EGRESS);
            if (!selecting.isEmpty()) {
                missing(ObjectRef.of(pod), "the pod", grants(selecting, namespace.name()), allowed, findings);
            }
        }
    }

    private static void missing(ObjectRef object, String who, List<Grant> grants, List<AllowedPeer> allowed,
            Findings findings) {
        List<AllowedPeer> dns = allowed.stream().filter(NetworkRules::isDns).toList();
        Set<String> dnsMissing = new LinkedHashSet<>();
        for (String protocol : List.of("UDP", "TCP")) {
            AllowedPort port = new AllowedPort(protocol, DNS_PORT);
            boolean reached = dns.isEmpty()
                    ? grants.stream().anyMatch(grant -> reachesPort(grant, port))
                    : dns.stream().anyMatch(entry -> Allowlists.reaches(grants, entry, port));
            if (!reached) {
                dnsMissing.add(port.toString());
            }
        }
        if (!dnsMissing.isEmpty()) {
            String target = dns.isEmpty()
                    ? "DNS"
                    : "DNS (" + dns.stream().map(AllowedPeer::peer).distinct()
                            .collect(Collectors.joining(", ")) + ")";
            String state = dnsMissing.size() == 2
                    ? "is not allowed at all"
                    : "is allowed on " + (dnsMissing.contains("TCP/53") ? "UDP/53" : "TCP/53") + " only";
            findings.add(Rule.NETWORK_DNS, object, "DNS", target + " " + state + " for " + who + ": "
                    + String.join(" and ", dnsMissing) + " missing, so name resolution fails.");
        }
        for (AllowedPeer entry : allowed) {
            if (isDns(entry)) {
                continue;
            }
            List<String> ports = entry.ports()
                    .stream()
                    .filter(port -> !Allowlists.reaches(grants, entry, port))
                    .map(AllowedPort::toString)
                    .toList();
            if (!ports.isEmpty()) {
                findings.add(Rule.NETWORK_EGRESS_ALLOWLIST_INCOMPLETE, object, "allowlist " + entry.name(),
                        "Allowlist entry " + entry.name() + " (" + entry.peer() + " on " + String.join(", ", ports)
                                + ") is not allowed for " + who + ".");
            }
        }
    }

    private static boolean reachesPort(Grant grant, AllowedPort port) {
        Grant.Port granted = grant.port();
        if (granted.isAll()) {
            return true;
        }
        int last = granted.endNumber() == null ? granted.number() : Math.max(granted.number(), granted.endNumber());
        return granted.name() == null && granted.protocol().equals(port.protocol()) && granted.number() <= port.port()
                && port.port() <= last;
    }

    private static boolean isDns(AllowedPeer entry) {
        return entry.ports().stream().anyMatch(port -> port.port() == DNS_PORT);
    }

    private static List<NetworkPolicy> selecting(NamespaceSnapshot namespace, Pod pod, Direction direction) {
        return namespace.networkPolicies()
                .stream()
                .filter(policy -> isolates(policy, direction))
                .filter(policy -> NetworkPolicies.selects(policy, pod.getMetadata().getLabels()))
                .toList();
    }

    private static boolean isolates(NetworkPolicy policy, Direction direction) {
        return NetworkPolicies.directions(policy).contains(direction);
    }

    private static List<Grant> grants(List<NetworkPolicy> policies, String ownNamespace) {
        List<Grant> grants = new ArrayList<>();
        for (NetworkPolicy policy : policies) {
            rules(policy, Direction.EGRESS, ownNamespace).forEach(grants::addAll);
        }
        return grants;
    }

    /** The grants of each rule of a direction, in order; empty when the policy does not isolate the direction. */
    private static List<List<Grant>> rules(NetworkPolicy policy, Direction direction, String ownNamespace) {
        List<List<Grant>> rules = new ArrayList<>();
        if (policy.getSpec() == null || !isolates(policy, direction)) {
            return rules;
        }
        if (direction == Direction.EGRESS) {
            for (NetworkPolicyEgressRule rule : PodContainer.nonNull(policy.getSpec().getEgress())) {
                rules.add(NetworkPolicies.grants(rule.getTo(), rule.getPorts(), ownNamespace));
            }
        } else {
            for (NetworkPolicyIngressRule rule : PodContainer.nonNull(policy.getSpec().getIngress())) {
                rules.add(NetworkPolicies.grants(rule.getFrom(), rule.getPorts(), ownNamespace));
            }
        }
        return rules;
    }

    private static String describe(Direction direction, Grant grant) {
        return (direction == Direction.EGRESS ? "to " : "from ") + grant.peer().text() + " on " + grant.port();
    }

    private static String names(List<String> names) {
        if (names.size() <= NAMES_SHOWN) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, NAMES_SHOWN)) + " and " + (names.size() - NAMES_SHOWN) + " more";
    }

}
