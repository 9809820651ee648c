package io.ameide.coderguard.policyguard.decision;

import io.ameide.coderguard.policyguard.policy.Rule;
import io.ameide.coderguard.policyguard.policy.Severity;

/**
 * One deviation from the policy.
 *
 * @param object the object that deviates
 * @param subject the part of it that does, e.g. {@code initContainer setup-docker}, {@code volume bundle} or
 *     {@code Egress}; with rule and object it identifies the finding across judgements
 * @param message what is wrong, naming names but never a Secret's or an env var's value
 */
public record Finding(Rule rule, Severity severity, ObjectRef object, String subject, String message) {

    public String ruleId() {
        return rule.id();
    }

    public String remediation() {
        return rule.remediation();
    }

    /** What makes two findings the same finding: rule, object (without uid) and subject. */
    public String key() {
        return rule.id() + "|" + object.kind() + "|" + object.namespace() + "|" + object.name() + "|" + subject;
    }
}
