package io.ameide.coderguard.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ameide.coderguard.common.coder.CoderEndpoint;
import io.ameide.coderguard.common.coder.contract.CoderApiContract;
import io.ameide.coderguard.sandbox.StandInClient.Answer;

/**
 * Every field the stand-in writes must exist in Coder's API description with the JSON type, format and values
 * it gives there, all the way down; error answers are held to Coder's error body. The description and the check
 * are common's {@link CoderApiContract}, the same ones the client is held to, so the stand-in cannot drift from
 * Coder in a way the client would not notice.
 */
class CoderResponseShapeTest {

    private static final CoderApiContract CODER = CoderApiContract.load();
    private static final String TASK_ID = "0b6c2d1e-4f3a-4c55-9e01-7a1b2c3d4e01";
    private static final String UNKNOWN_ID = "7d3f9a21-5b6c-4d8e-9f01-a2b3c4d5e6f7";

    private final CoderStandIn standIn = CoderStandIn.start(
            StandInOptions.defaults().withJobDuration(Duration.ofHours(1)));
    private final StandInClient client = new StandInClient(standIn);
    private String running;
    private String stopped;

    @BeforeEach
    void addOneWorkspaceOfEachKind() {
        StandInWorkspaces workspaces = standIn.workspaces();
        running = workspaces.add(WorkspaceSpec.running("alice", "dev").ttl(Duration.ofHours(8))
                .autostartSchedule("CRON_TZ=Europe/Berlin 30 8 * * 1-5").appStatus("working").taskId(TASK_ID));
        workspaces.add(WorkspaceSpec.building("bob", "starting"));
        workspaces.add(WorkspaceSpec.queued("carol", "waiting"));
        workspaces.add(WorkspaceSpec.failed("dave", "broken"));
        stopped = workspaces.add(WorkspaceSpec.stopped("erin", "asleep")
                .dormantAt(Instant.parse("2026-12-01T00:00:00Z")));
        workspaces.add(WorkspaceSpec.prebuild("kubernetes", "kubernetes-prebuild-x7q2"));
    }

    @AfterEach
    void close() {
        standIn.close();
    }

    @Test
    void writesWorkspacePagesInCodersShapeOnly() {
        Answer page = client.get("/api/v2/workspaces");

        assertThat(page.json().path("count").asInt()).isEqualTo(6);
        assertThat(violations(CoderEndpoint.LIST_WORKSPACES, page)).isEmpty();
    }

    @Test
    void writesASingleWorkspaceInCodersShapeOnly() {
        Answer workspace = client.get("/api/v2/workspaces/" + running);

        assertThat(workspace.json().path("id").asText()).isEqualTo(running);
        assertThat(violations(CoderEndpoint.GET_WORKSPACE, workspace)).isEmpty();
    }

    @Test
    void writesQueuedAndFetchedBuildsInCodersShapeOnly() {
        Answer queued = client.stop(running);
        Answer fetched = client.get("/api/v2/workspacebuilds/" + queued.json().path("id").asText());

        assertThat(fetched.json().path("transition").asText()).isEqualTo("stop");
        assertThat(violations(CoderEndpoint.CREATE_WORKSPACE_BUILD, queued)).isEmpty();
        assertThat(violations(CoderEndpoint.GET_WORKSPACE_BUILD, fetched)).isEmpty();
    }

    @Test
    void writesBuildInfoInCodersShapeOnly() {
        Answer buildInfo = client.get("/api/v2/buildinfo");

        assertThat(buildInfo.json().path("version").asText()).isNotBlank();
        assertThat(violations(CoderEndpoint.BUILD_INFO, buildInfo)).isEmpty();
    }

    @Test
    void writesTaskIdAsTheUuidStringCoderSendsNotAsItsDescriptionSays() {
        // Coder's description gives task_id as a uuid.NullUUID object; Coder sends a UUID string or null, and
        // the contract holds bodies to what Coder sends.
        Answer withTask = client.get("/api/v2/workspaces/" + running);
        Answer withoutTask = client.get("/api/v2/workspaces/" + stopped);

        assertThat(withTask.json().path("task_id").asText()).isEqualTo(TASK_ID);
        assertThat(withoutTask.json().path("task_id").isNull()).isTrue();
        assertThat(violations(CoderEndpoint.GET_WORKSPACE, withTask)).isEmpty();
        assertThat(violations(CoderEndpoint.GET_WORKSPACE, withoutTask)).isEmpty();
    }

    @Test
    void refusesAMissingTokenWithCodersErrorBody() {
        Answer unauthorized = new StandInClient(standIn.baseUrl(), null).get("/api/v2/workspaces");

        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(violations(CoderEndpoint.LIST_WORKSPACES, unauthorized)).isEmpty();
    }

