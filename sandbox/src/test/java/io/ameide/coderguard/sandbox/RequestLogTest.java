package io.ameide.coderguard.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.ameide.coderguard.common.coder.CoderEndpoint;

class RequestLogTest {

    private static final Instant NOW = Instant.parse("2026-12-04T14:30:00Z");

    private final CoderStandIn standIn = CoderStandIn
            .start(StandInOptions.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
    private final StandInClient client = new StandInClient(standIn);

    @AfterEach
    void close() {
        standIn.close();
    }

    @Test
    void countsRequestsPerEndpointWhateverTheAnswer() {
        String id = standIn.workspaces().add(WorkspaceSpec.running("alice", "dev"));
        client.get("/api/v2/workspaces");
        client.get("/api/v2/workspaces?q=colour:blue");
        new StandInClient(standIn.baseUrl(), null).get("/api/v2/workspaces");
        client.get("/api/v2/workspaces/" + id);
        client.get("/api/v2/nothing");

        assertThat(standIn.requestCount(CoderEndpoint.LIST_WORKSPACES)).isEqualTo(3);
        assertThat(standIn.requestCount(CoderEndpoint.GET_WORKSPACE)).isEqualTo(1);
        assertThat(standIn.requestCounts()).isEqualTo(Map.of("GET /api/v2/workspaces", 3L,
                "GET /api/v2/workspaces/{workspace}", 1L, "GET (no route)", 1L));
    }

    @Test
    void recordsEachStopBuildWithItsWorkspaceAndTime() {
        String id = standIn.workspaces().add(WorkspaceSpec.running("alice", "dev").buildNumber(2));

        String buildId = client.stop(id).json().path("id").asText();

        assertThat(standIn.stopBuilds()).containsExactly(new StopBuild(id, buildId, 3, NOW));
    }

    @Test
    void forgetsCountsAndStopsOnReset() {
        String id = standIn.workspaces().add(WorkspaceSpec.running("alice", "dev"));
        client.stop(id);

        standIn.resetRequestLog();

        assertThat(standIn.requestCounts()).isEmpty();
        assertThat(standIn.stopBuilds()).isEmpty();
    }
}
