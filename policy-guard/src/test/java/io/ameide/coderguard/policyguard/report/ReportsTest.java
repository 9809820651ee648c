package io.ameide.coderguard.policyguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ameide.coderguard.policyguard.decision.Finding;
import io.ameide.coderguard.policyguard.decision.ObjectRef;
import io.ameide.coderguard.policyguard.policy.Rule;
import io.ameide.coderguard.policyguard.policy.Severity;

class ReportsTest {

    private static final Instant MONDAY = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2026-03-03T09:00:00Z");

    @Test
    void keepsTheFirstSeenTimeSoThatAnUnchangedJudgementChangesNothing() {
        PolicyReport monday = Reports.update("ws-a", List.of(privileged("p1")), null, MONDAY, 10).desired();

        Reports.Update tuesday = Reports.update("ws-a", List.of(privileged("p1")), monday, TUESDAY, 10);

        assertThat(tuesday.changed()).isFalse();
        assertThat(tuesday.newFindings()).isEmpty();
        assertThat(tuesday.desired().getResults().get(0).timestamp.seconds).isEqualTo(MONDAY.getEpochSecond());
    }

    @Test
    void namesOnlyFindingsTheCurrentReportDoesNotHoldAsNew() {
        PolicyReport monday = Reports.update("ws-a", List.of(privileged("p1")), null, MONDAY, 10).desired();

        Reports.Update tuesday = Reports.update("ws-a", List.of(privileged("p1"), privileged("p2")), monday, TUESDAY, 10);

        assertThat(tuesday.changed()).isTrue();
        assertThat(tuesday.newFindings()).extracting(finding -> finding.object().name()).containsExactly("p2");
    }

    @Test
    void keepsTheMostSevereResultsWithinTheBoundAndCountsAll() {
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            findings.add(new Finding(Rule.IMAGE_DIGEST, Severity.LOW, pod("low-" + i), "container c", "m"));
        }
        findings.add(privileged("bad"));

        PolicyReport report = Reports.update("ws-a", findings, null, MONDAY, 3).desired();

        assertThat(report.getResults()).hasSize(3);
        assertThat(report.getResults().get(0).severity).isEqualTo("critical");
        assertThat(report.getSummary().fail).isEqualTo(6);
        assertThat(report.getMetadata().getAnnotations()).containsEntry(Reports.TRUNCATED_ANNOTATION, "3");
    }

    @Test
    void keepsAFindingAlreadyReportedWhenABurstOfEquallySevereOnesWouldPushItOut() {
        Finding old = new Finding(Rule.IDENTITY_CLUSTER_ADMIN, Severity.CRITICAL, new ObjectRef(
                "rbac.authorization.k8s.io/v1", "RoleBinding", "ws-a", "workspace-helper", "uid-rb"), "ServiceAccount ws-a",
                "cluster-admin");
        PolicyReport monday = Reports.update("ws-a", List.of(old), null, MONDAY, 3).desired();
        List<Finding> burst = new ArrayList<>(List.of(privileged("a"), privileged("b"), privileged("c"), old));

        Reports.Update tuesday = Reports.update("ws-a", burst, monday, TUESDAY, 3);

        assertThat(tuesday.desired().getResults()).extracting(result -> result.resources.get(0).name)
                .containsExactly("workspace-helper", "a", "b");
        assertThat(tuesday.newFindings()).extracting(finding -> finding.object().name()).containsExactly("a", "b");
        assertThat(tuesday.desired().getResults().get(0).timestamp.seconds).isEqualTo(MONDAY.getEpochSecond());
    }

    @Test
    void keepsTheSameResultsWhateverOrderTheFindingsCameIn() {
        List<Finding> findings = new ArrayList<>(List.of(privileged("c"), privileged("a"), privileged("d"), privileged("b")));
        List<Finding> reversed = new ArrayList<>(findings);
        Collections.reverse(reversed);

        assertThat(names(Reports.update("ws-a", findings, null, MONDAY, 2).desired()))
                .isEqualTo(names(Reports.update("ws-a", reversed, null, MONDAY, 2).desired())).containsExactly("a", "b");
    }

    private static List<String> names(PolicyReport report) {
        return report.getResults().stream().map(result -> result.resources.get(0).name).toList();
    }

    private static Finding privileged(String pod) {
        return new Finding(Rule.PRIVILEGE_PRIVILEGED, Severity.CRITICAL, pod(pod), "container dev", "runs privileged");
    }

    private static ObjectRef pod(String name) {
        return new ObjectRef("v1", "Pod", "ws-a", name, "uid-" + name);
    }
}
