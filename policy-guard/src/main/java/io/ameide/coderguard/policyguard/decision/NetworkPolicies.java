package io.ameide.coderguard.policyguard.decision;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.ameide.coderguard.policyguard.policy.Direction;
import io.ameide.coderguard.policyguard.policy.Labels;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/** NetworkPolicy semantics as the API server and the network plugins apply them. */
final class NetworkPolicies {

    /** The label the API server puts on every namespace, holding its name. */
    static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    private NetworkPolicies() {
    }

    /**
     * The directions a policy isolates. Without {@code policyTypes} the API server assumes Ingress, and Egress only when
     * the policy has egress rules; rules of a direction not listed are not in force.
     */
    static Set<Direction> directions(NetworkPolicy policy) {
        Set<Direction> directions = EnumSet.noneOf(Direction.class);
        List<String> types = policy.getSpec() == null ? List.of() : PodContainer.nonNull(policy.getSpec().getPolicyTypes());
        if (types.isEmpty()) {
            directions.add(Direction.INGRESS);
            if (policy.getSpec() != null && !PodContainer.nonNull(policy.getSpec().getEgress()).isEmpty()) {
                directions.add(Direction.EGRESS);
            }
            return directions;
        }
        for (String type : types) {
            Direction direction = Direction.ofPolicyType(type);
            if (direction != null) {
                directions.add(direction);
            }
        }
        return directions;
    }

    static boolean selectsAll(NetworkPolicy policy) {
        LabelSelector selector = policy.getSpec() == null ? null : policy.getSpec().getPodSelector();
        return selector == null || (empty(selector.getMatchLabels()) && empty(selector.getMatchExpressions()));
    }

    static boolean selects(NetworkPolicy policy, Map<String, String> podLabels) {
        return matches(policy.getSpec() == null ? null : policy.getSpec().getPodSelector(), podLabels);
    }

    /** A label selector's verdict on a label set; an empty or absent selector selects everything. */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        Map<String, String> present = labels == null ? Map.of() : labels;
        if (!Labels.containsAll(present, selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels())) {
            return false;
        }
        for (LabelSelectorRequirement requirement : PodContainer.nonNull(selector.getMatchExpressions())) {
            String value = present.get(requirement.getKey());
            List<String> values = PodContainer.nonNull(requirement.getValues());
            boolean ok = switch (requirement.getOperator()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The grants of one rule: every peer with every port. */
    static List<Grant> grants(List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports, String ownNamespace) {
        List<Grant.Peer> resolvedPeers = new ArrayList<>();
        for (NetworkPolicyPeer peer : PodContainer.nonNull(peers)) {
            resolvedPeers.add(peer(peer, ownNamespace));
        }
        if (resolvedPeers.isEmpty()) {
            resolvedPeers.add(Grant.Peer.anywhere());
        }
        List<Grant.Port> resolvedPorts = new ArrayList<>();
        for (NetworkPolicyPort port : PodContainer.nonNull(ports)) {
            resolvedPorts.add(port(port));
        }
        if (resolvedPorts.isEmpty()) {
            resolvedPorts.add(Grant.Port.all());
        }
        List<Grant> grants = new ArrayList<>();
        for (Grant.Peer peer : resolvedPeers) {
            for (Grant.Port port : resolvedPorts) {
                grants.add(new Grant(peer, port));
            }
        }
        return grants;
    }

    private static Grant.Peer peer(NetworkPolicyPeer peer, String ownNamespace) {
        IPBlock block = peer.getIpBlock();
        if (block != null) {
            List<Cidr> except = new ArrayList<>();
            for (String text : PodContainer.nonNull(block.getExcept())) {
                Cidr.parse(text).ifPresent(except::add);
            }
            // An unreadable CIDR is treated as 0.0.0.0/0: it can then never pass for an allowlisted block.
            Cidr cidr = Cidr.parse(block.getCidr()).orElse(Cidr.parse("0.0.0.0/0").orElseThrow());
            return Grant.Peer.ipBlock(cidr, except,
                    block.getCidr() + (except.isEmpty() ? "" : " except " + String.join(",", block.getExcept())));
        }
        LabelSelector pods = peer.getPodSelector();
        Map<String, String> podLabels = pods == null || pods.getMatchLabels() == null ? Map.of() : pods.getMatchLabels();
        boolean podExpressions = pods != null && !empty(pods.getMatchExpressions());
        LabelSelector namespaces = peer.getNamespaceSelector();
        if (namespaces == null) {
            return Grant.Peer.pods(ownNamespace, false, true, podLabels, podExpressions);
        }
        if (empty(namespaces.getMatchLabels()) && empty(namespaces.getMatchExpressions())) {
            return Grant.Peer.pods(null, true, true, podLabels, podExpressions);
        }
        Optional<String> pinned = pinnedNamespace(namespaces);
        return Grant.Peer.pods(pinned.orElse(null), false, pinned.isPresent(), podLabels, podExpressions);
    }

    /**
     * The one namespace a selector picks by its name label ({@code matchLabels} or an {@code In} with one value), when
     * it selects by nothing else.
     */
    private static Optional<String> pinnedNamespace(LabelSelector selector) {
        Map<String, String> labels = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        List<LabelSelectorRequirement> expressions = PodContainer.nonNull(selector.getMatchExpressions());
        if (labels.size() == 1 && expressions.isEmpty() && labels.containsKey(NAMESPACE_NAME_LABEL)) {
            return Optional.of(labels.get(NAMESPACE_NAME_LABEL));
        }
        if (labels.isEmpty() && expressions.size() == 1) {
            LabelSelectorRequirement only = expressions.get(0);
            if (NAMESPACE_NAME_LABEL.equals(only.getKey()) && "In".equals(only.getOperator())
                    && PodContainer.nonNull(only.getValues()).size() == 1) {
                return Optional.of(only.getValues().get(0));
            }
        }
        return Optional.empty();
    }

    private static Grant.Port port(NetworkPolicyPort port) {
        String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
        IntOrString value = port.getPort();
        if (value == null) {
            return new Grant.Port(protocol, 1, 65535, null);
        }
        if (value.getIntVal() != null) {
            return new Grant.Port(protocol, value.getIntVal(), port.getEndPort(), null);
        }
        return new Grant.Port(protocol, null, null, value.getStrVal());
    }

    private static boolean empty(Map<?, ?> map) {
        return map == null || map.isEmpty();
    }

    private static boolean empty(List<?> list) {
        return list == null || list.isEmpty();
    }
}
