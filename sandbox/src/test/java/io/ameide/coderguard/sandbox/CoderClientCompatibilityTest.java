package io.ameide.coderguard.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.ameide.coderguard.common.coder.CoderApiException;
import io.ameide.coderguard.common.coder.CoderCallListener;
import io.ameide.coderguard.common.coder.CoderClient;
import io.ameide.coderguard.common.coder.CoderClientConfig;
import io.ameide.coderguard.common.coder.CoderEndpoint;
import io.ameide.coderguard.common.coder.CoderToken;
import io.ameide.coderguard.common.coder.WorkspacePage;
import io.ameide.coderguard.common.coder.WorkspaceQuery;
import io.ameide.coderguard.common.coder.model.WorkspaceBuild;

/**
 * The services' own client against the stand-in: what it sends, the stand-in understands, and the other way
 * round.
 */
class CoderClientCompatibilityTest {

    private final CoderStandIn standIn = CoderStandIn.start(
            StandInOptions.defaults().withJobDuration(Duration.ZERO));
    private final CoderClient client = new CoderClient(
            CoderClientConfig.of(standIn.baseUrl(), CoderToken.of(standIn.token())), CoderCallListener.NONE);

    @AfterEach
    void close() {
        standIn.close();
    }

    @Test
    void findsIdleRunningWorkspacesWithTheClientsQuotedQuery() {
        Instant cutoff = Instant.parse("2026-12-04T14:00:00Z");
        String idle = standIn.workspaces().add(WorkspaceSpec.idle("alice", "idle", cutoff.minusSeconds(600)));
        standIn.workspaces().add(WorkspaceSpec.idle("bob", "busy", cutoff.plusSeconds(600)));
        standIn.workspaces().add(WorkspaceSpec.stopped("carol", "off").lastUsedAt(cutoff.minusSeconds(600)));

        WorkspacePage page = client.searchWorkspaces(WorkspaceQuery.running().lastUsedBefore(cutoff), 50);

        assertThat(page.unreadable()).isEmpty();
        assertThat(page.workspaces()).extracting(w -> w.id()).containsExactly(idle);
    }

    @Test
    void stopsAWorkspaceAndFollowsTheBuildToTheEnd() {
        String id = standIn.workspaces().add(WorkspaceSpec.running("alice", "dev"));

        WorkspaceBuild queued = client.createStopBuild(id);

        assertThat(queued.status()).isEqualTo("pending");
        await().until(() -> client.getWorkspaceBuild(queued.id()).status(), "stopped"::equals);
        assertThat(client.getWorkspace(id).orElseThrow().latestBuild().isSucceededStart()).isFalse();
    }

    @Test
    void surfacesA409AsAConflict() {
        standIn.provisioners(0);
        String id = standIn.workspaces().add(WorkspaceSpec.running("alice", "dev"));
        client.createStopBuild(id);

        assertThatThrownBy(() -> client.createStopBuild(id))
                .isInstanceOfSatisfying(CoderApiException.class, e -> assertThat(e.isConflict()).isTrue());
    }

    @Test
    void retriesAListThroughA503() {
        standIn.workspaces().add(WorkspaceSpec.running("alice", "dev"));
        standIn.inject(CoderEndpoint.LIST_WORKSPACES, 1, Fault.status(503));

        WorkspacePage page = client.listWorkspaces(WorkspaceQuery.running(), 10, 0);

        assertThat(page.count()).isEqualTo(1);
        assertThat(standIn.requestCount(CoderEndpoint.LIST_WORKSPACES)).isEqualTo(2);
    }
}
