package io.ameide.coderguard.policyguard.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ameide.coderguard.policyguard.RealWorldCases;

/** The shared real-world cases, each through the audit mode exactly as a CI job would run it. */
class AuditCasesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-15T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void passesNamespaceWhoseCatchAllPoliciesCoverEveryPod() {
        Audit audit = audit(RealWorldCases.CASE_15);

        assertThat(audit.lines).isEmpty();
        assertThat(audit.exitCode).isZero();
    }

    @Test
    void flagsMissingDnsAndDnsOverUdpOnly() {
        Audit audit = audit(RealWorldCases.CASE_17);

        assertThat(RealWorldCases.CASE_17.inScope(audit.lines)).isEqualTo(RealWorldCases.CASE_17.expected());
        assertThat(audit.messageOf("network.dns Namespace ws-u-cedar [DNS]"))
                .contains("is not allowed at all").contains("UDP/53 and TCP/53 missing");
        assertThat(audit.messageOf("network.dns Namespace ws-u-dune [DNS]"))
                .contains("is allowed on UDP/53 only").contains("TCP/53 missing");
    }

    @Test
    void flagsAbsentLimitRangeAlthoughAQuotaIsPresent() {
        Audit audit = audit(RealWorldCases.CASE_18);

        assertThat(RealWorldCases.CASE_18.inScope(audit.lines)).isEqualTo(RealWorldCases.CASE_18.expected());
    }

    @Test
    void flagsPrivilegedInitAndEphemeralContainersAndTheDockerSocketDespiteAnUnprivilegedMainContainer() {
        Audit audit = audit(RealWorldCases.CASE_20);

        assertThat(RealWorldCases.CASE_20.inScope(audit.lines)).isEqualTo(RealWorldCases.CASE_20.expected());
        assertThat(audit.messageOf(RealWorldCases.CASE_20.expected().get(0)))
                .isEqualTo("hostPath /var/run/docker.sock (volume dockersock) is mounted into dev.");
    }

    @Test
    void acceptsOnlyValidDigestsWhateverRegistryPortsAndLookalikeNames() {
        Audit audit = audit(RealWorldCases.CASE_21);

        assertThat(RealWorldCases.CASE_21.inScope(audit.lines)).isEqualTo(RealWorldCases.CASE_21.expected());
        assertThat(audit.messageOf(RealWorldCases.CASE_21.expected().get(0))).contains("tag '2.1' only, no digest");
        assertThat(audit.messageOf(RealWorldCases.CASE_21.expected().get(2))).contains("malformed digest 'sha256:abc123'");
    }

    @Test
    void findsQueueAndOtherEnvironmentSecretsReachedThroughProjectedVolumesAndEnvFrom() {
        Audit audit = audit(RealWorldCases.CASE_22);

        assertThat(RealWorldCases.CASE_22.inScope(audit.lines)).isEqualTo(RealWorldCases.CASE_22.expected());
        assertThat(audit.messageOf(RealWorldCases.CASE_22.expected().get(0))).contains("via envFrom of container dev");
        assertThat(audit.messageOf(RealWorldCases.CASE_22.expected().get(1)))
                .contains("via projected volume 'bundle' mounted into dev");
    }

    @Test
    void judgesLiveObjectsAndNotAStaleReportAboutAPodThatIsGone() {
        Audit audit = audit(RealWorldCases.CASE_23);

        assertThat(RealWorldCases.CASE_23.inScope(audit.lines)).isEmpty();
        assertThat(audit.skippedLine).contains("PolicyReport=1");
    }

    private static Audit audit(RealWorldCases realCase) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AuditCommand command = new AuditCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);
        int json = command.run("--json", "--policy", RealWorldCases.baseline().toString(), realCase.input().toString());
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();

        ByteArrayOutputStream text = new ByteArrayOutputStream();
        new AuditCommand(new PrintStream(text, true, StandardCharsets.UTF_8), System.err, CLOCK).run("--policy",
                RealWorldCases.baseline().toString(), realCase.input().toString());
        List<String> textLines = text.toString(StandardCharsets.UTF_8).lines().toList();
        return new Audit(out.toString(StandardCharsets.UTF_8), json, textLines.get(textLines.size() - 1));
    }

    /** The JSON output, as {@code rule kind namespace/name [subject]} lines and messages. */
    static final class Audit {

        final List<String> lines = new ArrayList<>();
        final List<String> messages = new ArrayList<>();
        final int exitCode;
        final String skippedLine;

        Audit(String json, int exitCode, String skippedLine) {
            this.exitCode = exitCode;
            this.skippedLine = skippedLine;
            try {
                for (JsonNode finding : new ObjectMapper().readTree(json)) {
                    String namespace = finding.path("namespace").isNull() ? "" : finding.path("namespace").asText() + "/";
                    lines.add(finding.path("rule").asText() + " " + finding.path("kind").asText() + " " + namespace
                            + finding.path("name").asText() + " [" + finding.path("subject").asText() + "]");
                    messages.add(finding.path("message").asText());
                }
            } catch (java.io.IOException e) {
                throw new AssertionError("the audit printed no JSON: " + json, e);
            }
        }

        String messageOf(String line) {
            int index = lines.indexOf(line);
            assertThat(index).as("finding %s among %s", line, lines).isNotNegative();
            return messages.get(index);
        }
    }
}
