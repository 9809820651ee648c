package io.ameide.coderguard.policyguard.decision;

import java.util.List;
import java.util.Map;

import io.ameide.coderguard.policyguard.policy.Labels;

/**
 * What one NetworkPolicy rule lets through, peer by peer and port by port. A rule without peers reaches anywhere, a
 * rule without ports every port.
 */
record Grant(Peer peer, Port port) {

    /**
     * A peer of a rule. {@code namespace} is the one namespace a pod peer is confined to, or null with
     * {@code allNamespaces} for every namespace; {@code namespaceResolved} is false when a namespace selector picks
     * namespaces by labels policy-guard cannot see, so it can neither be shown inside an allowlist entry nor be relied
     * on to reach one.
     */
    record Peer(Kind kind, Cidr cidr, List<Cidr> except, String namespace, boolean allNamespaces,
            boolean namespaceResolved, Map<String, String> podLabels, boolean podExpressions, String text) {

        enum Kind {
            ANYWHERE,
            IP_BLOCK,
            PODS
        }

        static Peer anywhere() {
            return new Peer(Kind.ANYWHERE, null, List.of(), null, true, true, Map.of(), false, "anywhere");
        }

        static Peer ipBlock(Cidr cidr, List<Cidr> except, String text) {
            return new Peer(Kind.IP_BLOCK, cidr, except, null, false, true, Map.of(), false, text);
        }

        static Peer pods(String namespace, boolean allNamespaces, boolean namespaceResolved,
                Map<String, String> podLabels, boolean podExpressions) {
            String where = allNamespaces ? "*" : namespaceResolved ? namespace : "(namespaces by label)";
            String who = podLabels.isEmpty() && !podExpressions
                    ? "*"
                    : Labels.format(podLabels) + (podExpressions ? " (+expressions)" : "");
            return new Peer(Kind.PODS, null, List.of(), namespace, allNamespaces, namespaceResolved, Map.copyOf(podLabels),
                    podExpressions, where + "/" + who);
        }
    }

    /** A port: {@code number} null means every port; a name is a container's named port, unknown here. */
    record Port(String protocol, Integer number, Integer endNumber, String name) {

        static Port all() {
            return new Port(null, null, null, null);
        }

        boolean isAll() {
            return number == null && name == null;
        }

        @Override
        public String toString() {
            if (isAll()) {
                return "any port";
            }
            if (name != null) {
                return protocol + "/" + name;
            }
            return protocol + "/" + number + (endNumber != null && endNumber > number ? "-" + endNumber : "");
        }
    }

    @Override
    public String toString() {
        return "to " + peer.text() + " on " + port;
    }
}
