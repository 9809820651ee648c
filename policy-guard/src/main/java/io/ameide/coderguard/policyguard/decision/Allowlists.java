package io.ameide.coderguard.policyguard.decision;

import java.util.List;

import io.ameide.coderguard.policyguard.policy.AllowedPeer;
import io.ameide.coderguard.policyguard.policy.AllowedPort;
import io.ameide.coderguard.policyguard.policy.Labels;

/**
 * Compares what NetworkPolicies let through with the policy's allowlist, both ways: whether a grant stays inside the
 * allowlist (nothing beyond it), and whether grants reach an allowlisted peer and port (nothing missing). Where a
 * selector cannot be resolved from what is observed, the answer is the cautious one each way round.
 */
final class Allowlists {

    private Allowlists() {
    }

    /** Whether some allowlist entry permits everything the grant lets through. */
    static boolean covers(List<AllowedPeer> allowlist, Grant grant, String ownNamespace) {
        return allowlist.stream()
                .anyMatch(entry -> peerWithin(grant.peer(), entry, ownNamespace) && portWithin(grant.port(), entry));
    }

    /** Whether some grant lets through traffic with the entry's peer on this port. */
    static boolean reaches(List<Grant> grants, AllowedPeer entry, AllowedPort port) {
        return grants.stream().anyMatch(grant -> peerIncludes(grant.peer(), entry) && portIncludes(grant.port(), port));
    }

    private static boolean peerWithin(Grant.Peer peer, AllowedPeer entry, String ownNamespace) {
        return switch (peer.kind()) {
            case ANYWHERE -> false;
            case IP_BLOCK -> entry.isIpBlock() && Cidr.parse(entry.ipBlock()).map(peer.cidr()::within).orElse(false);
            // More pod labels select fewer pods, so a grant naming every label of the entry (and maybe more) is inside it.
            case PODS -> !entry.isIpBlock() && !peer.allNamespaces() && peer.namespaceResolved()
                    && entry.namespace().equals(peer.namespace() == null ? ownNamespace : peer.namespace())
                    && Labels.containsAll(peer.podLabels(), entry.podLabels());
        };
    }

    private static boolean portWithin(Grant.Port port, AllowedPeer entry) {
        if (port.isAll() || port.name() != null) {
            return false;
        }
        int last = port.endNumber() == null ? port.number() : Math.max(port.number(), port.endNumber());
        for (int number = port.number(); number <= last; number++) {
            if (!entry.ports().contains(new AllowedPort(port.protocol(), number))) {
                return false;
            }
        }
        return true;
    }

    private static boolean peerIncludes(Grant.Peer peer, AllowedPeer entry) {
        return switch (peer.kind()) {
            case ANYWHERE -> true;
            // An address block reaches the entry when it shares addresses with it that no except takes out again; a grant
            // narrower than the entry (one proxy address of an allowlisted range) still reaches what the entry is for.
            case IP_BLOCK -> entry.isIpBlock() && Cidr.parse(entry.ipBlock())
                    .map(block -> block.overlaps(peer.cidr()) && peer.except().stream().noneMatch(block::within))
                    .orElse(false);
            // Fewer pod labels select more pods, so a grant naming only labels the entry names reaches the entry's pods.
            case PODS -> !entry.isIpBlock() && !peer.podExpressions()
                    && (peer.allNamespaces() || peer.namespaceResolved() && entry.namespace().equals(peer.namespace()))
                    && Labels.containsAll(entry.podLabels(), peer.podLabels());
        };
    }

    private static boolean portIncludes(Grant.Port port, AllowedPort wanted) {
        if (port.isAll()) {
            return true;
        }
        if (port.name() != null || !port.protocol().equals(wanted.protocol())) {
            return false;
        }
        int last = port.endNumber() == null ? port.number() : Math.max(port.number(), port.endNumber());
        return port.number() <= wanted.port() && wanted.port() <= last;
    }
}
