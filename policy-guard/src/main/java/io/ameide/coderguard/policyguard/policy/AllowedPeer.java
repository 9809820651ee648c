package io.ameide.coderguard.policyguard.policy;

import java.util.List;
import java.util.Map;

/**
 * One entry of an allowlist: where traffic may go (or come from) and on which ports. The peer is either pods of one
 * namespace ({@code namespace} and {@code podLabels}; no labels means every pod of it) or an address block
 * ({@code ipBlock}, a CIDR).
 */
public record AllowedPeer(String name, String namespace, Map<String, String> podLabels, String ipBlock,
        List<AllowedPort> ports) {

    public AllowedPeer {
        podLabels = podLabels == null ? Map.of() : Map.copyOf(podLabels);
        ports = List.copyOf(ports);
    }

    public boolean isIpBlock() {
        return ipBlock != null;
    }

    /** The peer as a person reads it: {@code kube-system/k8s-app=kube-dns} or {@code 10.40.0.10/32}. */
    public String peer() {
        if (isIpBlock()) {
            return ipBlock;
        }
        return namespace + "/" + (podLabels.isEmpty() ? "*" : Labels.format(podLabels));
    }
}
