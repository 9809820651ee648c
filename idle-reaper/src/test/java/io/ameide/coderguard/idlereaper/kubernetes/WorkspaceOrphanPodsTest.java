package io.ameide.coderguard.idlereaper.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ameide.coderguard.sandbox.kubernetes.WorkspaceObjects;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

/** Running workspace pods whose workspace Coder reports not running: reported after two sweeps, never deleted. */
@EnableKubernetesMockClient(crud = true)
class WorkspaceOrphanPodsTest {

    private static final String ID = "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    private static final Set<String> NONE_RUNNING = Set.of();
    private static final Set<String> RUNNING = Set.of(ID);

    KubernetesClient client;
    private WorkspaceObjects cluster;
    private final RecordingListener listener = new RecordingListener();
    private WorkspacePods pods;
    private WorkspaceEvents events;
    private OrphanPods orphans;
    private Pod pod;

    @BeforeEach
    void watch() throws Exception {
        cluster = new WorkspaceObjects(client);
        pod = cluster.envbuilderTemplate(ID, "bob", "forgotten", true);
        pods = new WorkspacePods(client, List.of(WorkspaceObjects.NAMESPACE), "app.kubernetes.io/name=coder-workspace",
                Clock.systemUTC(), hint -> {
                }, listener);
        events = new WorkspaceEvents(client, pods::eventTarget, Clock.systemUTC(), listener, "idle-reaper-0");
        orphans = new OrphanPods(pods::runningPods, events, listener, 2);
        pods.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> pods.runningPods().size() == 1);
    }

    @AfterEach
    void stop() {
        events.close();
        pods.close();
    }

    @Test
    void reportsARunningPodOnlyAfterTwoSweepsFoundItsWorkspaceNotRunning() {
        assertThat(orphans.afterSweep(NONE_RUNNING)).isEmpty();
        assertThat(listener.orphanPods).hasValue(0);

        assertThat(orphans.afterSweep(NONE_RUNNING)).extracting(WorkspacePod::workspaceId).containsExactly(ID);
        assertThat(listener.orphanPods).hasValue(1);

        Event event = awaitOneEvent();
        assertThat(event.getType()).isEqualTo("Warning");
        assertThat(event.getReason()).isEqualTo("OrphanWorkspacePod");
        assertThat(event.getInvolvedObject().getKind()).isEqualTo("Deployment");
        assertThat(event.getMessage()).isEqualTo("Pod coder-workspaces/" + pod.getMetadata().getName() + " is running, but"
                + " Coder has reported its workspace " + ID + " not running (stopped, deleted or unknown) in 2 sweeps in a"
                + " row. The idle-reaper deletes nothing: check the workspace in Coder, then remove what is left over.");
    }

    @Test
    void neverDeletesTheOrphanOrItsDeployment() {
        for (int sweep = 0; sweep < 4; sweep++) {
            orphans.afterSweep(NONE_RUNNING);
        }
        awaitOneEvent();

        assertThat(client.pods().inNamespace(WorkspaceObjects.NAMESPACE).withName(pod.getMetadata().getName()).get())
                .isNotNull();
        assertThat(client.apps().deployments().inNamespace(WorkspaceObjects.NAMESPACE).withName("coder-" + ID).get())
                .isNotNull();
    }

    @Test
    void reportsAnOrphanOnceHoweverManySweepsFindIt() {
        for (int sweep = 0; sweep < 5; sweep++) {
            orphans.afterSweep(NONE_RUNNING);
        }

        assertThat(awaitOneEvent().getCount()).isEqualTo(1);
        assertThat(listener.events).containsExactly("orphan_workspace_pod:created");
        assertThat(listener.orphanPods).hasValue(1);
    }

    @Test
    void startsCountingAgainWhenTheWorkspaceRunsBetweenTwoSweeps() {
        orphans.afterSweep(NONE_RUNNING);
        orphans.afterSweep(RUNNING);

        assertThat(orphans.afterSweep(NONE_RUNNING)).isEmpty();
        assertThat(listener.orphanPods).hasValue(0);
    }

    @Test
    void leavesThePodsOfRunningWorkspacesAlone() {
        for (int sweep = 0; sweep < 3; sweep++) {
            assertThat(orphans.afterSweep(RUNNING)).isEmpty();
        }

        assertThat(listener.events).isEmpty();
    }

    @Test
    void clearsTheCountOnceTheOrphanPodIsGone() {
        orphans.afterSweep(NONE_RUNNING);
        orphans.afterSweep(NONE_RUNNING);
        client.pods().inNamespace(WorkspaceObjects.NAMESPACE).withName(pod.getMetadata().getName()).delete();
        await().atMost(Duration.ofSeconds(5)).until(() -> pods.runningPods().isEmpty());

        assertThat(orphans.afterSweep(NONE_RUNNING)).isEmpty();
        assertThat(listener.orphanPods).hasValue(0);
    }

    private Event awaitOneEvent() {
        await().atMost(Duration.ofSeconds(5))
                .until(() -> client.v1().events().inNamespace(WorkspaceObjects.NAMESPACE).list().getItems().size() == 1);
        return client.v1().events().inNamespace(WorkspaceObjects.NAMESPACE).list().getItems().get(0);
    }
}
