package io.ameide.coderguard.policyguard.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.ameide.coderguard.policyguard.audit.ManifestException;
import io.ameide.coderguard.policyguard.audit.Manifests;
import io.ameide.coderguard.policyguard.audit.ObservedObjects;
import io.ameide.coderguard.policyguard.policy.Policy;
import io.ameide.coderguard.policyguard.policy.PolicyParser;

/** Runs the judge over objects and a policy written as YAML, and gives the findings as comparable lines. */
final class Judged {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private Judged() {
    }

    static List<Finding> findings(String policyYaml, String objectsYaml) {
        return findings(policyYaml, objectsYaml, Optional.empty(), NOW);
    }

    static List<Finding> findings(String policyYaml, String objectsYaml, Optional<WorkspaceDirectory> coder,
            Instant now) {
        Policy policy = PolicyParser.parse(policyYaml);
        Manifests manifests = new Manifests();
        try {
            manifests.readText("test", objectsYaml);
        } catch (ManifestException e) {
            throw new AssertionError(e.getMessage(), e);
        }
        ObservedObjects.Grouped grouped = ObservedObjects.group(manifests.objects(), policy);
        List<Finding> findings = new ArrayList<>();
        for (NamespaceSnapshot namespace : grouped.namespaces()) {
            findings.addAll(new Judge(policy).judge(namespace, grouped.cluster(), coder, now));
        }
        return findings;
    }

    /** {@code rule kind namespace/name [subject]} per finding. */
    static List<String> lines(String policyYaml, String objectsYaml) {
        return lines(findings(policyYaml, objectsYaml));
    }

    static List<String> lines(List<Finding> findings) {
        return findings.stream()
                .map(finding -> finding.ruleId() + " " + finding.object() + " [" + finding.subject() + "]")
                .toList();
    }
}
