package io.ameide.coderguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ameide.coderguard.policyguard.audit.AuditCommand;

/**
 * policy-guard's own audit mode ({@link AuditCommand}, the rules the service runs) over what a workspace namespace holds
 * in dev: the rendered workspace baseline and a workspace of the Coder template's shape
 * (src/test/resources/workspace/workspace-pod.yaml), judged by the policy the policy-guard chart renders for dev. The
 * baseline, the template and the policy all come from this folder, so they must agree: not one finding, of any severity.
 */
class WorkspacePolicyAuditTest {

    private static final String BASELINE = "workspace-baseline";
    private static final String WORKSPACES = "coder-workspaces";
    private static final String WORKSPACE_POD = "/workspace/workspace-pod.yaml";
    /** Exemptions expire against this clock; the policies here have none, so any fixed time will do. */
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void devsBaselineAndAWorkspaceOfTheTemplatesShapeBreakNoRuleOfDevsPolicy() {
        Audit audit = audit(baselineForDev(Map.of()), workspacePod(), devPolicy());

        assertThat(audit.findings()).as(audit.err()).isEmpty();
        assertThat(audit.exit()).isZero();
    }

    @Test
    void theChartsDefaultPolicyAgreesWithTheBaselinesDefaultsAndATemplatePushedWithoutKubectl() {
        String baseline = HelmCharts.render(BASELINE, WORKSPACES, null, Map.of("enabled", "true"));
        String policy = HelmCharts.render("policy-guard", "coder-guardrails", null, Map.of("enabled", "true",
                "image.repository", "example.invalid/policy-guard", "image.digest", "sha256:" + "0".repeat(64),
                "oidc.authServerUrl", "http://keycloak.invalid/realms/coder-guardrails",
                "networkPolicy.apiServer.cidrs[0]", "10.0.0.1/32"));
        String pod = workspacePod().replace("automountServiceAccountToken: true", "automountServiceAccountToken: false");

        Audit audit = audit(baseline, pod, policyConfigMap(policy));

        assertThat(audit.findings()).as(audit.err()).isEmpty();
        assertThat(audit.exit()).isZero();
    }

    @Test
    void aPrivilegedWorkspacePodIsFoundSoTheCheckCanFail() {
        String pod = workspacePod().replace("privileged: false", "privileged: true");

        Audit audit = audit(baselineForDev(Map.of()), pod, devPolicy());

        assertThat(audit.rules()).contains("privilege.privileged");
        assertThat(audit.exit()).isEqualTo(3);
    }

    @Test
    void aWorkspaceMountingItsTokenWhereThePolicyAllowsNoneIsFound() {
        String baseline = HelmCharts.render(BASELINE, WORKSPACES, null, Map.of("enabled", "true"));
        String policy = HelmCharts.render("policy-guard", "coder-guardrails", null, Map.of("enabled", "true",
                "image.repository", "example.invalid/policy-guard", "image.digest", "sha256:" + "0".repeat(64),
                "oidc.authServerUrl", "http://keycloak.invalid/realms/coder-guardrails",
                "networkPolicy.apiServer.cidrs[0]", "10.0.0.1/32"));

        Audit audit = audit(baseline, workspacePod(), policyConfigMap(policy));

        assertThat(audit.rules()).containsExactly("identity.token-automount");
    }

    @Test
    void egressTheBaselineOpensBeyondThePolicysAllowlistIsFound() {
        Audit audit = audit(baselineForDev(Map.of("egress.aiEndpoint.cidrs[0]", "20.50.0.0/16")), workspacePod(),
                devPolicy());

        assertThat(audit.rules()).contains("network.egress-beyond-allowlist");
    }

    @Test
    void anAllowlistEntryTheBaselineDoesNotOpenIsFound() {
        Audit audit = audit(baselineForDev(Map.of("egress.gitHosting.cidrs", "null")), workspacePod(), devPolicy());

        assertThat(audit.rules()).contains("network.egress-allowlist-incomplete");
    }

    private record Audit(int exit, List<JsonNode> findings, String err) {

        List<String> rules() {
            return findings.stream().map(finding -> finding.path("rule").asText()).distinct().toList();
        }
    }

    private Audit audit(String baseline, String workspace, String policy) {
        Path baselineFile = write("baseline.yaml", baseline);
        Path workspaceFile = write("workspace.yaml", workspace);
        Path policyFile = write("policy.yaml", policy);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AuditCommand command = new AuditCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.fixed(NOW, ZoneOffset.UTC));

        int exit = command.run("--json", "--policy", policyFile.toString(), baselineFile.toString(),
                workspaceFile.toString());

        String error = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("the audit read every file: " + error).isIn(0, 3);
        return new Audit(exit, findings(out.toString(StandardCharsets.UTF_8)), error);
    }

    private static List<JsonNode> findings(String json) {
        try {
            List<JsonNode> findings = new ArrayList<>();
            new ObjectMapper().readTree(json).forEach(findings::add);
            return findings;
        } catch (IOException e) {
            throw new UncheckedIOException("the audit's --json output does not parse: " + json, e);
        }
    }

    private static String baselineForDev(Map<String, ?> sets) {
        return HelmCharts.render(BASELINE, WORKSPACES, DeployTree.environmentValues(Environments.DEV, BASELINE), sets);
    }

    /** The ConfigMap the policy-guard chart renders for dev, as the service's pods mount it. */
    private static String devPolicy() {
        return HelmCharts.renderFor(Environments.DEV, "policy-guard", "coder-guardrails").transform(
                WorkspacePolicyAuditTest::policyConfigMap);
    }

    private static String policyConfigMap(String rendered) {
        return Manifests.documents(rendered).stream()
                .filter(object -> object.at("/metadata/name").asText().equals("policy-guard-policy")).findFirst()
                .orElseThrow(() -> new AssertionError("the chart renders no ConfigMap policy-guard-policy")).toString();
    }

    private static String workspacePod() {
        try (InputStream in = WorkspacePolicyAuditTest.class.getResourceAsStream(WORKSPACE_POD)) {
            assertThat(in).as(WORKSPACE_POD).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path write(String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
