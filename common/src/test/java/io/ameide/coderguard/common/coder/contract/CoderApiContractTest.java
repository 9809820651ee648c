package io.ameide.coderguard.common.coder.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ameide.coderguard.common.coder.CoderEndpoint;

/** The checks that the sandbox and the services rely on: they must pass Coder-shaped bodies and catch drift. */
class CoderApiContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CoderApiContract contract = CoderApiContract.load();

    @Test
    void namesTheUpstreamCommitItWasExtractedFrom() {
        assertThat(contract.extractedFrom())
                .containsEntry("repository", "coder/coder")
                .containsEntry("path", "coderd/apidoc/swagger.json")
                .hasEntrySatisfying("commit", commit -> assertThat(commit).matches("[0-9a-f]{40}"));
    }

    @Test
    void theSamplesAreShapedAsCoderDescribesThem() {
        ObjectNode workspace = CoderSamples.workspace("dev");
        String id = workspace.path("id").asText();

        ObjectNode list = CoderSamples.workspacesResponse(1, List.of(workspace));
        ObjectNode queuedStop = CoderSamples.workspaceBuild(id, "dev", "stop", "pending");
        ObjectNode runningStop = CoderSamples.workspaceBuild(id, "dev", "stop", "running");

        assertThat(contract.violations(workspace, "codersdk.Workspace")).isEmpty();
        assertThat(contract.violations(list, "codersdk.WorkspacesResponse")).isEmpty();
        assertThat(contract.violations(queuedStop, "codersdk.WorkspaceBuild")).isEmpty();
        assertThat(contract.violations(runningStop, "codersdk.WorkspaceBuild")).isEmpty();
        assertThat(contract.violations(CoderSamples.buildInfo("v2.36.1"), "codersdk.BuildInfoResponse")).isEmpty();
    }

    @Test
    void scriptedErrorBodiesAreShapedAsCodersResponse() throws Exception {
        String active = "A workspace build is already active.";
        JsonNode error = JSON.readTree(ScriptedCoderServer.Answer.coderError(409, active, active).body());

        assertThat(contract.violations(error, CoderApiContract.ERROR_DEFINITION)).isEmpty();
    }

    @Test
    void aFieldCoderDoesNotHaveIsAViolation() {
        ObjectNode workspace = CoderSamples.workspace("dev").put("idle_since", "2026-12-04T09:41:07Z");

        assertThat(contract.violations(workspace, "codersdk.Workspace"))
                .containsExactly("codersdk.Workspace.idle_since: no such property in codersdk.Workspace");
    }

    @Test
    void aValueOfTheWrongJsonTypeIsAViolation() {
        ObjectNode workspace = CoderSamples.workspace("dev").put("ttl_ms", "8h");

        assertThat(contract.violations(workspace, "codersdk.Workspace"))
                .containsExactly("codersdk.Workspace.ttl_ms: is a JSON string, Coder's description says integer");
    }

    @Test
    void nullIsAllowedForAnyField() {
        ObjectNode workspace = CoderSamples.workspace("dev");
        workspace.putNull("latest_build").putNull("ttl_ms").putNull("name").putNull("health");

        assertThat(contract.violations(workspace, "codersdk.Workspace")).isEmpty();
    }

    @Test
    void aTimestampRfc3339CannotReadIsAViolation() {
        ObjectNode workspace = CoderSamples.workspace("dev").put("last_used_at", "04.12.2026 09:41");

        assertThat(contract.violations(workspace, "codersdk.Workspace"))
                .singleElement().asString()
                .startsWith("codersdk.Workspace.last_used_at:")
                .contains("04.12.2026 09:41");
    }

    @Test
    void anIdThatIsNoUuidIsAViolation() {
        ObjectNode workspace = CoderSamples.workspace("dev").put("owner_id", "alice");

        assertThat(contract.violations(workspace, "codersdk.Workspace"))
                .containsExactly("codersdk.Workspace.owner_id: \"alice\" is not a UUID");
    }

    @Test
    void aValueOutsideCodersListIsAViolationNamingItsPath() {
        ObjectNode workspace = CoderSamples.workspace("dev");
        ((ObjectNode) workspace.path("latest_build").path("job")).put("status", "done");
        ObjectNode list = CoderSamples.workspacesResponse(1, List.of(workspace));

        assertThat(contract.violations(list, "codersdk.WorkspacesResponse"))
                .singleElement().asString()
                .startsWith("codersdk.WorkspacesResponse.workspaces[0].latest_build.job.status: ")
                .contains("\"done\" is none of Coder's values", "succeeded");
    }

    @Test
    void aBuildReasonFromTheWholeBuildReasonListIsAccepted() {
        // WorkspaceBuild.reason lists three values, the BuildReason it refers to twelve; Coder sends all of them.
        ObjectNode build = CoderSamples.workspaceBuild(CoderSamples.idFor("dev"), "dev", "stop", "pending")
                .put("reason", "cli");

        assertThat(contract.violations(build, "codersdk.WorkspaceBuild")).isEmpty();
    }

    @Test
    void aTaskIdIsReadAsTheUuidStringCoderSends() {
        ObjectNode withTask = CoderSamples.workspace("dev").put("task_id", CoderSamples.idFor("task"));
        ObjectNode withBrokenTask = CoderSamples.workspace("dev").put("task_id", "task-1");

        assertThat(contract.violations(withTask, "codersdk.Workspace")).isEmpty();
        assertThat(contract.violations(withBrokenTask, "codersdk.Workspace"))
                .containsExactly("codersdk.Workspace.task_id: \"task-1\" is not a UUID");
    }

    @Test
    void aTaskIdInTheShapeOfGosStructIsAViolation() {
        // What swagger describes for uuid.NullUUID, and what Coder never sends: it marshals a UUID string or null.
        ObjectNode workspace = CoderSamples.workspace("dev");
        workspace.putObject("task_id").put("uuid", CoderSamples.idFor("task")).put("valid", true);

        assertThat(contract.violations(workspace, "codersdk.Workspace")).containsExactly(
                "codersdk.Workspace.task_id: is a JSON object, Coder sends a uuid.NullUUID as a UUID string"
                        + " or null");
    }

    @Test
    void theValidationsOfAnErrorBodyAreHeldToCodersValidationError() {
        ObjectNode error = JSON.createObjectNode().put("message", "Invalid workspace search query.");
        error.putArray("validations")
                .add(JSON.createObjectNode().put("field", "q").put("detail", "unknown filter"))
                .add(JSON.createObjectNode().put("field", "status").put("rule", "oneof"));

        assertThat(contract.violations(error, CoderApiContract.ERROR_DEFINITION)).containsExactly(
                "codersdk.Response.validations[1].rule: no such property in codersdk.ValidationError");
    }

    @Test
    void everyRefusalOfEveryOperationIsAnsweredWithCodersErrorBody() {
        for (CoderEndpoint endpoint : CoderEndpoint.values()) {
            for (int status : new int[]{400, 401, 403, 404, 409, 410, 429, 500, 503}) {
                assertThat(contract.responseDefinition(endpoint, status)).as("%s answering %d", endpoint, status)
                        .isEqualTo(CoderApiContract.ERROR_DEFINITION);
            }
        }
    }

    @Test
    void anErrorStatusAnOperationDoesNotListIsAnsweredWithCodersErrorBody() {
        assertThat(contract.responseDefinition(CoderEndpoint.CREATE_WORKSPACE_BUILD, 409))
                .isEqualTo(CoderApiContract.ERROR_DEFINITION);
        assertThat(contract.responseViolations(CoderEndpoint.GET_WORKSPACE, 200, CoderSamples.workspace("dev")))
                .isEmpty();
    }

    @Test
    void aSuccessStatusAnOperationDoesNotListIsRefused() {
        assertThatThrownBy(() -> contract.responseDefinition(CoderEndpoint.CREATE_WORKSPACE_BUILD, 200))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("201");
    }

    @Test
    void anOperationOrMethodCoderDoesNotDescribeFailsTheAssertion() {
        assertThatThrownBy(() -> contract.assertOperationExists("DELETE", "/api/v2/workspaces/{workspace}"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("DELETE /api/v2/workspaces/{workspace}");
        assertThatThrownBy(() -> contract.assertOperationExists("GET", "/api/v2/workspaces/{id}"))
                .isInstanceOf(AssertionError.class);
        assertThatCode(() -> contract.assertOperationExists("get", "/api/v2/workspaces/{workspace}"))
                .doesNotThrowAnyException();
    }

    @Test
    void aQueryParameterCoderDoesNotDescribeFailsTheAssertion() {
        assertThatThrownBy(() -> contract.assertQueryParameterExists("GET", "/api/v2/workspaces", "after_id"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("after_id")
                .hasMessageContaining("[limit, offset, q]");
    }

    @Test
    void aDefinitionOutsideTheExtractIsRefusedByName() {
        assertThatThrownBy(() -> contract.violations(CoderSamples.workspace("dev"), "codersdk.AuditLog"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("codersdk.AuditLog");
    }
}
