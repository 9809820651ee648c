package io.ameide.coderguard.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ameide.coderguard.common.coder.CoderApiException;
import io.ameide.coderguard.common.coder.CoderCallListener;
import io.ameide.coderguard.common.coder.CoderClient;
import io.ameide.coderguard.common.coder.CoderClientConfig;
import io.ameide.coderguard.common.coder.CoderEndpoint;
import io.ameide.coderguard.common.coder.CoderToken;
import io.ameide.coderguard.common.coder.VersionNotPromotableException;
import io.ameide.coderguard.common.coder.contract.CoderApiContract;
import io.ameide.coderguard.common.coder.model.CreateTemplateRequest;
import io.ameide.coderguard.common.coder.model.CreateTemplateVersionRequest;
import io.ameide.coderguard.common.coder.model.JobStatus;
import io.ameide.coderguard.common.coder.model.PatchTemplateVersionRequest;
import io.ameide.coderguard.common.coder.model.Template;
import io.ameide.coderguard.common.coder.model.TemplateVersion;
import io.ameide.coderguard.common.coder.model.UpdateTemplateMeta;
import io.ameide.coderguard.sandbox.StandInClient.Answer;

/**
 * The stand-in's templates, versions, files and import jobs, driven through common's Coder client, and every answer
 * held to Coder's API description.
 */
class TemplateStandInTest {

    private static final CoderApiContract CODER = CoderApiContract.load();
    private static final byte[] TAR = "not really a tar, the stand-in does not unpack".getBytes();

    private final CoderStandIn standIn = CoderStandIn.start();
    private final CoderClient client = new CoderClient(
            CoderClientConfig.of(standIn.baseUrl(), CoderToken.of(standIn.token())), CoderCallListener.NONE);
    private final StandInClient raw = new StandInClient(standIn);

    @AfterEach
    void close() {
        standIn.close();
    }

