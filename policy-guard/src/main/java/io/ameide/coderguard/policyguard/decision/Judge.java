package io.ameide.coderguard.policyguard.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.ameide.coderguard.policyguard.policy.Exemption;
import io.ameide.coderguard.policyguard.policy.Policy;
import io.ameide.coderguard.policyguard.policy.Rule;

/**
 * Judges one workspace namespace as a whole against the policy: a pure function of the policy, what was observed and the
 * time, the same in the running service and in the audit mode.
 */
public final class Judge {

    private static final Comparator<Finding> ORDER = Comparator.comparing((Finding finding) -> finding.object().kind())
            .thenComparing(finding -> finding.object().name())
            .thenComparing(Finding::ruleId)
            .thenComparing(Finding::subject);

    private final Policy policy;

    public Judge(Policy policy) {
        this.policy = policy;
    }

    /**
     * The findings for a namespace, ordered by object and rule, exemptions applied.
     *
     * @param coder what Coder knows of workspaces, or empty when it was not asked (the orphan rules are then skipped)
     */
    public List<Finding> judge(NamespaceSnapshot namespace, ClusterView cluster, Optional<WorkspaceDirectory> coder,
            Instant now) {
        Findings findings = new Findings(policy);

        NetworkRules.judge(policy, namespace, findings);
        QuotaRules.judge(policy, namespace, findings);
        IdentityRules.judge(policy, namespace, cluster, findings);
        CredentialRules.judge(policy, namespace, findings);
        ImageRules.judge(policy, namespace, findings);
        PrivilegeRules.judge(policy, namespace, findings);
        if (policy.reportOrphans()) {
            coder.ifPresent(directory -> OrphanRules.judge(namespace, directory, findings));
        }

        List<Finding> judged = exempt(namespace.name(), findings, now);
        judged.sort(ORDER);
        return judged;
    }

    /** Drops findings a live exemption covers; an expired exemption covers nothing and is itself reported. */
    private List<Finding> exempt(String namespace, Findings findings, Instant now) {
        List<Finding> kept = new ArrayList<>();
        for (Finding finding : findings.list()) {
            boolean exempted = policy.exemptions()
                    .stream()
                    .anyMatch(exemption -> !exemption.expiredAt(now) && exemption.names(finding.ruleId(),
                            finding.object().kind(), namespace, finding.object().name()));
            if (!exempted) {
                kept.add(finding);
            }
        }
        for (Exemption exemption : policy.exemptions()) {
            if (exemption.namespace().equals(namespace) && exemption.expiredAt(now)) {
                kept.add(new Finding(Rule.EXEMPTION_EXPIRED, policy.severityOf(Rule.EXEMPTION_EXPIRED),
                        new ObjectRef(null, exemption.kind(), "Namespace".equals(exemption.kind()) ? null : namespace,
                                exemption.name(), null),
                        "exemption " + exemption.rule(), "The exemption from " + exemption.rule() + " (" + exemption
                                .reason() + ") expired at " + exemption.expires() + "; the rule applies again."));
            }
        }
        return kept;
    }
}
