package io.ameide.coderguard.common.coder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ameide.coderguard.common.coder.contract.CoderApiContract;
import io.ameide.coderguard.common.coder.contract.CoderSamples;
import io.ameide.coderguard.common.coder.contract.ScriptedCoderServer;
import io.ameide.coderguard.common.coder.contract.ScriptedCoderServer.Answer;
import io.ameide.coderguard.common.coder.contract.ScriptedCoderServer.RecordedRequest;
import io.ameide.coderguard.common.coder.model.CreateTemplateRequest;
import io.ameide.coderguard.common.coder.model.CreateTemplateVersionRequest;
import io.ameide.coderguard.common.coder.model.JobStatus;
import io.ameide.coderguard.common.coder.model.PatchTemplateVersionRequest;
import io.ameide.coderguard.common.coder.model.Template;
import io.ameide.coderguard.common.coder.model.TemplateVersion;
import io.ameide.coderguard.common.coder.model.UpdateTemplateMeta;

/** The template calls template-sync makes: what the client sends, how it reads Coder's answers and Coder's traps. */
class CoderClientTemplatesTest {

    private static final String VERSION_ACTIVE = CoderSamples.idFor("version:v1");
    private static final ObjectNode TEMPLATE = CoderSamples.template("k8s-devbox", VERSION_ACTIVE);
    private static final String TEMPLATE_ID = TEMPLATE.path("id").asText();
    private static final String FILE_ID = "8f90a1b2-0000-4a10-8000-000000011001";

    private final ScriptedCoderServer coder = ScriptedCoderServer.start();
    private final CoderClient client = TestClients.client(coder);
    private final CoderApiContract contract = CoderApiContract.load();

    @AfterEach
    void stopCoder() {
        coder.close();
    }

    @Test
    void findsATemplateByOrganizationAndName() {
        coder.enqueue("GET", "/api/v2/organizations/default/templates/k8s-devbox", Answer.json(TEMPLATE.toString()));

        Template found = client.findTemplate("default", "k8s-devbox").orElseThrow();

        assertThat(found.id()).isEqualTo(TEMPLATE_ID);
        assertThat(found.activeVersionId()).isEqualTo(VERSION_ACTIVE);
        assertThat(found.defaultTtlMs()).isEqualTo(1_800_000L);
    }

    @Test
    void answersEmptyForATemplateCoderDoesNotHave() {
        coder.enqueue("GET", "/api/v2/organizations/default/templates/gone",
                Answer.coderError(404, "Resource not found or you do not have access to this resource", null));

        assertThat(client.findTemplate("default", "gone")).isEmpty();
    }

    @Test
    void readsTheFileIdFromTheHashFieldOnBoth200And201() {
        String path = "/api/v2/files";
        coder.enqueue("POST", path, Answer.json(201, "{\"hash\":\"" + FILE_ID + "\"}"),
                Answer.json(200, "{\"hash\":\"" + FILE_ID + "\"}"));

        assertThat(client.uploadTar(new byte[]{1, 2, 3})).isEqualTo(FILE_ID);
        assertThat(client.uploadTar(new byte[]{1, 2, 3})).isEqualTo(FILE_ID);

        RecordedRequest upload = coder.requests().get(0);
        assertThat(upload.header("Content-Type")).contains("application/x-tar");
        assertThat(upload.body()).isEqualTo("\u0001\u0002\u0003");
    }

    @Test
    void refusesAnUploadAnswerWithoutAFileId() {
        coder.enqueue("POST", "/api/v2/files", Answer.json(201, "{\"id\":\"" + FILE_ID + "\"}"));

        CoderApiException failed = catchThrowableOfType(() -> client.uploadTar(new byte[]{1}),
                CoderApiException.class);

        assertThat(failed.getMessage()).contains("no file id");
    }

