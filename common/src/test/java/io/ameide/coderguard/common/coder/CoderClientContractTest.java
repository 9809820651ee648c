package io.ameide.coderguard.common.coder;

import static io.ameide.coderguard.common.coder.CoderEndpoint.BUILD_INFO;
import static io.ameide.coderguard.common.coder.CoderEndpoint.CREATE_WORKSPACE_BUILD;
import static io.ameide.coderguard.common.coder.CoderEndpoint.GET_WORKSPACE;
import static io.ameide.coderguard.common.coder.CoderEndpoint.GET_WORKSPACE_BUILD;
import static io.ameide.coderguard.common.coder.CoderEndpoint.LIST_WORKSPACES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.ameide.coderguard.common.coder.contract.CoderApiContract;
import io.ameide.coderguard.common.coder.contract.CoderSamples;
import io.ameide.coderguard.common.coder.contract.ScriptedCoderServer;
import io.ameide.coderguard.common.coder.contract.ScriptedCoderServer.Answer;
import io.ameide.coderguard.common.coder.contract.ScriptedCoderServer.RecordedRequest;
import io.ameide.coderguard.common.coder.model.AppStatus;
import io.ameide.coderguard.common.coder.model.CoderError;
import io.ameide.coderguard.common.coder.model.CreateTemplateRequest;
import io.ameide.coderguard.common.coder.model.CreateTemplateVersionRequest;
import io.ameide.coderguard.common.coder.model.CreateWorkspaceBuildRequest;
import io.ameide.coderguard.common.coder.model.MatchedProvisioners;
import io.ameide.coderguard.common.coder.model.PatchTemplateVersionRequest;
import io.ameide.coderguard.common.coder.model.ProvisionerJob;
import io.ameide.coderguard.common.coder.model.Template;
import io.ameide.coderguard.common.coder.model.TemplateVersion;
import io.ameide.coderguard.common.coder.model.UpdateActiveTemplateVersion;
import io.ameide.coderguard.common.coder.model.UpdateTemplateMeta;
import io.ameide.coderguard.common.coder.model.UploadResponse;
import io.ameide.coderguard.common.coder.model.Workspace;
import io.ameide.coderguard.common.coder.model.WorkspaceBuild;
import io.ameide.coderguard.common.coder.model.WorkspacesResponse;

/**
 * Holds the client to Coder's own API description: the operations it calls, the parameters and header it sends,
 * the body it posts, and every model it reads. Coder adds fields freely, so only the direction that breaks the
 * client is checked: everything the client relies on must exist in Coder's description.
 */
class CoderClientContractTest {

    private static final String WORKSPACE_ID = CoderSamples.idFor("dev");
    private static final String LIST_PATH = "/api/v2/workspaces";
    private static final String SAYS = "Coder's description says ";

    private final CoderApiContract contract = CoderApiContract.load();
    private final ScriptedCoderServer coder = ScriptedCoderServer.start();

    @AfterEach
    void stopCoder() {
        coder.close();
    }

    @ParameterizedTest
    @EnumSource(CoderEndpoint.class)
    void everyEndpointTheClientCallsExistsWithItsMethod(CoderEndpoint endpoint) {
        assertThatCode(() -> contract.assertOperationExists(endpoint)).doesNotThrowAnyException();
    }

    @Test
    void theQueryParametersTheClientSendsToListWorkspacesExist() {
        coder.enqueue("GET", LIST_PATH, Answer.json(CoderSamples.workspacesResponse(0, List.of()).toString()));

        TestClients.client(coder).listWorkspaces(WorkspaceQuery.running(), 25, 50);

        List<String> sent = coder.requests().get(0).queryParameterNames();
        assertThat(sent).containsExactly("q", "limit", "offset");
        sent.forEach(name -> assertThatCode(() -> contract.assertQueryParameterExists("GET", LIST_PATH, name))
                .doesNotThrowAnyException());
    }

    @ParameterizedTest
    @EnumSource(value = CoderEndpoint.class, names = "BUILD_INFO", mode = EnumSource.Mode.EXCLUDE)
    void theTokenGoesInTheHeaderCoderNamesForEachEndpoint(CoderEndpoint endpoint) {
        assertThat(contract.tokenHeaders(endpoint.method(), endpoint.pathTemplate()))
                .contains(CoderClient.TOKEN_HEADER);
    }

    @ParameterizedTest
    @MethodSource("modelsAndDefinitions")
    void everyModelTheClientReadsOrSendsConformsToItsDefinition(Class<?> model, String definition) {
        assertThat(contract.violations(model, definition)).isEmpty();
    }

