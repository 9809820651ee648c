package io.ameide.coderguard.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The size a benchmark sweeps: ten thousand workspaces, listed whole and in pages, and stopped in a burst. */
class TenThousandWorkspacesTest {

    private static final int WORKSPACES = 10_000;

    private final CoderStandIn standIn = CoderStandIn.start(
            StandInOptions.defaults().withJobDuration(Duration.ZERO));
    private final StandInClient client = new StandInClient(standIn);

    @AfterEach
    void close() {
        standIn.close();
    }

    @Test
    void listsAndPagesTenThousandWorkspacesQuickly() {
        addIdleWorkspaces();

        long started = System.nanoTime();
        JsonNode all = client.search("status:running last_used_before:\"2026-12-04T14:00:00Z\"", "").json();
        JsonNode page = client.get("/api/v2/workspaces?limit=100&offset=9900").json();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(all.path("workspaces").size()).isEqualTo(WORKSPACES);
        assertThat(page.path("workspaces").size()).isEqualTo(100);
        assertThat(page.path("count").asInt()).isEqualTo(WORKSPACES);
        // A generous bound: it catches a quadratic list, not a slow machine.
        assertThat(took).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void stopsAThousandWorkspacesThroughThreeProvisioners() {
        List<String> ids = addIdleWorkspaces().subList(0, 1000);

        ids.forEach(id -> assertThat(client.stop(id).status()).isEqualTo(201));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> client.search("status:stopped",
                        "&limit=1").json().path("count").asInt() == ids.size());
        assertThat(standIn.stopBuilds()).hasSize(ids.size());
    }

    private List<String> addIdleWorkspaces() {
        Instant lastUsed = Instant.parse("2026-12-04T12:00:00Z");
        List<WorkspaceSpec> specs = new ArrayList<>();
        for (int i = 0; i < WORKSPACES; i++) {
            specs.add(WorkspaceSpec.idle("user-" + (i % 500), "ws-" + i, lastUsed));
        }
        return standIn.workspaces().addAll(specs);
    }
}