    @Test
    void createsAVersionFromTheUploadedFileAndReadsItsPendingJob() throws Exception {
        ObjectNode created = CoderSamples.templateVersion("2026.12.04-1", TEMPLATE_ID, "pending");
        coder.enqueue("POST", "/api/v2/organizations/default/templateversions", Answer.json(201, created.toString()));
        CreateTemplateVersionRequest request = CreateTemplateVersionRequest.fromFile("2026.12.04-1",
                "files sha256:0f1e", TEMPLATE_ID, FILE_ID, Map.of());

        TemplateVersion version = client.createTemplateVersion("default", request);

        assertThat(version.id()).isEqualTo(created.path("id").asText());
        assertThat(version.importStatus()).isEqualTo(JobStatus.PENDING);
        assertThat(version.job().tags()).containsEntry("scope", "organization");
        JsonNode sent = CoderJson.mapper().readTree(coder.requests().get(0).body());
        assertThat(sent).isEqualTo(CoderJson.mapper().readTree("""
                {"name":"2026.12.04-1","message":"files sha256:0f1e","template_id":"%s","storage_method":"file",
                 "file_id":"%s","provisioner":"terraform","tags":{}}""".formatted(TEMPLATE_ID, FILE_ID)));
        assertThat(contract.violations(sent, "codersdk.CreateTemplateVersionRequest")).isEmpty();
    }

    @Test
    void sendsTemplateVariableValuesInNameOrderAsCodersVariableValues() throws Exception {
        ObjectNode created = CoderSamples.templateVersion("2026.12.04-1", TEMPLATE_ID, "pending");
        coder.enqueue("POST", "/api/v2/organizations/default/templateversions", Answer.json(201, created.toString()));
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("service_account_token", "true");
        variables.put("envbuilder_image", "ghcr.io/coder/envbuilder@sha256:" + "ab".repeat(32));

        client.createTemplateVersion("default", CreateTemplateVersionRequest.fromFile("2026.12.04-1", "m", TEMPLATE_ID,
                FILE_ID, Map.of(), variables));

        JsonNode sent = CoderJson.mapper().readTree(coder.requests().get(0).body());
        assertThat(sent.path("user_variable_values")).isEqualTo(CoderJson.mapper().readTree("""
                [{"name":"envbuilder_image","value":"ghcr.io/coder/envbuilder@sha256:%s"},
                 {"name":"service_account_token","value":"true"}]""".formatted("ab".repeat(32))));
        assertThat(contract.violations(sent, "codersdk.CreateTemplateVersionRequest")).isEmpty();
    }

    @Test
    void reportsADuplicateVersionNameAsAConflictWithoutPostingAgain() {
        String duplicate = "A template version with name \"v1\" already exists for this template.";
        coder.enqueue("POST", "/api/v2/organizations/default/templateversions", Answer.coderError(409, duplicate, null));

        CoderApiException conflict = catchThrowableOfType(() -> client.createTemplateVersion("default",
                CreateTemplateVersionRequest.fromFile("v1", "m", TEMPLATE_ID, FILE_ID, Map.of())),
                CoderApiException.class);

        assertThat(conflict.isConflict()).isTrue();
        assertThat(conflict.getMessage()).contains(duplicate);
        assertThat(coder.requests()).hasSize(1);
    }