    static Stream<Arguments> modelsAndDefinitions() {
        return Stream.of(
                Arguments.of(Workspace.class, "codersdk.Workspace"),
                Arguments.of(WorkspaceBuild.class, "codersdk.WorkspaceBuild"),
                Arguments.of(ProvisionerJob.class, "codersdk.ProvisionerJob"),
                Arguments.of(AppStatus.class, "codersdk.WorkspaceAppStatus"),
                Arguments.of(MatchedProvisioners.class, "codersdk.MatchedProvisioners"),
                Arguments.of(WorkspacesResponse.class, "codersdk.WorkspacesResponse"),
                Arguments.of(CoderError.class, "codersdk.Response"),
                Arguments.of(CoderError.Validation.class, "codersdk.ValidationError"),
                Arguments.of(CreateWorkspaceBuildRequest.class, "codersdk.CreateWorkspaceBuildRequest"),
                Arguments.of(BuildVersion.class, "codersdk.BuildInfoResponse"),
                Arguments.of(Template.class, "codersdk.Template"),
                Arguments.of(TemplateVersion.class, "codersdk.TemplateVersion"),
                Arguments.of(UploadResponse.class, "codersdk.UploadResponse"),
                Arguments.of(CreateTemplateVersionRequest.class, "codersdk.CreateTemplateVersionRequest"),
                Arguments.of(CreateTemplateRequest.class, "codersdk.CreateTemplateRequest"),
                Arguments.of(UpdateTemplateMeta.class, "codersdk.UpdateTemplateMeta"),
                Arguments.of(UpdateActiveTemplateVersion.class, "codersdk.UpdateActiveTemplateVersion"),
                Arguments.of(PatchTemplateVersionRequest.class, "codersdk.PatchTemplateVersionRequest"));
    }

    /**
     * The one field {@link CoderClient#buildVersion()} reads from the build info, as a record the check can
     * walk.
     */
    record BuildVersion(String version) {
    }

    @Test
    void eachEndpointAnswersWithTheDefinitionTheClientReadsItAs() {
        assertThat(contract.responseDefinition(LIST_WORKSPACES, 200)).isEqualTo("codersdk.WorkspacesResponse");
        assertThat(contract.responseDefinition(GET_WORKSPACE, 200)).isEqualTo("codersdk.Workspace");
        assertThat(contract.responseDefinition(CREATE_WORKSPACE_BUILD, 201)).isEqualTo("codersdk.WorkspaceBuild");
        assertThat(contract.responseDefinition(GET_WORKSPACE_BUILD, 200)).isEqualTo("codersdk.WorkspaceBuild");
        assertThat(contract.responseDefinition(BUILD_INFO, 200)).isEqualTo("codersdk.BuildInfoResponse");
        assertThat(contract.requestDefinition(CREATE_WORKSPACE_BUILD))
                .contains("codersdk.CreateWorkspaceBuildRequest");
    }

    @Test
    void eachTemplateEndpointAnswersWithTheDefinitionTheClientReadsItAs() {
        assertThat(contract.responseDefinition(CoderEndpoint.GET_TEMPLATE_BY_NAME, 200)).isEqualTo("codersdk.Template");
        assertThat(contract.responseDefinition(CoderEndpoint.GET_TEMPLATE, 200)).isEqualTo("codersdk.Template");
        // Coder's description lists 200 for creating a template; Coder answers 201, and the client takes any 2xx.
        assertThat(contract.responseDefinition(CoderEndpoint.CREATE_TEMPLATE, 200)).isEqualTo("codersdk.Template");
        assertThat(contract.responseDefinition(CoderEndpoint.UPDATE_TEMPLATE, 200)).isEqualTo("codersdk.Template");
        assertThat(contract.responseDefinition(CoderEndpoint.UPLOAD_FILE, 200)).isEqualTo("codersdk.UploadResponse");
        assertThat(contract.responseDefinition(CoderEndpoint.UPLOAD_FILE, 201)).isEqualTo("codersdk.UploadResponse");
        assertThat(contract.responseDefinition(CoderEndpoint.CREATE_TEMPLATE_VERSION, 201))
                .isEqualTo("codersdk.TemplateVersion");
        assertThat(contract.responseDefinition(CoderEndpoint.GET_TEMPLATE_VERSION, 200))
                .isEqualTo("codersdk.TemplateVersion");
        assertThat(contract.responseDefinition(CoderEndpoint.UPDATE_TEMPLATE_VERSION, 200))
                .isEqualTo("codersdk.TemplateVersion");
        assertThat(contract.responseDefinition(CoderEndpoint.PROMOTE_TEMPLATE_VERSION, 200))
                .isEqualTo("codersdk.Response");
        assertThat(contract.requestDefinition(CoderEndpoint.CREATE_TEMPLATE_VERSION))
                .contains("codersdk.CreateTemplateVersionRequest");
        assertThat(contract.requestDefinition(CoderEndpoint.CREATE_TEMPLATE)).contains("codersdk.CreateTemplateRequest");
        assertThat(contract.requestDefinition(CoderEndpoint.UPDATE_TEMPLATE)).contains("codersdk.UpdateTemplateMeta");
        assertThat(contract.requestDefinition(CoderEndpoint.PROMOTE_TEMPLATE_VERSION))
                .contains("codersdk.UpdateActiveTemplateVersion");
        assertThat(contract.requestDefinition(CoderEndpoint.UPDATE_TEMPLATE_VERSION))
                .contains("codersdk.PatchTemplateVersionRequest");
    }

