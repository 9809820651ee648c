package io.ameide.coderguard.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ameide.coderguard.sandbox.StandInClient.Answer;

class WorkspaceBuildTest {

    private static final String ACTIVE = "A workspace build is already active.";

    private final CoderStandIn standIn = CoderStandIn.start(
            StandInOptions.defaults().withJobDuration(Duration.ofMillis(500)));
    private final StandInClient client = new StandInClient(standIn);

    @AfterEach
    void close() {
        standIn.close();
    }

    @Test
    void queuesAStopThatRunsAndLeavesTheWorkspaceStopped() {
        String id = standIn.workspaces().add(WorkspaceSpec.running("alice", "dev").buildNumber(7));

        Answer created = client.stop(id);

        assertThat(created.status()).isEqualTo(201);
        JsonNode build = created.json();
        assertThat(build.path("transition").asText()).isEqualTo("stop");
        assertThat(build.path("status").asText()).isEqualTo("pending");
        assertThat(build.path("build_number").asInt()).isEqualTo(8);
        assertThat(build.path("job").path("status").asText()).isEqualTo("pending");
        assertThat(build.path("job").path("queue_position").asInt()).isEqualTo(1);
        assertThat(build.path("matched_provisioners").path("count").asInt()).isEqualTo(3);
        String buildPath = "/api/v2/workspacebuilds/" + build.path("id").asText();
        await().until(() -> client.get(buildPath).json().path("status").asText(), "stopping"::equals);
        await().until(() -> client.get(buildPath).json().path("status").asText(), "stopped"::equals);
        JsonNode workspace = client.get("/api/v2/workspaces/" + id).json();
        assertThat(workspace.path("latest_build").path("status").asText()).isEqualTo("stopped");
        assertThat(workspace.path("latest_build").path("job").path("completed_at").isTextual()).isTrue();
    }

