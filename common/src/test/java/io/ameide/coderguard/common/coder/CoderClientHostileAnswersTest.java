package io.ameide.coderguard.common.coder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ameide.coderguard.common.coder.contract.CoderSamples;
import io.ameide.coderguard.common.coder.contract.ScriptedCoderServer;
import io.ameide.coderguard.common.coder.contract.ScriptedCoderServer.Answer;

/** Answers no Coder gives but a broken proxy or a hostile server might: each fails one call, never the service. */
class CoderClientHostileAnswersTest {

    private static final String WORKSPACE_ID = CoderSamples.idFor("dev");
    private static final String WORKSPACE_PATH = "/api/v2/workspaces/" + WORKSPACE_ID;

    private final ScriptedCoderServer coder = ScriptedCoderServer.start();

    @AfterEach
    void stopCoder() {
        coder.close();
    }

    @Test
    void retriesAfterANegativeRetryAfterWithoutWaiting() {
        coder.enqueue("GET", WORKSPACE_PATH, Answer.coderError(429, "Rate limited.", null).withHeader("Retry-After", "-5"),
                Answer.json(CoderSamples.workspace("dev").toString()));

        assertThat(TestClients.client(coder).getWorkspace(WORKSPACE_ID)).isPresent();
    }

    @Test
    void failsTheCallWhenTheAnswerIsLargerThanTheLimit() {
        coder.enqueue("GET", WORKSPACE_PATH, Answer.json("{\"pad\":\"" + "x".repeat(10_000) + "\"}"));
        CoderClientConfig config = new CoderClientConfig(coder.baseUrl(), CoderToken.of(TestClients.TOKEN),
                TestClients.CONNECT_TIMEOUT, TestClients.REQUEST_TIMEOUT, RetryPolicy.NONE, 2048);

        assertThatThrownBy(() -> new CoderClient(config, CoderCallListener.NONE).getWorkspace(WORKSPACE_ID))
                .isInstanceOf(CoderApiException.class)
                .hasMessageContaining("the response is larger than 2048 bytes");
    }

    @Test
    void givesUpOnAWorkspaceListThatNeverEnds() {
        AtomicInteger served = new AtomicInteger();
        coder.respond("GET", "/api/v2/workspaces", request -> {
            int page = served.incrementAndGet();
            List<ObjectNode> full = IntStream.range(0, 10).mapToObj(i -> CoderSamples.workspace("ws-" + page + "-" + i))
                    .toList();
            return Answer.json(CoderSamples.workspacesResponse(10 * page + 10, full).toString());
        });

        assertThatThrownBy(() -> TestClients.client(coder).searchWorkspaces(WorkspaceQuery.running(), 10))
                .isInstanceOf(CoderApiException.class)
                .hasMessageContaining("the workspace list did not end");
        assertThat(served.get()).isLessThan(20);
    }

    @Test
    void stopsReadingAListWhoseCountIsHugeOnceItPassesTheWorkspaceLimit() {
        AtomicInteger served = new AtomicInteger();
        coder.respond("GET", "/api/v2/workspaces", request -> {
            int page = served.incrementAndGet();
            List<ObjectNode> full = IntStream.range(0, 100).mapToObj(i -> CoderSamples.workspace("ws-" + page + "-" + i))
                    .toList();
            return Answer.json(CoderSamples.workspacesResponse(Integer.MAX_VALUE, full).toString());
        });

        assertThatThrownBy(() -> TestClients.client(coder).searchWorkspaces(WorkspaceQuery.running(), 100))
                .isInstanceOf(CoderApiException.class)
                .hasMessageContaining("the workspace list did not end")
                .hasMessageContaining("at most 50000 are read");
        assertThat(served.get()).isEqualTo(CoderClient.MAX_WORKSPACES / 100 + 1);
    }

    @Test
    void readsAWorkspaceWhoseIdIsNoUuidAsUnreadable() throws IOException {
        ObjectNode odd = CoderSamples.workspace("odd").put("id", "ws_000000000001");
        ObjectNode fine = CoderSamples.workspace("fine");

        WorkspacePage page = WorkspacePage.read(CoderSamples.workspacesResponse(2, List.of(odd, fine)).toString()
                .getBytes(StandardCharsets.UTF_8));

        assertThat(page.workspaces()).extracting(w -> w.name()).containsExactly("fine");
        assertThat(page.unreadable()).singleElement()
                .satisfies(u -> assertThat(u.problem()).isEqualTo("the id is not a Coder id (a UUID)"));
    }

    @Test
    void refusesANullListThatClaimsWorkspaces() {
        assertThatThrownBy(() -> WorkspacePage.read("{\"workspaces\":null,\"count\":5}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class)
                .hasMessage("\"workspaces\" is null while \"count\" is 5");
    }

    @Test
    void refusesATokenAHeaderCannotCarryWithoutEchoingIt() {
        assertThatThrownBy(() -> CoderToken.of("SECRET-TOKEN\nsecond-line"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("SECRET");
    }
}
