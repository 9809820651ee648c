package io.ameide.coderguard.policyguard.policy;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The security policy workspace namespaces are judged against, as read from the policy document. A rule whose key the
 * document leaves out is not in force: the document states what is enforced, nothing is enforced behind its back.
 *
 * @param workspaceNamespaceSelector labels a namespace must carry to be judged
 * @param network the network rules, or empty when the document has no {@code networkPolicy}
 * @param resourceQuotaMaximums the largest {@code spec.hard} value allowed per resource, in canonical units
 * @param tokenAutomountAllowedFor the ServiceAccounts that may have their token mounted, or empty when the rule is off
 * @param queueCredentialLabels labels that mark a Secret as a queue credential ({@code forbidSecretsWithLabel})
 */
public record Policy(Map<String, String> workspaceNamespaceSelector, Optional<Network> network,
        boolean requireResourceQuota, Map<String, BigDecimal> resourceQuotaMaximums, boolean requireLimitRange,
        boolean forbidClusterAdmin, Optional<Set<String>> tokenAutomountAllowedFor,
        Map<String, String> queueCredentialLabels, boolean forbidQueueCredentials, boolean forbidOtherEnvironment,
        String environmentLabel, boolean requireImageDigest, boolean forbidPrivileged, boolean forbidHostNamespaces,
        boolean forbidPrivilegeEscalation, Set<String> forbiddenCapabilities, List<String> forbiddenHostPathPrefixes,
        boolean forbidTelepresence, boolean reportOrphans, Map<Rule, Severity> severities,
        List<Exemption> exemptions) {

    /**
     * The network part of the policy.
     *
     * @param defaultDeny the directions every pod must be isolated in
     * @param egressAllowlist the egress every pod may have, or empty when egress is not compared
     * @param ingressAllowlist the ingress every pod may have, or empty when ingress is not compared
     */
    public record Network(Set<Direction> defaultDeny, Optional<List<AllowedPeer>> egressAllowlist,
            Optional<List<AllowedPeer>> ingressAllowlist) {

        public Network {
            defaultDeny = defaultDeny.isEmpty() ? Set.of() : Set.copyOf(defaultDeny);
        }

        /** The allowlist of a direction, when the policy compares that direction. */
        public Optional<List<AllowedPeer>> allowlist(Direction direction) {
            return direction == Direction.EGRESS ? egressAllowlist : ingressAllowlist;
        }
    }

    public Policy {
        workspaceNamespaceSelector = Map.copyOf(workspaceNamespaceSelector);
        resourceQuotaMaximums = Map.copyOf(resourceQuotaMaximums);
        queueCredentialLabels = Map.copyOf(queueCredentialLabels);
        forbiddenCapabilities = Set.copyOf(forbiddenCapabilities);
        forbiddenHostPathPrefixes = List.copyOf(forbiddenHostPathPrefixes);
        severities = severities.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(severities));
        exemptions = List.copyOf(exemptions);
    }

    /** The severity findings of a rule carry: the policy's override, else the rule's default. */
    public Severity severityOf(Rule rule) {
        return severities.getOrDefault(rule, rule.defaultSeverity());
    }

    /** Whether the queue-credential rule is in force: the policy names a label, or forbids queue credentials outright. */
    public boolean queueCredentialRuleInForce() {
        return forbidQueueCredentials || !queueCredentialLabels.isEmpty();
    }

    /** Whether a namespace with these labels is a workspace namespace. */
    public boolean selectsNamespace(Map<String, String> labels) {
        return Labels.containsAll(labels, workspaceNamespaceSelector);
    }
}
