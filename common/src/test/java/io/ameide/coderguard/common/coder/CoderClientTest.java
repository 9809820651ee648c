package io.ameide.coderguard.common.coder;

import static io.ameide.coderguard.common.coder.contract.CoderSamples.workspace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ameide.coderguard.common.coder.contract.CoderSamples;
import io.ameide.coderguard.common.coder.contract.ScriptedCoderServer;
import io.ameide.coderguard.common.coder.contract.ScriptedCoderServer.Answer;
import io.ameide.coderguard.common.coder.contract.ScriptedCoderServer.RecordedRequest;
import io.ameide.coderguard.common.coder.model.CoderError;
import io.ameide.coderguard.common.coder.model.JobStatus;
import io.ameide.coderguard.common.coder.model.Transition;
import io.ameide.coderguard.common.coder.model.Workspace;
import io.ameide.coderguard.common.coder.model.WorkspaceBuild;

/**
 * What the client sends to Coder and how it reads Coder's answers and errors. Retries and timeouts are in
 * {@link CoderClientRetryTest}, paging in {@link CoderClientPagingTest}.
 */
class CoderClientTest {

    private static final String WORKSPACE_ID = CoderSamples.idFor("dev");
    private static final String LIST_PATH = "/api/v2/workspaces";
    private static final String WORKSPACE_PATH = LIST_PATH + "/" + WORKSPACE_ID;
    private static final String BUILDS_PATH = WORKSPACE_PATH + "/builds";

    private final ScriptedCoderServer coder = ScriptedCoderServer.start();
    private final CoderClient client = TestClients.client(coder);

    @AfterEach
    void stopCoder() {
        coder.close();
    }

    @Test
    void sendsTheTokenInTheCoderSessionTokenHeaderOnly() {
        coder.enqueue("GET", WORKSPACE_PATH, Answer.json(CoderSamples.workspace("dev").toString()));

        client.getWorkspace(WORKSPACE_ID);

        RecordedRequest request = coder.requests().get(0);
        assertThat(request.header("Coder-Session-Token")).contains(TestClients.TOKEN);
        assertThat(request.header("Authorization")).isEmpty();
        assertThat(request.rawQuery()).isNull();
    }

