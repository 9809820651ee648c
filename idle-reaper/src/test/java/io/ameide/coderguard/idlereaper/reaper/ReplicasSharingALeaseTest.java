package io.ameide.coderguard.idlereaper.reaper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.ameide.coderguard.common.kubernetes.lease.LeaseSettings;
import io.ameide.coderguard.idlereaper.kubernetes.WorkspaceCluster;
import io.ameide.coderguard.sandbox.CoderStandIn;
import io.ameide.coderguard.sandbox.StandInOptions;
import io.ameide.coderguard.sandbox.StopBuild;
import io.ameide.coderguard.sandbox.WorkspaceSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Two whole reapers, one Coder and one Lease on the mock API server: only the holder stops, the follower takes over when
 * the holder crashes, and no workspace is stopped twice across the hand-over.
 */
@EnableKubernetesMockClient(crud = true)
class ReplicasSharingALeaseTest {

    private static final Duration LEASE = Duration.ofSeconds(2);
    private static final Duration RENEW_DEADLINE = Duration.ofMillis(1200);
    private static final Duration RETRY = Duration.ofMillis(200);

    KubernetesClient client;

    private final CoderStandIn coder = CoderStandIn.start(StandInOptions.defaults().withJobDuration(Duration.ofMillis(50)));
    private final List<WorkspaceCluster> clusters = new ArrayList<>();
    private final List<Reaper> reapers = new ArrayList<>();

    @AfterEach
    void stop() {
        reapers.forEach(Reaper::close);
        clusters.forEach(WorkspaceCluster::close);
        coder.close();
    }

    @Test
    void onlyTheLeaseHolderStopsAndTheFollowerTakesOverWhenItCrashesWithoutADoubleStop() {
        Instant longAgo = coder.clock().instant().minus(Duration.ofHours(3));
        String bob = coder.workspaces().add(WorkspaceSpec.idle("bob", "forgotten", longAgo));
        replica("a");
        replica("b");

        await().atMost(Duration.ofSeconds(10)).until(() -> stopped().contains(bob));
        int leader = clusters.get(0).leading() ? 0 : 1;
        Reaper follower = reapers.get(1 - leader);
        String dave = coder.workspaces().add(WorkspaceSpec.idle("dave", "old-branch", longAgo));
        follower.sweep();
        assertThat(stopped()).containsExactly(bob);

        clusters.get(leader).leadership().abandon();
        await().atMost(Duration.ofSeconds(10)).until(() -> stopped().contains(dave));
        reapers.forEach(Reaper::sweep);

        assertThat(stopped()).containsExactly(bob, dave);
        assertThat(clusters.get(leader).leading()).isFalse();
        assertThat(clusters.get(1 - leader).leading()).isTrue();
    }

    private void replica(String pod) {
        LeaseSettings lease = new LeaseSettings("guardrails", "idle-reaper", LeaseSettings.identity(pod, "idle-reaper"),
                LEASE, RENEW_DEADLINE, RETRY);
        WorkspaceCluster cluster = WorkspaceCluster.electing(client, lease);
        Reaper reaper = ReaperFixture.reaper(coder.baseUrl(), coder.token(), new SimpleMeterRegistry(),
                Map.of("idle-reaper.idle-timeout", "30m"), cluster);
        clusters.add(cluster);
        reapers.add(reaper);
    }

    private List<String> stopped() {
        return coder.stopBuilds().stream().map(StopBuild::workspaceId).toList();
    }
}
