package io.ameide.coderguard.idlereaper.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.ameide.coderguard.idlereaper.decision.Decision;
import io.ameide.coderguard.idlereaper.decision.Reason;
import io.ameide.coderguard.idlereaper.decision.Verdict;
import io.ameide.coderguard.sandbox.kubernetes.WorkspaceObjects;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

/** The one bean the reaper calls: does nothing when off, and passes stops and sweeps on when on. */
@EnableKubernetesMockClient(crud = true)
class WorkspaceClusterTest {

    private static final String ID = "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";

    KubernetesClient client;

    @Test
    void doesNothingWhenOff() {
        WorkspaceCluster cluster = WorkspaceCluster.off();

        assertThatCode(() -> {
            cluster.warnBeforeStop(stop());
            cluster.stopped(stop(), false);
            cluster.sweepFinished(Set.of());
        }).doesNotThrowAnyException();
        assertThat(cluster.enabled()).isFalse();
        assertThat(cluster.pods()).isEmpty();
    }

    @Test
    void recordsTheStopAndChecksForOrphansWhenOn() throws Exception {
        new WorkspaceObjects(client).envbuilderTemplate(ID, "bob", "forgotten", true);
        RecordingListener listener = new RecordingListener();
        WorkspacePods pods = new WorkspacePods(client, List.of(WorkspaceObjects.NAMESPACE),
                "app.kubernetes.io/name=coder-workspace", Clock.systemUTC(), hint -> {
                }, listener);
        WorkspaceEvents events = new WorkspaceEvents(client, pods::eventTarget, Clock.systemUTC(), listener, "idle-reaper-0");
        WorkspaceCluster cluster = WorkspaceCluster.on(pods, events, new OrphanPods(pods::runningPods, events, listener, 1));
        try (pods; events) {
            pods.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(5)).until(() -> pods.runningPods().size() == 1);

            cluster.stopped(stop(), false);
            cluster.sweepFinished(Set.of());

            await().atMost(Duration.ofSeconds(5)).until(() -> listener.events.size() == 2);
            assertThat(client.v1().events().inNamespace(WorkspaceObjects.NAMESPACE).list().getItems())
                    .extracting(Event::getReason).containsExactlyInAnyOrder("IdleStopped", "OrphanWorkspacePod");
            assertThat(listener.orphanPods).hasValue(1);
        }
    }

    private static Decision stop() {
        Instant idleSince = Instant.parse("2026-12-04T12:30:00Z");
        return new Decision(ID, "bob/forgotten", "bob", "devcontainer", Verdict.STOP, Reason.IDLE,
                "idle for 30m (threshold 30m) since " + idleSince, 3, Instant.now(), idleSince, Duration.ofMinutes(30),
                Duration.ofMinutes(30), idleSince.plus(Duration.ofMinutes(30)), null);
    }
}