    @Test
    void refusesAnInvalidSearchWithCodersErrorBodyAndValidations() {
        Answer invalid = client.get("/api/v2/workspaces?q=colour:blue");

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("validations")).isNotEmpty();
        assertThat(violations(CoderEndpoint.LIST_WORKSPACES, invalid)).isEmpty();
    }

    @Test
    void refusesAnInvalidBuildRequestWithCodersErrorBodyAndValidations() {
        Answer invalid = client.post("/api/v2/workspaces/" + running + "/builds", "{\"transition\":\"pause\"}");

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("validations")).isNotEmpty();
        assertThat(violations(CoderEndpoint.CREATE_WORKSPACE_BUILD, invalid)).isEmpty();
    }

    @Test
    void refusesAPathIdThatIsNoUuidWithCodersErrorBody() {
        Answer invalid = client.get("/api/v2/workspaces/dev");

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(violations(CoderEndpoint.GET_WORKSPACE, invalid)).isEmpty();
    }

    @Test
    void answersAnUnknownWorkspaceOrBuildWithCodersErrorBody() {
        Answer workspace = client.get("/api/v2/workspaces/" + UNKNOWN_ID);
        Answer stop = client.stop(UNKNOWN_ID);
        Answer build = client.get("/api/v2/workspacebuilds/" + UNKNOWN_ID);

        assertThat(List.of(workspace.status(), stop.status(), build.status())).containsOnly(404);
        assertThat(violations(CoderEndpoint.GET_WORKSPACE, workspace)).isEmpty();
        assertThat(violations(CoderEndpoint.CREATE_WORKSPACE_BUILD, stop)).isEmpty();
        assertThat(violations(CoderEndpoint.GET_WORKSPACE_BUILD, build)).isEmpty();
    }

    @Test
    void refusesASecondBuildWithCodersErrorBody() {
        client.stop(running);

        Answer second = client.stop(running);

        assertThat(second.status()).isEqualTo(409);
        assertThat(violations(CoderEndpoint.CREATE_WORKSPACE_BUILD, second)).isEmpty();
    }

    @Test
    void answersAPathOrMethodItDoesNotServeWithCodersErrorBody() {
        Answer unknownPath = client.get("/api/v2/templates");
        Answer wrongMethod = client.post("/api/v2/workspaces", "{}");

        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(CODER.violations(unknownPath.json(), CoderApiContract.ERROR_DEFINITION)).isEmpty();
        assertThat(CODER.violations(wrongMethod.json(), CoderApiContract.ERROR_DEFINITION)).isEmpty();
    }

    @Test
    void answersAnInjectedFailureWithCodersErrorBody() {
        standIn.inject(CoderEndpoint.LIST_WORKSPACES, 1, Fault.status(503));

        Answer failed = client.get("/api/v2/workspaces");

        assertThat(failed.status()).isEqualTo(503);
        assertThat(violations(CoderEndpoint.LIST_WORKSPACES, failed)).isEmpty();
    }

    @Test
    void writesTheFieldsTheServicesRead() {
        JsonNode workspace = client.get("/api/v2/workspaces/" + running).json();
        JsonNode build = workspace.path("latest_build");

        assertThat(fieldNames(workspace)).contains("id", "created_at", "updated_at", "owner_id", "owner_name",
                "organization_id", "template_id", "template_name", "template_active_version_id", "name",
                "outdated", "ttl_ms", "last_used_at", "dormant_at", "deleting_at", "is_prebuild",
                "latest_app_status", "latest_build");
        assertThat(fieldNames(build)).contains("id", "workspace_id", "workspace_name", "workspace_owner_id",
                "workspace_owner_name", "build_number", "transition", "status", "reason", "created_at",
                "updated_at", "deadline", "max_deadline", "template_version_id", "template_version_name",
                "initiator_id", "initiator_name", "job", "matched_provisioners", "resources");
        assertThat(build.path("max_deadline").isNull()).isTrue();
        assertThat(build.path("job").path("type").asText()).isEqualTo("workspace_build");
        assertThat(fieldNames(build.path("job"))).contains("id", "status", "created_at", "started_at",
                "completed_at", "queue_position", "queue_size", "tags");
    }

    @Test
    void catchesAnInventedFieldAndAWrongTypeInAStandInAnswer() {
        Answer answer = client.get("/api/v2/workspaces/" + running);
        ObjectNode workspace = (ObjectNode) answer.json();
        workspace.put("idle_for", 3).put("outdated", "no");
        ((ObjectNode) workspace.path("latest_build").path("job")).put("retries", 0);

        assertThat(CODER.responseViolations(CoderEndpoint.GET_WORKSPACE, answer.status(), workspace))
                .containsExactlyInAnyOrder(
                        "codersdk.Workspace.idle_for: no such property in codersdk.Workspace",
                        "codersdk.Workspace.outdated: is a JSON string, Coder's description says boolean",
                        "codersdk.Workspace.latest_build.job.retries: no such property in"
                                + " codersdk.ProvisionerJob");
    }

    /** The answer held to the body Coder's description gives for this endpoint and status. */
    private static List<String> violations(CoderEndpoint endpoint, Answer answer) {
        return CODER.responseViolations(endpoint, answer.status(), answer.json());
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
