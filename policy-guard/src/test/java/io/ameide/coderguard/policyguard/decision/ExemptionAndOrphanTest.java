package io.ameide.coderguard.policyguard.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ExemptionAndOrphanTest {

    private static final String POD = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: ws-a}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: dind-7f9c, namespace: ws-a}
            spec: {containers: [{name: dind, image: x, securityContext: {privileged: true}}]}
            """;

    private static final String EXEMPT_UNTIL_MARCH_10 = """
            forbidPrivileged: true
            exemptions:
              - {rule: privilege.privileged, namespace: ws-a, kind: Pod, name: "dind-*", reason: "INC-42 migration", expires: "2026-03-10T00:00:00Z"}
            """;

    @Test
    void dropsAFindingALiveExemptionCovers() {
        var findings = Judged.findings(EXEMPT_UNTIL_MARCH_10, POD, Optional.empty(),
                Instant.parse("2026-03-09T23:59:59Z"));

        assertThat(findings).isEmpty();
    }

    @Test
    void ignoresAndReportsAnExpiredExemption() {
        var findings = Judged.findings(EXEMPT_UNTIL_MARCH_10, POD, Optional.empty(), Instant.parse("2026-03-10T00:00:00Z"));

        assertThat(Judged.lines(findings)).containsExactly("exemption.expired Pod ws-a/dind-* [exemption privilege.privileged]",
                "privilege.privileged Pod ws-a/dind-7f9c [container dind]");
    }

    @Test
    void reportsPodsAndVolumesWhoseWorkspaceCoderDoesNotRunOrHave() {
        String objects = """
                apiVersion: v1
                kind: Namespace
                metadata: {name: ws-a}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: coder-dev, namespace: ws-a, labels: {com.coder.workspace.id: 11111111-2222-4333-8444-555555555555}}
                spec: {selector: {matchLabels: {a: b}}, template: {spec: {containers: [{name: c, image: x}]}}}
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: coder-dev-5d6f7a8b9c-x2x9z
                  namespace: ws-a
                  labels: {app.kubernetes.io/name: coder-workspace}
                  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: coder-dev-5d6f7a8b9c, uid: r1}]
                spec: {containers: [{name: c, image: x}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: unrelated, namespace: ws-a}
                spec: {containers: [{name: c, image: x}]}
                ---
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: coder-99999999-2222-4333-8444-555555555555-home, namespace: ws-a}
                ---
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: kept, namespace: ws-a, labels: {com.coder.workspace.id: 11111111-2222-4333-8444-555555555555}}
                """;
        WorkspaceDirectory stopped = new WorkspaceDirectory(Set.of("11111111-2222-4333-8444-555555555555"), Set.of());

        var findings = Judged.findings("reportOrphans: true", objects, Optional.of(stopped), Judged.NOW);

        assertThat(Judged.lines(findings)).containsExactly(
                "orphan.pvc PersistentVolumeClaim ws-a/coder-99999999-2222-4333-8444-555555555555-home"
                        + " [workspace 99999999-2222-4333-8444-555555555555]",
                "orphan.pod Pod ws-a/coder-dev-5d6f7a8b9c-x2x9z [workspace 11111111-2222-4333-8444-555555555555]");
        assertThat(findings.get(1).message()).endsWith("which Coder does not run.");
    }
}
