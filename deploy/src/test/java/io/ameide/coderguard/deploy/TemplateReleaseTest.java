package io.ameide.coderguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.ameide.coderguard.templatesync.decision.LintFinding;
import io.ameide.coderguard.templatesync.decision.ReleaseName;
import io.ameide.coderguard.templatesync.decision.TemplateLint;
import io.ameide.coderguard.templatesync.kubernetes.CoderTemplate;
import io.ameide.coderguard.templatesync.kubernetes.TemplateFiles;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * The release of the Coder template under coder-templates/devcontainer (the folder is its own chart), as dev renders
 * it: the CoderTemplate read as template-sync's own type, and the ConfigMap holding the template's files, which
 * template-sync's own lint must pass.
 */
class TemplateReleaseTest {

    private static final String CHART = "devcontainer";
    private static final String NAMESPACE = "coder-guardrails";

    @Test
    void holdsExactlyTheTemplatesFilesAsTheyAreInItsFolder() throws IOException {
        ConfigMap files = only(ConfigMap.class);

        assertThat(files.getData()).containsOnlyKeys("main.tf");
        assertThat(files.getData().get("main.tf"))
                .isEqualTo(Files.readString(DeployTree.chart(CHART).resolve("main.tf"), StandardCharsets.UTF_8));
    }

    @Test
    void takesFilesInSubfoldersButNotTheReadmeOrTheChartsOwnFiles(@TempDir Path copy) throws IOException {
        copyChart(copy);
        Files.createDirectories(copy.resolve("modules"));
        Files.writeString(copy.resolve("modules/agent.tf"), "# a module\n");
        Files.writeString(copy.resolve("startup.sh.tftpl"), "#!/bin/sh\n");

        ConfigMap files = renderCopy(copy, Map.of()).stream().filter(ConfigMap.class::isInstance)
                .map(ConfigMap.class::cast).findFirst().orElseThrow();

        assertThat(files.getData()).containsOnlyKeys("main.tf", "modules__agent.tf", "startup.sh.tftpl");
        assertThat(TemplateFiles.read(files)).containsOnlyKeys("main.tf", "modules/agent.tf", "startup.sh.tftpl");
    }

    @Test
    void declaresTheReleaseAndTheSettingsThatMustHoldInDev() {
        CoderTemplate release = only(CoderTemplate.class);

        assertThat(release.getSpec().getTemplateName()).isEqualTo("devcontainer");
        assertThat(release.getSpec().getFiles().getConfigMapName()).isEqualTo(only(ConfigMap.class).getMetadata().getName());
        assertThat(release.getSpec().getSettings().getDefaultTtl()).isEqualTo("30m");
        assertThat(release.getSpec().getSettings().getActivityBump()).isEqualTo("30m");
        assertThat(release.getSpec().getSettings().getDisplayName()).isNotBlank();
        assertThat(release.getSpec().getSettings().getDescription()).isNotBlank();
        assertThat(release.getSpec().getSettings().getIcon()).isNotBlank();
        assertThat(release.getSpec().getPromotion()).isEqualTo("Automatic");
        assertThat(release.getSpec().isSelfHeal()).isTrue();
    }

    @Test
    void isReleasedIntoTheNamespaceTemplateSyncWatchesInDev() {
        List<HasMetadata> templateSync = Environments.renderDev("template-sync");
        String watched = templateSync.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .flatMap(deployment -> deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream())
                .filter(variable -> variable.getName().equals("TEMPLATE_SYNC_KUBERNETES_NAMESPACE")).map(EnvVar::getValue)
                .findFirst().orElseThrow();

        assertThat(Environments.renderDev(CHART)).extracting(object -> object.getMetadata().getNamespace())
                .containsOnly(watched);
    }

    @Test
    void namesAVersionCoderAccepts() {
        assertThat(ReleaseName.problem(only(CoderTemplate.class).getSpec().getRelease().getVersionName())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026.12.04-1", "v1", "a_b.c-d", "release/1.2", "1..2", "-1", "1-", "v 1", "ä1",
            "x1234567890123456789012345678901234567890123456789012345678901234"})
    void refusesAtRenderExactlyTheVersionNamesCoderRefuses(String name) {
        Optional<String> coder = ReleaseName.problem(name);

        if (coder.isPresent()) {
            assertThatThrownBy(() -> renderDevWith(Map.of("release.versionName", name)))
                    .hasMessageContaining("release.versionName");
        } else {
            assertThat(renderDevWith(Map.of("release.versionName", name))).isNotEmpty();
        }
    }

