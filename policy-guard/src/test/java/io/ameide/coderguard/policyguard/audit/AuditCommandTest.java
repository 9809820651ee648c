package io.ameide.coderguard.policyguard.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ameide.coderguard.policyguard.RealWorldCases;

class AuditCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AuditCommand command = new AuditCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Clock.fixed(Instant.parse("2026-01-15T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void failsOnlyWhenAFindingReachesTheGivenSeverity() {
        String policy = RealWorldCases.baseline().toString();
        String case18 = RealWorldCases.CASE_18.input().toString();

        assertThat(command.run("--fail-on", "critical", "--policy", policy, case18)).isEqualTo(AuditCommand.OK);
        assertThat(command.run("--fail-on", "high", "--policy", policy, case18)).isEqualTo(AuditCommand.FAILED);
    }

    @Test
    void readsEveryManifestOfAFolder(@TempDir Path folder) throws IOException {
        Files.copy(RealWorldCases.CASE_20.input(), folder.resolve("a.yaml"));
        Files.createDirectory(folder.resolve("nested"));
        Files.copy(RealWorldCases.CASE_21.input(), folder.resolve("nested/b.yml"));

        command.run("--policy", RealWorldCases.baseline().toString(), folder.toString());

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Pod ws-u-grove/").contains("Pod ws-u-heath/")
                .contains("14 finding(s) over 4 object(s)");
    }

    @Test
    void namesTheFileAndDocumentOfBrokenInputAndKeepsASecretsContentOutOfTheError(@TempDir Path folder)
            throws IOException {
        Path broken = folder.resolve("broken.yaml");
        Files.writeString(broken, """
                apiVersion: v1
                kind: Namespace
                metadata: {name: ws-a}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: s, namespace: ws-a}
                data: [hunter2]
                """);

        int exit = command.run("--policy", RealWorldCases.baseline().toString(), broken.toString());

        assertThat(exit).isEqualTo(AuditCommand.UNREADABLE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(broken + " document 2: Secret s does not fit its kind")
                .doesNotContain("hunter2");
    }

    @Test
    void saysWhichNamespacesTheSelectorLeftOut(@TempDir Path folder) throws IOException {
        Path manifest = folder.resolve("ns.yaml");
        Files.writeString(manifest, """
                apiVersion: v1
                kind: Namespace
                metadata: {name: kube-system}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: coredns, namespace: kube-system}
                spec: {containers: [{name: c, image: "coredns:1.11", securityContext: {privileged: true}}]}
                """);

        int exit = command.run("--policy", RealWorldCases.baseline().toString(), manifest.toString());

        assertThat(exit).isEqualTo(AuditCommand.OK);
        assertThat(out.toString(StandardCharsets.UTF_8).strip()).isEqualTo(
                "0 finding(s) over 2 object(s); namespaces the policy's selector does not pick: [kube-system]");
    }

    @Test
    void saysAMissingPolicyFileIsMissing() {
        int exit = command.run("--policy", "no-such-policy.yaml", RealWorldCases.CASE_15.input().toString());

        assertThat(exit).isEqualTo(AuditCommand.UNREADABLE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read no-such-policy.yaml: no such file");
    }

    @Test
    void refusesAMissingPolicyAsAUsageError() {
        assertThat(command.run(RealWorldCases.CASE_15.input().toString())).isEqualTo(AuditCommand.USAGE_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--policy FILE is required");
    }
}