    @Test
    void tellsARefusedPromotionOfAnUnfinishedVersionFromAPermissionProblem() throws Exception {
        String path = "/api/v2/templates/" + TEMPLATE_ID + "/versions";
        String versionId = CoderSamples.idFor("version:v2");
        coder.enqueue("PATCH", path,
                Answer.coderError(403, "Only versions that have been built successfully can be promoted.", null),
                Answer.json(200, "{\"message\":\"Updated the active template version!\"}"));

        VersionNotPromotableException refused = catchThrowableOfType(
                () -> client.promoteTemplateVersion(TEMPLATE_ID, versionId), VersionNotPromotableException.class);
        client.promoteTemplateVersion(TEMPLATE_ID, versionId);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.getMessage()).contains("built successfully");
        JsonNode sent = CoderJson.mapper().readTree(coder.requests().get(0).body());
        assertThat(sent).isEqualTo(CoderJson.mapper().readTree("{\"id\":\"" + versionId + "\"}"));
        assertThat(coder.requests("PATCH", path)).hasSize(2);
    }

    @Test
    void listsEveryVersionOldestFirstIncludingArchivedOnes() {
        ArrayNode versions = CoderJson.mapper().createArrayNode()
                .add(CoderSamples.templateVersion("v1", TEMPLATE_ID, "succeeded"))
                .add(CoderSamples.templateVersion("v2", TEMPLATE_ID, "failed"));
        String path = "/api/v2/templates/" + TEMPLATE_ID + "/versions";
        coder.enqueue("GET", path, Answer.json(versions.toString()));

        List<TemplateVersion> listed = client.listTemplateVersions(TEMPLATE_ID);

        assertThat(listed).extracting(TemplateVersion::name).containsExactly("v1", "v2");
        assertThat(listed.get(1).job().error()).isEqualTo("terraform plan: invalid resource");
        assertThat(coder.requests().get(0).queryParameters()).containsEntry("include_archived", "true");
        contract.assertQueryParameterExists("GET", path.replace(TEMPLATE_ID, "{template}"), "include_archived");
    }

    @Test
    void patchesSettingsKeepingTheOnesItDoesNotOwnAndReadsNotModifiedAsNoChange() throws Exception {
        String path = "/api/v2/templates/" + TEMPLATE_ID;
        coder.enqueue("PATCH", path, Answer.json(TEMPLATE.toString()), Answer.json(304, ""));
        Template current = CoderJson.mapper().treeToValue(TEMPLATE, Template.class);
        UpdateTemplateMeta patch = UpdateTemplateMeta.keeping(current).with(null, null, null, 1_800_000L, 600_000L);

        assertThat(client.updateTemplate(TEMPLATE_ID, patch)).isPresent();
        assertThat(client.updateTemplate(TEMPLATE_ID, patch)).isEmpty();

        JsonNode sent = CoderJson.mapper().readTree(coder.requests().get(0).body());
        assertThat(sent.path("activity_bump_ms").asLong()).isEqualTo(600_000L);
        assertThat(sent.path("allow_user_autostop").asBoolean()).isTrue();
        assertThat(sent.path("name").asText()).isEqualTo("k8s-devbox");
        assertThat(contract.violations(sent, "codersdk.UpdateTemplateMeta")).isEmpty();
    }

    @Test
    void createsATemplateFromAVersionAndRenamesAVersion() throws Exception {
        coder.enqueue("POST", "/api/v2/organizations/default/templates", Answer.json(201, TEMPLATE.toString()));
        String versionId = CoderSamples.idFor("version:eager_lamport3");
        coder.enqueue("PATCH", "/api/v2/templateversions/" + versionId,
                Answer.json(CoderSamples.templateVersion("2026.12.04-1", TEMPLATE_ID, "succeeded").toString()));

        Template created = client.createTemplate("default",
                new CreateTemplateRequest("k8s-devbox", versionId, "Dev box", null, null, 1_800_000L, 1_800_000L));
        TemplateVersion renamed = client.updateTemplateVersion(versionId,
                new PatchTemplateVersionRequest("2026.12.04-1", null));

        assertThat(created.id()).isEqualTo(TEMPLATE_ID);
        assertThat(renamed.name()).isEqualTo("2026.12.04-1");
        JsonNode create = CoderJson.mapper().readTree(coder.requests().get(0).body());
        assertThat(contract.violations(create, "codersdk.CreateTemplateRequest")).isEmpty();
        assertThat(create.has("description")).isFalse();
        JsonNode rename = CoderJson.mapper().readTree(coder.requests().get(1).body());
        assertThat(rename).isEqualTo(CoderJson.mapper().readTree("{\"name\":\"2026.12.04-1\"}"));
    }

    @Test
    void countsOutdatedWorkspacesOfATemplateFromTheSearchTotal() {
        coder.enqueue("GET", "/api/v2/workspaces",
                Answer.json(CoderSamples.workspacesResponse(7, List.of(CoderSamples.workspace("dev"))).toString()));

        assertThat(client.countOutdatedWorkspaces("k8s-devbox")).isEqualTo(7);

        assertThat(coder.requests().get(0).queryParameters())
                .containsEntry("q", "template:k8s-devbox outdated:true")
                .containsEntry("limit", "1");
    }
}