    @Test
    void theTemplateSamplesConformToCodersDefinitions() {
        String templateId = CoderSamples.idFor("template:t");
        assertThat(contract.violations(CoderSamples.template("t", CoderSamples.idFor("version:v")), "codersdk.Template"))
                .isEmpty();
        assertThat(contract.violations(CoderSamples.templateVersion("v", templateId, "failed"),
                "codersdk.TemplateVersion")).isEmpty();
    }

    @Test
    void theStopBuildTheClientPostsConformsToCodersRequest() throws Exception {
        JsonNode build = CoderSamples.workspaceBuild(WORKSPACE_ID, "dev", "stop", "pending");
        coder.enqueue("POST", LIST_PATH + "/" + WORKSPACE_ID + "/builds", Answer.json(201, build.toString()));

        TestClients.client(coder).createStopBuild(WORKSPACE_ID);

        RecordedRequest post = coder.requests().get(0);
        JsonNode sent = CoderJson.mapper().readTree(post.body());
        assertThat(sent).isEqualTo(CoderJson.mapper().readTree("{\"transition\":\"stop\"}"));
        String definition = contract.requestDefinition(CREATE_WORKSPACE_BUILD).orElseThrow();
        assertThat(contract.violations(sent, definition)).isEmpty();
    }

    @Test
    void theCheckCatchesAPropertyNameCoderDoesNotHave() {
        assertThat(contract.violations(MisnamedWorkspace.class, "codersdk.Workspace"))
                .singleElement().asString()
                .contains("last_used", "MisnamedWorkspace.lastUsed", "no such property", "codersdk.Workspace");
    }

    @Test
    void theCheckCatchesATypeThatDiffersFromCoders() {
        assertThat(contract.violations(MistypedWorkspace.class, "codersdk.Workspace"))
                .containsExactly(
                        "codersdk.Workspace.ttl_ms: " + "Java String reads a JSON string, " + SAYS + "integer",
                        "codersdk.Workspace.name: " + "Java Integer reads a JSON integer, " + SAYS + "string",
                        "codersdk.Workspace.is_prebuild: " + "Java List reads a JSON array, " + SAYS + "boolean",
                        "codersdk.Workspace.owner_name: " + "Java Instant needs a date-time, " + SAYS + "string");
    }

    @Test
    void theCheckFollowsNestedRecordsAndLists() {
        assertThat(contract.violations(ResponseWithAWrongBuild.class, "codersdk.WorkspacesResponse"))
                .singleElement().asString()
                .startsWith("codersdk.WorkspacesResponse.workspaces[].latest_build.build_number:")
                .contains("Java Boolean", "integer");
    }

    @Test
    void theCheckCatchesAnEnumValueCoderDoesNotList() {
        assertThat(contract.violations(BuildWithAnInventedTransition.class, "codersdk.WorkspaceBuild"))
                .singleElement().asString()
                .contains("codersdk.WorkspaceBuild.transition", "InventedTransition.PAUSE", "\"pause\"");
    }

    record MisnamedWorkspace(String id, @JsonProperty("last_used") Instant lastUsed) {
    }

    record MistypedWorkspace(
            @JsonProperty("ttl_ms") String ttlMs,
            Integer name,
            @JsonProperty("is_prebuild") List<String> isPrebuild,
            @JsonProperty("owner_name") Instant ownerName) {
    }

    record ResponseWithAWrongBuild(List<WorkspaceWithAWrongBuild> workspaces, int count) {
    }

    record WorkspaceWithAWrongBuild(String id, @JsonProperty("latest_build") BuildWithAWrongNumber latestBuild) {
    }

    record BuildWithAWrongNumber(String id, @JsonProperty("build_number") Boolean buildNumber) {
    }

    record BuildWithAnInventedTransition(InventedTransition transition) {
    }

    enum InventedTransition {
        @JsonProperty("start")
        START,
        @JsonProperty("pause")
        PAUSE,
        @JsonEnumDefaultValue
        UNKNOWN
    }
}
