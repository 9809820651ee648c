package io.ameide.coderguard.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ameide.coderguard.sandbox.StandInClient.Answer;

class WorkspaceSearchTest {

    private static final Instant NOW = Instant.parse("2026-12-04T14:30:00Z");

    private final CoderStandIn standIn = CoderStandIn.start(StandInOptions.defaults()
            .withClock(Clock.fixed(NOW, ZoneOffset.UTC))
            .withJobDuration(Duration.ofHours(1)));
    private final StandInClient client = new StandInClient(standIn);
    private String idleDev;
    private String busyDocs;

    @BeforeEach
    void addWorkspaces() {
        StandInWorkspaces workspaces = standIn.workspaces();
        idleDev = workspaces.add(WorkspaceSpec.idle("alice", "dev", Instant.parse("2026-12-04T13:00:00Z")));
        busyDocs = workspaces
                .add(WorkspaceSpec.idle("alice", "Docs",
                        Instant.parse("2026-12-04T14:20:00Z")).template("docker"));
        workspaces.add(WorkspaceSpec.stopped("bob", "dev-box").lastUsedAt(Instant.parse("2026-12-04T10:00:00Z")));
        workspaces.add(WorkspaceSpec.building("carol", "build"));
        workspaces.add(WorkspaceSpec.running("admin", "mine"));
    }

    @AfterEach
    void close() {
        standIn.close();
    }

    @Test
    void findsRunningWorkspacesLastUsedBeforeAQuotedTimestamp() {
        Answer answer = client.search("status:running last_used_before:\"2026-12-04T14:00:00Z\"", "");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(names(answer)).containsExactly("alice/dev");
        assertThat(answer.json().path("count").asInt()).isEqualTo(1);
    }

    @Test
    void findsWorkspacesLastUsedAfterAQuotedTimestamp() {
        Answer answer = client.search("last_used_after:\"2026-12-04T14:00:00Z\" owner:alice", "");

        assertThat(names(answer)).containsExactly("alice/Docs");
    }

    @Test
    void refusesAnUnquotedTimestampBecauseATermHoldsOneColon() {
        Answer answer = client.search("status:running last_used_before:2026-12-04T14:00:00Z", "");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("message").asText()).isEqualTo("Invalid workspace search query.");
        assertThat(answer.json().path("validations").get(0).path("field").asText()).isEqualTo("q");
    }

    @Test
    void refusesAnUnknownKeyNamingIt() {
        Answer answer = client.search("colour:blue", "");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("message").asText()).isEqualTo("Invalid workspace search query.");
        assertThat(answer.json().path("validations").get(0).path("field").asText()).isEqualTo("colour");
    }

    @Test
    void refusesAnUnknownStatus() {
        Answer answer = client.search("status:sleeping", "");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("validations").get(0).path("field").asText()).isEqualTo("status");
    }

    @Test
    void lowerCasesValuesBeforeMatching() {
        Answer answer = client.search("OWNER:ALICE TEMPLATE:Docker", "");

        assertThat(names(answer)).containsExactly("alice/Docs");
    }

    @Test
    void matchesNamesAsSubstringsWhateverTheCase() {
        Answer answer = client.search("name:DEV", "");

        assertThat(names(answer)).containsExactly("alice/dev", "bob/dev-box");
    }

    @Test
    void readsABareTermAsANameAndOwnerSlashNameAsBoth() {
        assertThat(names(client.search("doc", ""))).containsExactly("alice/Docs");
        assertThat(names(client.search("bob/dev", ""))).containsExactly("bob/dev-box");
    }

    @Test
    void countsRunningAsASucceededStartOnly() {
        assertThat(names(client.search("status:running", "")))
                .containsExactly("admin/mine", "alice/dev", "alice/Docs");
        assertThat(names(client.search("status:starting", ""))).containsExactly("carol/build");
        assertThat(names(client.search("status:stopped", ""))).containsExactly("bob/dev-box");
    }

    @Test
    void filtersByACommaSeparatedIdList() {
        Answer answer = client.search("id:" + idleDev + "," + busyDocs.toUpperCase(), "");

        assertThat(names(answer)).containsExactly("alice/dev", "alice/Docs");
    }

    @Test
    void readsOwnerMeAsTheTokensUser() {
        assertThat(names(client.search("owner:me", ""))).containsExactly("admin/mine");
    }

    @Test
    void findsNothingDormantUntilAWorkspaceIsMarkedSo() {
        standIn.workspaces().add(WorkspaceSpec.stopped("dave", "asleep").dormantAt(NOW.minusSeconds(3600)));

        assertThat(names(client.search("dormant:true", ""))).containsExactly("dave/asleep");
    }

    private static List<String> names(Answer answer) {
        List<String> names = new ArrayList<>();
        for (JsonNode workspace : answer.json().path("workspaces")) {
            names.add(workspace.path("owner_name").asText() + "/" + workspace.path("name").asText());
        }
        return names;
    }
}
