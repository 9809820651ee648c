package io.ameide.coderguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The Argo CD side: what dev's root Application syncs, and that every path an Application names exists. */
class ArgoCdApplicationsTest {

    private static final String CHART = "platform-apps";

    @Test
    void devRunsEveryComponentAsItsOwnApplication() {
        assertThat(applications()).extracting(app -> app.path("metadata").path("name").asText())
                .containsExactlyInAnyOrder("dev-workspace-baseline", "dev-idle-reaper", "dev-policy-guard",
                        "dev-template-sync", "dev-devcontainer", "dev-coder");
    }

    @Test
    void releasesTheTemplateFromItsOwnFolderWithTheRevisionArgoCdSynced() {
        JsonNode release = application("dev-devcontainer");

        assertThat(release.at("/spec/source/path").asText()).isEqualTo("deploy/coder-templates/devcontainer");
        assertThat(release.at("/spec/source/helm/parameters")).singleElement().satisfies(parameter -> {
            assertThat(parameter.path("name").asText()).isEqualTo("release.gitRevision");
            assertThat(parameter.path("value").asText()).isEqualTo("$ARGOCD_APP_REVISION");
        });
        assertThat(release.at("/spec/destination/namespace").asText())
                .isEqualTo(application("dev-template-sync").at("/spec/destination/namespace").asText());
    }

    @Test
    void theProjectLetsEveryApplicationIntoItsNamespace() {
        JsonNode project = Environments.renderDevManifests(CHART).stream()
                .filter(object -> "AppProject".equals(object.path("kind").asText())).findFirst().orElseThrow();
        List<String> destinations = iterate(project.at("/spec/destinations")).stream()
                .map(destination -> destination.path("namespace").asText()).toList();

        assertThat(applications()).allSatisfy(app -> assertThat(destinations).as(app.at("/metadata/name").asText())
                .contains(app.at("/spec/destination/namespace").asText()));
    }

    @Test
    void theProjectFollowsAComponentIntoAnotherNamespace() {
        JsonNode project = Manifests.documents(HelmCharts.render(CHART, "argocd", DeployTree.environmentValues("dev", CHART),
                Map.of("components.templateSync.namespace", "elsewhere"))).stream()
                .filter(object -> "AppProject".equals(object.path("kind").asText())).findFirst().orElseThrow();

        assertThat(iterate(project.at("/spec/destinations"))).extracting(destination -> destination.path("namespace").asText())
                .contains("elsewhere");
    }

    private static JsonNode application(String name) {
        return applications().stream().filter(app -> app.at("/metadata/name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no Application " + name));
    }

    @Test
    void releasesEachOfThisFoldersChartsIntoTheNamespaceTheChecksRenderItFor() {
        assertThat(applications()).filteredOn(app -> app.at("/spec/source/path").isTextual()).isNotEmpty()
                .allSatisfy(app -> {
                    String chart = Path.of(app.at("/spec/source/path").asText()).getFileName().toString();
                    assertThat(app.at("/spec/destination/namespace").asText()).as(chart)
                            .isEqualTo(Environments.namespace(chart));
                });
    }

    @Test
    void everyApplicationStaysInsideTheProjectAndSyncsOnItsOwn() {
        assertThat(applications()).allSatisfy(app -> {
            assertThat(app.at("/spec/project").asText()).isEqualTo("coder-guardrails");
            assertThat(app.at("/spec/syncPolicy/automated/prune").asBoolean()).isTrue();
            assertThat(app.at("/spec/syncPolicy/automated/selfHeal").asBoolean()).isTrue();
        });
    }

    @Test
    void everyChartAndValuesFileAnApplicationNamesIsInThisFolder() {
        assertThat(applications()).allSatisfy(app -> sources(app).forEach(source -> {
            if (source.has("path")) {
                Path chart = inRepository(source.path("path").asText());
                assertThat(chart.resolve("Chart.yaml")).as(source.toString()).isRegularFile();
                source.at("/helm/valueFiles")
                        .forEach(file -> assertThat(chart.resolve(file.asText()).normalize()).isRegularFile());
            } else if (source.has("chart")) {
                source.at("/helm/valueFiles").forEach(file -> assertThat(inRepository(
                        file.asText().replaceFirst("^\\$values/", ""))).as(file.asText()).isRegularFile());
            }
        }));
    }

    @Test
    void theRootApplicationSyncsThePlatformChartWithDevsValues() {
        JsonNode root = Manifests.document(Readmes.read(DeployTree.root().resolve("environments/dev/root-application.yaml")));
        StrictKubernetesModel.read(root);

        assertThat(root.at("/spec/source/path").asText()).isEqualTo("deploy/charts/platform-apps");
        assertThat(inRepository(root.at("/spec/source/path").asText()).resolve(root.at("/spec/source/helm/valueFiles/0")
                .asText()).normalize()).isEqualTo(DeployTree.environmentValues("dev", CHART).normalize());
        assertThat(root.at("/spec/source/repoURL").asText()).isEqualTo(devValues().at("/git/repoURL").asText());
    }

    @Test
    void aMissingValuesFileIsFound() {
        List<JsonNode> apps = Manifests.documents(HelmCharts.render(CHART, "argocd",
                DeployTree.environmentValues("dev", CHART), Map.of("environment", "staging"))).stream()
                .filter(object -> "Application".equals(object.path("kind").asText())).toList();

        JsonNode idleReaper = apps.stream().filter(app -> app.at("/metadata/name").asText().equals("staging-idle-reaper"))
                .findFirst().orElseThrow();
        Path chart = inRepository(idleReaper.at("/spec/source/path").asText());
        assertThat(chart.resolve(idleReaper.at("/spec/source/helm/valueFiles/0").asText()).normalize()).doesNotExist();
    }

    private static List<JsonNode> applications() {
        return Environments.renderDevManifests(CHART).stream()
                .filter(object -> "Application".equals(object.path("kind").asText())).toList();
    }

    private static List<JsonNode> sources(JsonNode app) {
        if (app.at("/spec/source").isObject()) {
            return List.of(app.at("/spec/source"));
        }
        return iterate(app.at("/spec/sources"));
    }

    private static List<JsonNode> iterate(JsonNode array) {
        List<JsonNode> nodes = new java.util.ArrayList<>();
        array.forEach(nodes::add);
        return nodes;
    }

    /** A path as Argo CD reads it, from the repository's root: deploy/ is this folder. */
    private static Path inRepository(String path) {
        return DeployTree.root().getParent().resolve(path).normalize();
    }

    private static JsonNode devValues() {
        return Manifests.document(Readmes.read(DeployTree.environmentValues("dev", CHART)));
    }

}
