package io.ameide.coderguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.bertramlabs.plugins.hcl4j.HCLParserException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Coder template for the developer workspace (coder-templates/devcontainer), parsed as HCL and held to what the
 * rest of deploy/ and the guardrail services expect of a workspace. hcl4j evaluates what it can (locals, defaults)
 * and leaves references to Coder's data as text, which is enough to check the template's shape; it is not Terraform, so
 * {@code terraform validate} against the providers is still left to the template release (deploy/README.md).
 */
class CoderTemplateTest {

    private static final Path TEMPLATE = DeployTree.root().resolve("coder-templates/devcontainer/main.tf");
    private static final Set<String> COM_CODER_LABELS = Set.of("com.coder.resource", "com.coder.workspace.id",
            "com.coder.workspace.name", "com.coder.user.id", "com.coder.user.username");

    private final Map<String, Object> template = parse(Readmes.read(TEMPLATE));

    @Test
    void parsesAsHclWithTheAgentItsAppsItsScriptsAndTheDeployment() {
        assertThat(map(template, "resource", "coder_agent")).containsOnlyKeys("main");
        assertThat(map(template, "resource", "coder_app")).containsOnlyKeys("code_server");
        assertThat(map(template, "resource", "coder_script")).containsOnlyKeys("git_setup", "repo_clone",
                "telepresence_shim", "code_server");
        assertThat(map(template, "resource", "kubernetes_deployment_v1")).containsOnlyKeys("main");
    }

    @Test
    void aTemplateThatIsNotHclIsRefused() {
        assertThatThrownBy(() -> parse("resource \"coder_agent\" \"main\" {\n  os = = \"linux\"\n}\n"))
                .hasMessageContaining("does not parse as HCL").hasMessageContaining("Illegal character");
    }

    @Test
    void labelsTheDeploymentAndThePodWithTheComCoderLabels() {
        Map<String, Object> deployment = map(template, "resource", "kubernetes_deployment_v1", "main");

        assertThat(map(deployment, "metadata", "labels")).containsKeys(COM_CODER_LABELS.toArray(String[]::new));
        assertThat(map(deployment, "spec", "template", "metadata", "labels"))
                .containsKeys(COM_CODER_LABELS.toArray(String[]::new));
    }

    @Test
    void givesPodsTheLabelTheIdleReaperSelectsWorkspacesBy() {
        JsonNode reaper = Manifests.document(Readmes.read(DeployTree.chart("idle-reaper").resolve("values.yaml")));
        String[] selector = reaper.at("/kubernetes/selector").asText().split("=", 2);
        Map<String, Object> deployment = map(template, "resource", "kubernetes_deployment_v1", "main");

        assertThat(map(deployment, "spec", "template", "metadata", "labels")).containsEntry(selector[0], selector[1]);
    }

    @Test
    void buildsWithEnvbuilderPinnedByDigestWithoutADockerDaemonOrAFallbackImage() {
        Map<String, Object> image = map(template, "variable", "envbuilder_image");
        Map<String, String> env = env();

        assertThat(image).doesNotContainKey("default");
        assertThat(String.valueOf(map(image, "validation").get("error_message"))).contains("pinned by digest");
        assertThat(env).containsEntry("ENVBUILDER_EXIT_ON_BUILD_FAILURE", "true").doesNotContainKey(
                "ENVBUILDER_FALLBACK_IMAGE");
        assertThat(map(template, "terraform", "required_providers")).containsOnlyKeys("coder", "kubernetes");
        assertThat(map(container(), "security_context")).containsEntry("privileged", false)
                .containsEntry("allow_privilege_escalation", false);
        assertThat(map(template, "resource", "kubernetes_deployment_v1", "main", "spec", "template", "spec",
                "security_context", "seccomp_profile")).containsEntry("type", "RuntimeDefault");
    }

    @Test
    void handsTheAgentItsTokenBySecretNameAndHoldsNoSecretValue() {
        @SuppressWarnings("unchecked")
        Map<String, Object> token = ((List<Map<String, Object>>) container().get("env")).stream()
                .filter(entry -> "CODER_AGENT_TOKEN".equals(entry.get("name"))).findFirst().orElseThrow();

        assertThat(token).doesNotContainKey("value");
        assertThat(map(token, "value_from", "secret_key_ref")).containsEntry("key", "token");
        assertThat(map(template, "variable")).allSatisfy((name, variable) -> assertThat(
                ((Map<?, ?>) variable).containsKey("sensitive")).as(name + " is sensitive").isFalse());
    }

