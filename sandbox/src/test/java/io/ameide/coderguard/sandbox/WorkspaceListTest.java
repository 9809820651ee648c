package io.ameide.coderguard.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ameide.coderguard.sandbox.StandInClient.Answer;

class WorkspaceListTest {

    private final CoderStandIn standIn = CoderStandIn.start();
    private final StandInClient client = new StandInClient(standIn);

    @BeforeEach
    void addWorkspaces() {
        StandInWorkspaces workspaces = standIn.workspaces();
        workspaces.add(WorkspaceSpec.running("zed", "a"));
        workspaces.add(WorkspaceSpec.stopped("bob", "b"));
        workspaces.add(WorkspaceSpec.running("Alice", "c"));
        workspaces.add(WorkspaceSpec.running("alice", "B"));
        workspaces.add(WorkspaceSpec.stopped("carl", "x"));
    }

    @AfterEach
    void close() {
        standIn.close();
    }

    @Test
    void listsRunningWorkspacesFirstThenByOwnerThenNameIgnoringCase() {
        Answer answer = client.get("/api/v2/workspaces");

        assertThat(names(answer)).containsExactly("alice/B", "Alice/c", "zed/a", "bob/b", "carl/x");
    }

    @Test
    void pagesWithLimitAndOffsetAndCountsEveryMatch() {
        Answer answer = client.get("/api/v2/workspaces?limit=2&offset=2");

        assertThat(names(answer)).containsExactly("zed/a", "bob/b");
        assertThat(answer.json().path("count").asInt()).isEqualTo(5);
    }

    @Test
    void answersAnEmptyPageWithTheTotalPastTheEnd() {
        Answer answer = client.get("/api/v2/workspaces?limit=2&offset=10");

        assertThat(names(answer)).isEmpty();
        assertThat(answer.json().path("count").asInt()).isEqualTo(5);
    }

    @Test
    void readsLimitZeroAsNoLimit() {
        Answer answer = client.get("/api/v2/workspaces?limit=0");

        assertThat(names(answer)).hasSize(5);
    }

    @Test
    void refusesANegativeLimitNamingIt() {
        Answer answer = client.get("/api/v2/workspaces?limit=-1");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("message").asText()).isEqualTo("Query parameters have invalid values.");
        assertThat(answer.json().path("validations").get(0).path("field").asText()).isEqualTo("limit");
    }

    @Test
    void refusesAnOffsetThatIsNoNumber() {
        Answer answer = client.get("/api/v2/workspaces?offset=ten");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("validations").get(0).path("field").asText()).isEqualTo("offset");
    }

    @Test
    void movesAWorkspaceDownTheListOnceItStops() {
        standIn.jobDuration(Duration.ZERO);
        JsonNode firstPage = client.get("/api/v2/workspaces?limit=1").json();
        String first = firstPage.path("workspaces").get(0).path("id").asText();

        client.stop(first);

        await().untilAsserted(() -> assertThat(names(client.get("/api/v2/workspaces")))
                .containsExactly("Alice/c", "zed/a", "alice/B", "bob/b", "carl/x"));
    }

    private static List<String> names(Answer answer) {
        List<String> names = new ArrayList<>();
        for (JsonNode workspace : answer.json().path("workspaces")) {
            names.add(workspace.path("owner_name").asText() + "/" + workspace.path("name").asText());
        }
        return names;
    }
}