    @Test
    void refusesARenderWithoutAVersionName() {
        assertThatThrownBy(() -> renderDevWith(Map.of("release.versionName", "")))
                .hasMessageContaining("release.versionName is required");
    }

    @Test
    void theTemplatesFilesWithDevsVariablesPassTemplateSyncsOwnLint() {
        assertThat(lint(TemplateFiles.read(only(ConfigMap.class)))).isEmpty();
    }

    @Test
    void devGivesTheBuilderImageByDigestAndMountsTheTokenItsBaselineAllows() {
        Map<String, String> variables = only(CoderTemplate.class).getSpec().getVariables();

        assertThat(variables.get("envbuilder_image")).matches("ghcr\\.io/coder/envbuilder@sha256:[a-f0-9]{64}");
        assertThat(variables).containsEntry("service_account_token", "true");
    }

    @Test
    void aReleaseThatLeavesTheBuilderImageUnsetIsALintFinding() {
        Map<String, String> variables = new HashMap<>(only(CoderTemplate.class).getSpec().getVariables());
        variables.remove("envbuilder_image");

        assertThat(lint(TemplateFiles.read(only(ConfigMap.class)), variables)).singleElement()
                .satisfies(finding -> {
                    assertThat(finding.rule()).isEqualTo(LintFinding.Rule.VARIABLE_WITHOUT_VALUE);
                    assertThat(finding.message()).contains("envbuilder_image");
                });
    }

    @Test
    void aSecretWrittenIntoTheTemplateIsALintFinding() {
        Map<String, byte[]> files = new HashMap<>(TemplateFiles.read(only(ConfigMap.class)));
        String broken = new String(files.get("main.tf"), StandardCharsets.UTF_8)
                + "\nlocals {\n  db_password = \"hunter2\"\n}\n";
        files.put("main.tf", broken.getBytes(StandardCharsets.UTF_8));

        assertThat(lint(files)).extracting(LintFinding::rule).containsExactly(LintFinding.Rule.SECRET_LITERAL);
    }

    @Test
    void anImageByTagInTheTemplateIsALintFinding() {
        Map<String, byte[]> files = new HashMap<>(TemplateFiles.read(only(ConfigMap.class)));
        files.put("sidecar.tf",
                "locals {\n  image = \"ghcr.io/coder/envbuilder:latest\"\n}\n".getBytes(StandardCharsets.UTF_8));

        assertThat(lint(files)).extracting(LintFinding::rule).containsExactly(LintFinding.Rule.IMAGE_NOT_PINNED);
    }

    /** template-sync's lint of the files with dev's variable values. */
    private static List<LintFinding> lint(Map<String, byte[]> files) {
        return lint(files, only(CoderTemplate.class).getSpec().getVariables());
    }

    /** template-sync's lint with the resources dev's template-sync requires (its rendered Deployment says which). */
    private static List<LintFinding> lint(Map<String, byte[]> files, Map<String, String> variables) {
        String required = Environments.renderDev("template-sync").stream().filter(Deployment.class::isInstance)
                .map(Deployment.class::cast)
                .flatMap(deployment -> deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream())
                .filter(variable -> variable.getName().equals("TEMPLATE_SYNC_REQUIRED_RESOURCES")).map(EnvVar::getValue)
                .findFirst().orElseThrow();
        return new TemplateLint(Arrays.asList(required.split(","))).lint(files, variables);
    }

    private static void copyChart(Path copy) throws IOException {
        Path chart = DeployTree.chart(CHART);
        try (Stream<Path> paths = Files.walk(chart)) {
            for (Path path : paths.toList()) {
                Path target = copy.resolve(chart.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static List<HasMetadata> renderCopy(Path chart, Map<String, ?> sets) {
        return StrictKubernetesModel.readAll(Manifests.documents(HelmCharts.render(chart, CHART, NAMESPACE,
                DeployTree.environmentValues(Environments.DEV, CHART), sets)));
    }

    private static <T extends HasMetadata> T only(Class<T> kind) {
        return ChartObjects.only(CHART, kind);
    }

    private static List<HasMetadata> renderDevWith(Map<String, ?> sets) {
        return ChartObjects.renderDevWith(CHART, NAMESPACE, sets);
    }
}
