package io.ameide.coderguard.templatesync.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.ameide.coderguard.templatesync.coder.StandInSync;
import io.ameide.coderguard.templatesync.kubernetes.CoderTemplate;
import io.ameide.coderguard.templatesync.kubernetes.CoderTemplateSpec;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.quarkus.test.security.TestSecurity;

/**
 * The whole service: it takes the Lease on the mock API server, syncs a CoderTemplate into the Coder stand-in, heals a
 * hand promotion, answers its read API, takes Coder's template notifications, and exports its metrics.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = StandInResource.class, restrictToAnnotatedClass = true)
class TemplateSyncServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @KubernetesTestServer
    KubernetesServer server;

    @Test
    @TestSecurity(user = "viewer", roles = "guardrails-viewer")
    void syncsATemplateHealsAHandPromotionAndShowsItInTheReadApi() throws Exception {
        KubernetesClient client = server.getClient();
        apply(client, "devbox", "k8s-devbox", "2026.12.04-1");
        await().atMost(WAIT).until(() -> ready(client, "devbox"));

        StandInResource.coder.templates().pushByHand("k8s-devbox", "hotfix-by-hand", "Uploaded from the CLI");
        StandInResource.coder.templates().promoteByHand("k8s-devbox", "hotfix-by-hand");

        await().atMost(WAIT).until(() -> StandInResource.coder.templates().activeVersionName("k8s-devbox")
                .orElseThrow().equals("2026.12.04-1"));
        given().get("/api/templates/coder/devbox").then().statusCode(200)
                .body("templateName", equalTo("k8s-devbox"))
                .body("status.activeVersion.name", equalTo("2026.12.04-1"));
        await().atMost(WAIT).until(() -> given().get("/api/templates").then().extract().path("[0].status.lastPromotion.cause")
                .equals("SelfHeal"));
        given().get("/api/templates/coder/unknown").then().statusCode(404)
                .contentType("application/problem+json").body("parameter", equalTo("name"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        // The values of gauges are tested in SyncMetricsTest: test classes that restart Quarkus share one registry,
        // in which the first registration of a gauge stays.
        assertThat(metrics).contains("template_sync_promotions_total{cause=\"self_heal\"} 1.0",
                "template_sync_drifted{template=\"k8s-devbox\"}", "template_sync_leader",
                "template_sync_coder_requests_seconds_count{endpoint=\"promote_template_version\",status=\"2xx\"} 1.0");
    }

    @Test
    void takesATemplateNotificationAsAHintAndDropsItsRepeat() throws Exception {
        String body = Files.readString(Path.of("src/test/resources/coder-webhooks/TemplateTemplateDeleted.json"),
                StandardCharsets.UTF_8).replace("\"name\": \"Bobby's Template\"", "\"name\": \"k8s-devbox\"");
        String path = "/hooks/coder/" + StandInResource.WEBHOOK_SECRET;

        given().header("X-Message-Id", "8a9b0c1d-0000-4000-8000-000000000001").body(body).post(path).then()
                .statusCode(202);
        given().header("X-Message-Id", "8a9b0c1d-0000-4000-8000-000000000001").body(body).post(path).then()
                .statusCode(200).body("outcome", equalTo("duplicate"));
        given().body("{}").post(path).then().statusCode(400).contentType("application/problem+json");
        given().body(body).post("/hooks/coder/wrong-secret-0000000000").then().statusCode(404);
    }

    @Test
    void refusesTheReadApiWithoutAToken() {
        given().get("/api/templates").then().statusCode(401).contentType("application/problem+json");
    }

    private static void apply(KubernetesClient client, String name, String templateName, String version) {
        ConfigMapBuilder files = new ConfigMapBuilder().withNewMetadata().withName(name + "-files")
                .withNamespace(StandInResource.NAMESPACE).endMetadata();
        StandInSync.sandboxTemplate().forEach((path, bytes) -> files.addToData(path.replace("/", "__"),
                new String(bytes, StandardCharsets.UTF_8)));
        client.configMaps().inNamespace(StandInResource.NAMESPACE).resource(files.build()).create();
        CoderTemplate template = new CoderTemplate();
        template.getMetadata().setName(name);
        template.getMetadata().setNamespace(StandInResource.NAMESPACE);
        CoderTemplateSpec spec = template.getSpec();
        spec.setTemplateName(templateName);
        CoderTemplateSpec.Release release = new CoderTemplateSpec.Release();
        release.setVersionName(version);
        spec.setRelease(release);
        CoderTemplateSpec.Files configMap = new CoderTemplateSpec.Files();
        configMap.setConfigMapName(name + "-files");
        spec.setFiles(configMap);
        client.resources(CoderTemplate.class).inNamespace(StandInResource.NAMESPACE).resource(template).create();
    }

    private static boolean ready(KubernetesClient client, String name) {
        CoderTemplate template = client.resources(CoderTemplate.class).inNamespace(StandInResource.NAMESPACE)
                .withName(name).get();
        return template != null && template.getStatus() != null && template.getStatus().getConditions().stream()
                .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
    }
}