    @Test
    void refusesASecondBuildWhileTheFirstIsActive() {
        standIn.provisioners(0);
        String id = standIn.workspaces().add(WorkspaceSpec.running("alice", "dev"));
        client.stop(id);

        Answer second = client.stop(id);

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().path("message").asText()).isEqualTo(ACTIVE);
        assertThat(second.json().path("detail").asText()).isEqualTo(ACTIVE);
    }

    @Test
    void refusesABuildWhileASeededStartIsRunning() {
        standIn.jobDuration(Duration.ofHours(1));
        String id = standIn.workspaces().add(WorkspaceSpec.building("alice", "dev"));

        assertThat(client.stop(id).status()).isEqualTo(409);
    }

    @Test
    void createsAnotherBuildWhenAStoppedWorkspaceIsStoppedAgain() {
        standIn.jobDuration(Duration.ZERO);
        String id = standIn.workspaces().add(WorkspaceSpec.stopped("alice", "dev").buildNumber(3));

        Answer again = client.stop(id);

        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().path("build_number").asInt()).isEqualTo(4);
        await().until(() -> standIn.workspaces().get(id).orElseThrow().latestBuild().status(), "stopped"::equals);
        assertThat(standIn.stopBuilds()).extracting(StopBuild::buildNumber).containsExactly(4);
    }

    @Test
    void stopsOnThePreviousBuildsTemplateVersion() {
        String id = standIn.workspaces().add(WorkspaceSpec.running("alice",
                "dev").templateVersion("v3").outdated(true));
        JsonNode before = client.get("/api/v2/workspaces/" + id).json();

        JsonNode stop = client.stop(id).json();

        assertThat(before.path("outdated").asBoolean()).isTrue();
        assertThat(stop.path("template_version_name").asText()).isEqualTo("v3");
        assertThat(stop.path("template_version_id").asText())
                .isEqualTo(before.path("latest_build").path("template_version_id").asText());
    }

    @Test
    void leavesLastUsedAtAloneWhenStopping() {
        standIn.jobDuration(Duration.ZERO);
        Instant lastUsed = Instant.parse("2026-12-01T08:00:00Z");
        String id = standIn.workspaces().add(WorkspaceSpec.idle("alice", "dev", lastUsed));

        client.stop(id);

        await().until(() -> standIn.workspaces().get(id).orElseThrow().latestBuild().status(), "stopped"::equals);
        assertThat(standIn.workspaces().get(id).orElseThrow().lastUsedAt()).isEqualTo(lastUsed);
    }

    @Test
    void leavesAFailedStopInStatusFailedWithItsError() {
        standIn.jobDuration(Duration.ZERO);
        standIn.failNextBuilds(1, "terraform destroy: timeout");
        String id = standIn.workspaces().add(WorkspaceSpec.running("alice", "dev"));

        client.stop(id);

        await().until(() -> standIn.workspaces().get(id).orElseThrow().latestBuild().status(), "failed"::equals);
        JsonNode build = client.get("/api/v2/workspaces/" + id).json().path("latest_build");
        assertThat(build.path("transition").asText()).isEqualTo("stop");
        assertThat(build.path("job").path("error").asText()).isEqualTo("terraform destroy: timeout");
    }

    @Test
    void refusesAMissingTransitionAsAValidationFailure() {
        String id = standIn.workspaces().add(WorkspaceSpec.running("alice", "dev"));

        Answer answer = client.post("/api/v2/workspaces/" + id + "/builds", "{}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("message").asText()).isEqualTo("Validation failed.");
        assertThat(answer.json().path("validations").get(0).path("field").asText()).isEqualTo("transition");
    }

    @Test
    void refusesAnUnknownTransitionAsAValidationFailure() {
        String id = standIn.workspaces().add(WorkspaceSpec.running("alice", "dev"));

        Answer answer = client.post("/api/v2/workspaces/" + id + "/builds", "{\"transition\":\"pause\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("validations").get(0).path("field").asText()).isEqualTo("transition");
    }

    @Test
    void refusesABodyThatIsNotJsonAsCoderDoes() {
        String id = standIn.workspaces().add(WorkspaceSpec.running("alice", "dev"));

        Answer answer = client.post("/api/v2/workspaces/" + id + "/builds", "{transition: stop");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("message").asText()).isEqualTo("Request body must be valid JSON.");
    }

    @Test
    void answers404ForAnUnknownWorkspace() {
        Answer answer = client.stop(UUID.randomUUID().toString());

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("message").asText())
                .isEqualTo("Resource not found or you do not have access to this resource");
    }

    @Test
    void answers400ForAnIdThatIsNoUuid() {
        assertThat(client.get("/api/v2/workspaces/dev").status()).isEqualTo(400);
        assertThat(client.get("/api/v2/workspacebuilds/42").status()).isEqualTo(400);
    }

    @Test
    void refusesToStopADeletedWorkspaceAndHidesIt() {
        String seed = "[{\"name\":\"gone\",\"latest_build\":{\"status\":\"deleted\"}}]";
        String id = standIn.workspaces().seed(seed).get(0);

        Answer stop = client.stop(id);

        assertThat(stop.status()).isEqualTo(409);
        assertThat(stop.json().path("message").asText()).isEqualTo("Cannot stop a deleted workspace!");
        assertThat(client.get("/api/v2/workspaces/" + id).status()).isEqualTo(410);
        assertThat(client.get("/api/v2/workspaces").json().path("count").asInt()).isZero();
    }

    @Test
    void hidesAWorkspaceOnceItsDeleteBuildSucceeds() {
        standIn.jobDuration(Duration.ZERO);
        String id = standIn.workspaces().add(WorkspaceSpec.stopped("alice", "dev"));

        Answer delete = client.post("/api/v2/workspaces/" + id + "/builds", "{\"transition\":\"delete\"}");

        assertThat(delete.status()).isEqualTo(201);
        await().until(() -> client.get("/api/v2/workspaces/" + id).status() == 410);
        assertThat(client.get("/api/v2/workspaces/" + id + "?include_deleted=true").json().path("latest_build")
                .path("status").asText()).isEqualTo("deleted");
        assertThat(client.get("/api/v2/workspaces").json().path("count").asInt()).isZero();
    }

    @Test
    void answers405ForAMethodThePathDoesNotTake() {
        String id = standIn.workspaces().add(WorkspaceSpec.running("alice", "dev"));

        Answer answer = client.send(client.request("/api/v2/workspaces/" + id).DELETE());

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.json().path("message").asText()).isEqualTo("Method not allowed.");
        assertThat(answer.header("Allow")).isEqualTo("GET");
    }

    @Test
    void answers404InCodersShapeForAnUnknownPath() {
        Answer answer = client.get("/api/v2/templates");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("message").asText()).isEqualTo("Route not found.");
    }
}