    @Test
    void keepsTheTokenOutOfErrorMessagesAndConfiguration() {
        coder.enqueue("GET", WORKSPACE_PATH,
                Answer.coderError(401, "You are signed out or your session has expired.", "API key expired."));

        CoderApiException refused = failureOf(() -> client.getWorkspace(WORKSPACE_ID));

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.getMessage()).contains("You are signed out").doesNotContain(TestClients.TOKEN);
        assertThat(refused.toString()).doesNotContain(TestClients.TOKEN);
        CoderToken token = CoderToken.of(TestClients.TOKEN);
        assertThat(token).hasToString("****");
        assertThat(CoderClientConfig.of(URI.create("https://coder.example"), token).toString())
                .doesNotContain(TestClients.TOKEN);
    }

    @Test
    void keepsTheTokenOutOfTheMessageWhenCoderCannotBeReached() {
        ScriptedCoderServer gone = ScriptedCoderServer.start();
        CoderClient unreachable = TestClients.client(gone, RetryPolicy.NONE);
        gone.close();

        CoderApiException failed = failureOf(() -> unreachable.getWorkspace(WORKSPACE_ID));

        assertThat(failed.status()).isZero();
        assertThat(failed.getMessage()).doesNotContain(TestClients.TOKEN);
    }

    @Test
    void quotesTimestampsInTheSearchAndEncodesItsSpacesAsPercent20() {
        coder.enqueue("GET", LIST_PATH, Answer.json(CoderSamples.workspacesResponse(0, List.of()).toString()));
        WorkspaceQuery idle = WorkspaceQuery.running().lastUsedBefore(Instant.parse("2026-12-04T14:00:00Z"));

        client.listWorkspaces(idle, 50, 0);

        RecordedRequest request = coder.requests().get(0);
        assertThat(request.queryParameters())
                .containsEntry("q", "status:running last_used_before:\"2026-12-04T14:00:00Z\"");
        assertThat(request.rawQuery())
                .startsWith("q=status%3Arunning%20last_used_before%3A%222026-12-04T14%3A00%3A00Z%22&")
                .doesNotContain("+");
    }

    @Test
    void reportsAnActiveBuildAsAConflictWithoutPostingAgain() {
        String active = "A workspace build is already active.";
        coder.enqueue("POST", BUILDS_PATH, Answer.coderError(409, active, active));

        CoderApiException conflict = failureOf(() -> client.createStopBuild(WORKSPACE_ID));

        assertThat(conflict.isConflict()).isTrue();
        assertThat(conflict.isTransient()).isFalse();
        assertThat(conflict.getMessage()).contains(active);
        assertThat(coder.requests("POST", BUILDS_PATH)).hasSize(1);
    }

    @Test
    void readsTheQueuedStopBuild() {
        coder.enqueue("POST", BUILDS_PATH,
                Answer.json(201, CoderSamples.workspaceBuild(WORKSPACE_ID, "dev", "stop", "pending").toString()));

        WorkspaceBuild build = client.createStopBuild(WORKSPACE_ID);

        assertThat(build.transition()).isEqualTo(Transition.STOP);
        assertThat(build.job().status()).isEqualTo(JobStatus.PENDING);
        assertThat(build.isActive()).isTrue();
        assertThat(build.matchedProvisioners().count()).isEqualTo(3);
        assertThat(coder.requests().get(0).header("Content-Type")).contains("application/json");
    }

    @Test
    void rendersCodersValidationsInTheMessage() {
        coder.enqueue("GET", LIST_PATH, Answer.json(400, """
                {"message": "Invalid workspace search query.",
                 "validations": [{"field": "status", "detail": "Query param \\"status\\" has invalid value"}]}
                """));
        WorkspaceQuery query = WorkspaceQuery.create().status("sleeping");

        CoderApiException invalid = failureOf(() -> client.listWorkspaces(query, 10, 0));

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.getMessage())
                .contains("Invalid workspace search query.")
                .contains("[status: Query param \"status\" has invalid value]");
        assertThat(invalid.error().map(CoderError::validations).orElseThrow())
                .containsExactly(new CoderError.Validation("status", "Query param \"status\" has invalid value"));
    }

    @Test
    void reportsAnErrorBodyThatIsNotJsonWithoutFailingToReadIt() {
        coder.enqueue("GET", WORKSPACE_PATH, Answer.text(502, "text/html", "<html>Bad Gateway</html>"));
        CoderClient once = TestClients.client(coder, RetryPolicy.NONE);

        CoderApiException failed = failureOf(() -> once.getWorkspace(WORKSPACE_ID));

        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.getMessage()).contains("status 502").contains("not JSON");
    }

    @Test
    void answersEmptyForAWorkspaceCoderDoesNotKnow() {
        coder.enqueue("GET", WORKSPACE_PATH,
                Answer.coderError(404, "Resource not found or you do not have access to this resource", null));

        assertThat(client.getWorkspace(WORKSPACE_ID)).isEmpty();
    }

    @Test
    void reportsAWorkspaceWithAMalformedTimestampAndStillReadsTheOthers() {
        ObjectNode broken = workspace("broken").put("last_used_at", "last tuesday");
        List<ObjectNode> listed = List.of(workspace("alpha"), broken, workspace("omega"));
        coder.enqueue("GET", LIST_PATH, Answer.json(CoderSamples.workspacesResponse(3, listed).toString()));

        WorkspacePage page = client.listWorkspaces(WorkspaceQuery.running(), 10, 0);

        assertThat(page.workspaces()).extracting(Workspace::name).containsExactly("alpha", "omega");
        assertThat(page.unreadable()).singleElement().satisfies(unreadable -> {
            assertThat(unreadable.id()).isEqualTo(CoderSamples.idFor("broken"));
            assertThat(unreadable.name()).isEqualTo("broken");
            assertThat(unreadable.problem()).contains("last_used_at").contains("last tuesday");
        });
        assertThat(page.count()).isEqualTo(3);
    }

    @Test
    void readsCodersVersion() {
        coder.enqueue("GET", "/api/v2/buildinfo", Answer.json(CoderSamples.buildInfo("v2.36.1").toString()));

        assertThat(client.buildVersion()).isEqualTo("v2.36.1");
    }

    private static CoderApiException failureOf(ThrowingCallable call) {
        return catchThrowableOfType(call, CoderApiException.class);
    }
}