    @Test
    void answers201ForNewBytesAnd200WithTheSameIdForBytesSeenBefore() {
        Answer first = upload(TAR);
        Answer again = upload(TAR);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("hash").asText()).isEqualTo(first.json().path("hash").asText());
        assertThat(CODER.responseViolations(CoderEndpoint.UPLOAD_FILE, 201, first.json())).isEmpty();
    }

    @Test
    void importsAVersionCreatesTheTemplateFromItAndServesItInCodersShape() {
        String file = client.uploadTar(TAR);
        TemplateVersion created = client.createTemplateVersion("default",
                CreateTemplateVersionRequest.fromFile("2026.12.04-1", "m", null, file, Map.of()));
        TemplateVersion imported = awaitImport(created.id());
        Template template = client.createTemplate("default",
                new CreateTemplateRequest("k8s-devbox", created.id(), "Dev box", null, null, 1_800_000L, 1_800_000L));

        assertThat(created.importStatus()).isEqualTo(JobStatus.PENDING);
        assertThat(created.templateId()).isNull();
        assertThat(imported.importStatus()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(template.activeVersionId()).isEqualTo(created.id());
        assertThat(client.findTemplate("coder", "k8s-devbox").orElseThrow().id()).isEqualTo(template.id());
        assertThat(client.getTemplateVersion(created.id()).orElseThrow().templateId()).isEqualTo(template.id());
        assertThat(CODER.responseViolations(CoderEndpoint.GET_TEMPLATE, 200,
                raw.get("/api/v2/templates/" + template.id()).json())).isEmpty();
        Answer version = raw.get("/api/v2/templateversions/" + created.id());
        assertThat(CODER.responseViolations(CoderEndpoint.GET_TEMPLATE_VERSION, 200, version.json())).isEmpty();
    }

    @Test
    void refusesADuplicateVersionNameWith409AndAnInvalidOneWith400() {
        String templateId = seedTemplate();
        String file = client.uploadTar(TAR);

        CoderApiException duplicate = catchThrowableOfType(() -> client.createTemplateVersion("default",
                CreateTemplateVersionRequest.fromFile("2026.12.01-1", "m", templateId, file, Map.of())),
                CoderApiException.class);
        CoderApiException invalid = catchThrowableOfType(() -> client.createTemplateVersion("default",
                CreateTemplateVersionRequest.fromFile("release/1.2", "m", templateId, file, Map.of())),
                CoderApiException.class);

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.getMessage()).contains("A template version with name \"2026.12.01-1\" already exists");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.error().orElseThrow().validations()).extracting(v -> v.field()).containsExactly("name");
    }

    @Test
    void refusesToPromoteAFailedOrPendingVersionWith403AndPromotesASucceededOne() {
        String templateId = seedTemplate();
        String file = client.uploadTar(TAR);
        standIn.templates().nextImports(ImportOutcome.fail("terraform plan: boom"), ImportOutcome.STAY_PENDING);
        TemplateVersion failing = client.createTemplateVersion("default",
                CreateTemplateVersionRequest.fromFile("v2", "m", templateId, file, Map.of()));
        TemplateVersion stuck = client.createTemplateVersion("default",
                CreateTemplateVersionRequest.fromFile("v3", "m", templateId, file, Map.of()));
        TemplateVersion good = client.createTemplateVersion("default",
                CreateTemplateVersionRequest.fromFile("v4", "m", templateId, file, Map.of()));

        TemplateVersion failed = awaitImport(failing.id());
        awaitImport(good.id());

        assertThat(failed.importStatus()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.job().error()).isEqualTo("terraform plan: boom");
        assertThat(client.getTemplateVersion(stuck.id()).orElseThrow().importStatus()).isEqualTo(JobStatus.PENDING);
        assertThat(client.getTemplateVersion(stuck.id()).orElseThrow().matchedProvisioners().count()).isZero();
        assertThat(catchThrowableOfType(() -> client.promoteTemplateVersion(templateId, failing.id()),
                VersionNotPromotableException.class).status()).isEqualTo(403);
        assertThat(catchThrowableOfType(() -> client.promoteTemplateVersion(templateId, stuck.id()),
                VersionNotPromotableException.class)).isNotNull();
        client.promoteTemplateVersion(templateId, good.id());
        assertThat(standIn.templates().activeVersionName("k8s-devbox")).contains("v4");
    }

    @Test
    void listsVersionsOldestFirstAsABareArrayHidingNone() {
        String templateId = seedTemplate();

        Answer listed = raw.get("/api/v2/templates/" + templateId + "/versions");

        assertThat(listed.json().isArray()).isTrue();
        assertThat(listed.json().findValuesAsText("name")).containsSubsequence("2026.11.01-1", "2026.12.01-1");
        for (JsonNode version : listed.json()) {
            assertThat(CODER.violations(version, "codersdk.TemplateVersion")).isEmpty();
        }
        assertThat(client.listTemplateVersions(templateId)).extracting(TemplateVersion::name)
                .containsExactly("2026.11.01-1", "2026.12.01-1");
    }

    @Test
    void patchesSettingsAndAnswersNotModifiedWhenNothingChanges() {
        String templateId = seedTemplate();
        Template current = client.getTemplate(templateId).orElseThrow();
        UpdateTemplateMeta patch = UpdateTemplateMeta.keeping(current).with(null, null, null, 1_800_000L, 1_800_000L);

        assertThat(client.updateTemplate(templateId, patch)).map(Template::defaultTtlMs).contains(1_800_000L);
        assertThat(client.updateTemplate(templateId, patch)).isEmpty();
        assertThat(standIn.templates().defaultTtl("k8s-devbox")).contains(Duration.ofMinutes(30));
    }

    @Test
    void storesAVersionUnderARandomNameWhenATestAsksAndRenamesIt() {
        String file = client.uploadTar(TAR);
        standIn.templates().nameNextVersionsRandomly(1);

        TemplateVersion created = client.createTemplateVersion("default",
                CreateTemplateVersionRequest.fromFile("2025.04.10-1", "m", null, file, Map.of()));
        TemplateVersion renamed = client.updateTemplateVersion(created.id(),
                new PatchTemplateVersionRequest("2025.04.10-1", null));

        assertThat(created.name()).matches("[a-z]+_[a-z]+[0-9]");
        assertThat(renamed.name()).isEqualTo("2025.04.10-1");
    }

    @Test
    void answersAnUnknownTemplateWith404() {
        assertThat(client.findTemplate("default", "nope")).isEmpty();
        assertThat(client.getTemplate("7d3f9a21-5b6c-4d8e-9f01-a2b3c4d5e6f7")).isEmpty();
        Answer wrongOrg = raw.get("/api/v2/organizations/other/templates/nope");
        assertThat(wrongOrg.status()).isEqualTo(404);
        assertThat(CODER.violations(wrongOrg.json(), CoderApiContract.ERROR_DEFINITION)).isEmpty();
    }

    private String seedTemplate() {
        Instant created = Instant.parse("2026-11-01T00:00:00Z");
        return standIn.templates().seedTemplate("k8s-devbox", null,
                List.of(TemplateVersionSeed.succeeded("2026.11.01-1", "m", created),
                        TemplateVersionSeed.succeeded("2026.12.01-1", "m", created.plus(Duration.ofDays(30)))),
                "2026.12.01-1");
    }

    private TemplateVersion awaitImport(String versionId) {
        return await().atMost(Duration.ofSeconds(10))
                .until(() -> client.getTemplateVersion(versionId).orElseThrow(), v -> v.importStatus().isTerminal());
    }

    private Answer upload(byte[] bytes) {
        return raw.send(raw.request("/api/v2/files").header("Content-Type", "application/x-tar")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }
}
