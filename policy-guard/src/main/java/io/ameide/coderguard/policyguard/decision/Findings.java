package io.ameide.coderguard.policyguard.decision;

import java.util.ArrayList;
import java.util.List;

import io.ameide.coderguard.policyguard.policy.Policy;
import io.ameide.coderguard.policyguard.policy.Rule;

/** Collects the findings of one judgement, with the severity the policy gives each rule. */
final class Findings {

    private final Policy policy;
    private final List<Finding> found = new ArrayList<>();

    Findings(Policy policy) {
        this.policy = policy;
    }

    void add(Rule rule, ObjectRef object, String subject, String message) {
        found.add(new Finding(rule, policy.severityOf(rule), object, subject, message));
    }

    List<Finding> list() {
        return found;
    }
}
