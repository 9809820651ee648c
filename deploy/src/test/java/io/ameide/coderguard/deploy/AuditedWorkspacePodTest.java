package io.ameide.coderguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ameide.coderguard.templatesync.kubernetes.CoderTemplate;

/**
 * The workspace pod the build audits with policy-guard (src/test/resources/workspace/workspace-pod.yaml, written by
 * hand, since no Terraform runs here) is the pod main.tf renders with dev's release values and the parameters' defaults
 * ({@link TemplatePodSpec}): a change to the template's pod spec that the written pod does not follow fails here, so
 * the audit never judges yesterday's shape.
 */
class AuditedWorkspacePodTest {

    private static final String MAIN_TF = Readmes.read(DeployTree.root().resolve("coder-templates/devcontainer/main.tf"));
    private static final String WORKSPACE_POD = "/workspace/workspace-pod.yaml";

    @Test
    void theAuditedPodIsTheOneTheTemplateRendersWithDevsReleaseValues() {
        assertThat(TemplatePodSpec.differences(rendered(MAIN_TF), writtenPodSpec())).isEmpty();
    }

    @Test
    void aContainerMadePrivilegedInTheTemplateIsADifference() {
        String privileged = MAIN_TF.replace("privileged                 = false", "privileged                 = true");

        assertThat(TemplatePodSpec.differences(rendered(privileged), writtenPodSpec())).containsExactly(
                "spec.containers[0].securityContext.privileged: true in the template, false in the written pod");
    }

    @Test
    void aVolumeAddedToTheTemplateIsADifference() {
        String withHostPath = MAIN_TF.replace("        volume {\n          name = \"home\"", """
                volume {
                  name = "docker"
                  host_path {
                    path = "/var/run/docker.sock"
                  }
                }
                volume {
                  name = "home\"""");

        assertThat(withHostPath).isNotEqualTo(MAIN_TF);
        assertThat(TemplatePodSpec.differences(rendered(withHostPath), writtenPodSpec()))
                .containsExactly("spec.volumes: 3 entries in the template, 2 in the written pod");
    }

    @Test
    void theTokenMountFollowsTheReleasesVariableAsCoderHandsItToTerraform() {
        JsonNode withoutKubectl = TemplatePodSpec.of(MAIN_TF, Map.of("service_account_token", "false"));
        JsonNode withKubectl = TemplatePodSpec.of(MAIN_TF, Map.of("service_account_token", "true"));

        assertThat(withoutKubectl.path("automountServiceAccountToken").asBoolean()).isFalse();
        assertThat(withKubectl.path("automountServiceAccountToken").asBoolean()).isTrue();
    }

    private static JsonNode rendered(String mainTf) {
        return TemplatePodSpec.of(mainTf, ChartObjects.only("devcontainer", CoderTemplate.class).getSpec().getVariables());
    }

    private static JsonNode writtenPodSpec() {
        try (InputStream in = AuditedWorkspacePodTest.class.getResourceAsStream(WORKSPACE_POD)) {
            assertThat(in).as(WORKSPACE_POD).isNotNull();
            return Manifests.documents(new String(in.readAllBytes(), StandardCharsets.UTF_8)).stream()
                    .filter(document -> document.path("kind").asText().equals("Pod")).findFirst().orElseThrow()
                    .path("spec");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