    @Test
    void keepsHomeAndTheCloneEphemeralUnlessTheDeveloperAsksForVolumes() {
        assertThat(map(template, "data", "coder_parameter", "home_volume")).containsEntry("default", "false");
        assertThat(map(template, "data", "coder_parameter", "workspaces_volume")).containsEntry("default", "false");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> volumes = (List<Map<String, Object>>) map(template, "resource",
                "kubernetes_deployment_v1", "main", "spec", "template", "spec").get("volume");

        assertThat(volumes).extracting(volume -> volume.get("name")).containsExactly("home", "workspaces");
        assertThat(volumes).allSatisfy(volume -> {
            assertThat(map(volume, "dynamic", "empty_dir").get("for_each")).isEqualTo(List.of(1.0));
            assertThat(map(volume, "dynamic", "persistent_volume_claim").get("for_each")).isEqualTo(List.of());
        });
    }

    @Test
    void runsInTheBaselinedNamespaceAsItsServiceAccountAndSaysSoToTools() {
        JsonNode baseline = Manifests.document(Readmes.read(DeployTree.chart("workspace-baseline").resolve("values.yaml")));
        JsonNode apps = Manifests.document(Readmes.read(DeployTree.environmentValues("dev", "platform-apps")));
        String namespace = String.valueOf(map(template, "variable", "namespace").get("default"));

        assertThat(namespace).isEqualTo(apps.at("/components/workspaceBaseline/namespace").asText("coder-workspaces"));
        assertThat(map(template, "variable", "service_account")).containsEntry("default",
                baseline.at("/serviceAccount/name").asText());
        assertThat(map(template, "resource", "coder_agent", "main", "env")).containsEntry("KUBERNETES_NAMESPACE",
                namespace);
    }

    @Test
    void mountsTheServiceAccountsTokenOnlyWhenThePushSaysSoBecauseTheProviderWouldAlways() {
        Map<String, Object> pod = map(template, "resource", "kubernetes_deployment_v1", "main", "spec", "template", "spec");

        assertThat(map(template, "variable", "service_account_token")).containsEntry("default", false);
        assertThat(pod).containsKey("automount_service_account_token");
        // hcl4j reads var.service_account_token as that variable's default.
        assertThat(pod.get("automount_service_account_token")).isEqualTo(false);
    }

    @Test
    void connectsTheAgentToCoderdInsideTheClusterWhereTheBaselineLetsItThrough() {
        JsonNode baseline = Manifests.document(Readmes.read(DeployTree.chart("workspace-baseline").resolve("values.yaml")));
        JsonNode coder = Manifests.document(Readmes.read(DeployTree.environmentValues("dev", "coder")));
        String agentUrl = String.valueOf(map(template, "variable", "agent_url").get("default"));

        assertThat(env()).containsEntry("CODER_AGENT_URL", agentUrl);
        assertThat(agentUrl).isEqualTo("http://coder." + baseline.at("/egress/coderd/namespace").asText()
                + ".svc.cluster.local");
        assertThat(coder.at("/coder/service/type").asText()).isEqualTo("ClusterIP");
    }

    @Test
    void servesVsCodeOnThePortItsScriptStartsCodeServerOn() {
        Map<String, Object> app = map(template, "resource", "coder_app", "code_server");
        String script = String.valueOf(map(template, "resource", "coder_script", "code_server").get("script"));

        assertThat(app).containsEntry("slug", "code-server");
        assertThat(String.valueOf(app.get("url"))).startsWith("http://localhost:13337/");
        assertThat(script).contains("--bind-addr 127.0.0.1:13337");
    }

    @Test
    void replacesTelepresenceWithAShimThatFailsAtOnceAndPointsToTheRunbook() {
        String script = String.valueOf(map(template, "resource", "coder_script", "telepresence_shim").get("script"));
        String target = String.valueOf(map(template, "variable", "supported_workflow_url").get("default"));

        assertThat(script).contains("telepresence is not supported in Coder workspaces").contains("exit 1");
        assertThat(target).startsWith("deploy/README.md#");
        assertThat(Readmes.anchors(Readmes.read(Readmes.runbook()))).contains(target.substring(target.indexOf('#') + 1));
    }

    private Map<String, Object> container() {
        return map(template, "resource", "kubernetes_deployment_v1", "main", "spec", "template", "spec", "container");
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> env() {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        ((List<Map<String, Object>>) container().get("env")).forEach(entry -> {
            if (entry.containsKey("value")) {
                env.put(String.valueOf(entry.get("name")), String.valueOf(entry.get("value")));
            }
        });
        return env;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> root, String... path) {
        Object node = root;
        for (String key : path) {
            assertThat(node).as("at " + key).isInstanceOf(Map.class);
            node = ((Map<String, Object>) node).get(key);
        }
        assertThat(node).as(String.join(".", path)).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    /** hcl4j wraps some of its parse errors in a RuntimeException; either way the test reports the parser's message. */
    private static Map<String, Object> parse(String hcl) {
        try {
            return new HCLParser().parse(hcl);
        } catch (HCLParserException | IOException | RuntimeException e) {
            throw new AssertionError("the template does not parse as HCL: " + e.getMessage(), e);
        }
    }
}
