package io.ameide.coderguard.idlereaper.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ameide.coderguard.idlereaper.webhook.WorkspaceHint;
import io.ameide.coderguard.sandbox.kubernetes.WorkspaceObjects;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

/** Tying workspace pods to their workspaces, for each layout Coder's templates use, and hints when a pod gets ready. */
@EnableKubernetesMockClient(crud = true)
class WorkspacePodsTest {

    private static final String KUBERNETES_ID = "0b5e3a8c-1f2d-4e6a-9c7b-3d4e5f6a7b8c";
    private static final String ENVBUILDER_ID = "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    private static final String UNLABELLED_ID = "e2a4c6e8-0b1d-4f3a-a5c7-e9b0d2f4a6c8";

    KubernetesClient client;
    private WorkspaceObjects cluster;
    private final List<WorkspaceHint> hints = new CopyOnWriteArrayList<>();
    private final RecordingListener listener = new RecordingListener();
    private WorkspacePods pods;

    @BeforeEach
    void watch() throws Exception {
        cluster = new WorkspaceObjects(client);
        pods = new WorkspacePods(client, List.of(WorkspaceObjects.NAMESPACE), "app.kubernetes.io/name=coder-workspace",
                Clock.systemUTC(), hints::add, listener);
    }

    @AfterEach
    void stop() {
        pods.close();
    }

    @Test
    void mapsAKubernetesTemplatePodByItsOwnLabel() throws Exception {
        Pod pod = cluster.kubernetesTemplate(KUBERNETES_ID, "bob", "devbox", true);
        start();

        WorkspacePod mapped = awaitOneRunningPod();

        assertThat(mapped.workspaceId()).isEqualTo(KUBERNETES_ID);
        assertThat(mapped.mappedBy()).isEqualTo(WorkspacePod.MappedBy.POD_LABEL);
        assertThat(mapped.pod().getName()).isEqualTo(pod.getMetadata().getName());
        assertThat(mapped.deployment().getName()).isEqualTo("coder-" + KUBERNETES_ID);
    }

    @Test
    void mapsAnEnvbuilderPodThroughItsReplicaSetToTheDeploymentLabel() throws Exception {
        cluster.envbuilderTemplate(ENVBUILDER_ID, "alice", "devcontainer", true);
        start();

        WorkspacePod mapped = awaitOneRunningPod();

        assertThat(mapped.workspaceId()).isEqualTo(ENVBUILDER_ID);
        assertThat(mapped.mappedBy()).isEqualTo(WorkspacePod.MappedBy.DEPLOYMENT_LABEL);
        assertThat(mapped.deployment().getKind()).isEqualTo("Deployment");
        assertThat(mapped.deployment().getName()).isEqualTo("coder-" + ENVBUILDER_ID);
        assertThat(mapped.eventTarget()).isEqualTo(mapped.deployment());
    }

    @Test
    void mapsAPodByItsDeploymentNameWhenNothingCarriesTheWorkspaceLabel() throws Exception {
        cluster.unlabelledTemplate(UNLABELLED_ID, true);
        start();

        WorkspacePod mapped = awaitOneRunningPod();

        assertThat(mapped.workspaceId()).isEqualTo(UNLABELLED_ID);
        assertThat(mapped.mappedBy()).isEqualTo(WorkspacePod.MappedBy.OWNER_NAME);
        assertThat(mapped.deployment().getName()).isEqualTo("coder-" + UNLABELLED_ID);
    }

    @Test
    void mapsAPodByItsReplicaSetNameWhenItsOwnersAreNotWatched() throws Exception {
        Pod pod = cluster.envbuilderTemplate(ENVBUILDER_ID, "alice", "devcontainer", true);
        client.apps().replicaSets().inNamespace(WorkspaceObjects.NAMESPACE).delete();
        start();

        assertThat(pods.workspaceOf(pod)).hasValueSatisfying(mapped -> {
            assertThat(mapped.workspaceId()).isEqualTo(ENVBUILDER_ID);
            assertThat(mapped.mappedBy()).isEqualTo(WorkspacePod.MappedBy.OWNER_NAME);
            assertThat(mapped.deployment()).isNull();
        });
    }

    @Test
    void leavesAPodThatNamesNoWorkspaceUnmapped() throws Exception {
        Pod pod = cluster.anonymousPod(true);
        start();

        assertThat(pods.workspaceOf(pod)).isEmpty();
        assertThat(pods.runningPods()).isEmpty();
    }

    @Test
    void watchesOnlyTheConfiguredNamespaces() throws Exception {
        cluster.kubernetesTemplate(KUBERNETES_ID, "bob", "devbox", true);
        client.pods().inNamespace("elsewhere").resource(client.pods().inNamespace(WorkspaceObjects.NAMESPACE).list().getItems()
                .get(0).toBuilder().editMetadata().withNamespace("elsewhere").withName("other").withUid(null)
                .withResourceVersion(null).endMetadata().build()).create();
        start();

        assertThat(pods.runningPods()).extracting(pod -> pod.pod().getNamespace()).containsExactly(WorkspaceObjects.NAMESPACE);
    }

    @Test
    void hintsOnceWhenAWorkspacePodBecomesReady() throws Exception {
        Pod pod = cluster.envbuilderTemplate(ENVBUILDER_ID, "alice", "devcontainer", false);
        Pod later = cluster.kubernetesTemplate(KUBERNETES_ID, "bob", "devbox", false);
        start();

        cluster.becomeReady(pod);
        cluster.relabel(pod, "touched", "yes");
        cluster.becomeReady(later);
        await().atMost(Duration.ofSeconds(5)).until(() -> hints.size() >= 2);

        assertThat(hints).containsExactly(new WorkspaceHint(ENVBUILDER_ID, null, null, "kubernetes:pod-ready"),
                new WorkspaceHint(KUBERNETES_ID, null, null, "kubernetes:pod-ready"));
        assertThat(listener.podReady).containsExactly("sent", "sent");
    }

    @Test
    void doesNotHintForPodsThatWereReadyBeforeTheWatchBegan() throws Exception {
        cluster.kubernetesTemplate(KUBERNETES_ID, "bob", "devbox", true);
        Pod later = cluster.envbuilderTemplate(ENVBUILDER_ID, "alice", "devcontainer", false);
        start();

        cluster.becomeReady(later);
        await().atMost(Duration.ofSeconds(5)).until(() -> !hints.isEmpty());

        assertThat(hints).extracting(WorkspaceHint::workspaceId).containsExactly(ENVBUILDER_ID);
    }

    @Test
    void countsAReadyPodThatNamesNoWorkspace() throws Exception {
        Pod pod = cluster.anonymousPod(false);
        start();

        cluster.becomeReady(pod);

        await().atMost(Duration.ofSeconds(5)).until(() -> listener.podReady.contains("unmapped"));
        assertThat(hints).isEmpty();
    }

    @Test
    void putsEventsOnTheDeploymentOrOnThePodWhenThereIsNoDeployment() throws Exception {
        cluster.envbuilderTemplate(ENVBUILDER_ID, "alice", "devcontainer", true);
        cluster.barePod(KUBERNETES_ID, true);
        start();
        await().atMost(Duration.ofSeconds(5)).until(() -> pods.runningPods().size() == 2);

        assertThat(pods.eventTarget(ENVBUILDER_ID)).hasValueSatisfying(target -> {
            assertThat(target.getKind()).isEqualTo("Deployment");
            assertThat(target.getName()).isEqualTo("coder-" + ENVBUILDER_ID);
        });
        assertThat(pods.eventTarget(KUBERNETES_ID)).hasValueSatisfying(target -> {
            assertThat(target.getKind()).isEqualTo("Pod");
            assertThat(target.getName()).startsWith("coder-bare-");
        });
        assertThat(pods.eventTarget("00000000-0000-4000-8000-000000000000")).isEmpty();
    }

    @Test
    void keepsNoPodSpecAndSoNoAgentTokenInItsCache() throws Exception {
        cluster.kubernetesTemplate(KUBERNETES_ID, "bob", "devbox", true);
        start();
        awaitOneRunningPod();

        assertThat(pods.cachedObjects()).isNotEmpty().allSatisfy(object -> assertThat(
                io.fabric8.kubernetes.client.utils.Serialization.asJson(object)).doesNotContain(WorkspaceObjects.TOKEN));
    }

    private void start() throws Exception {
        pods.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private WorkspacePod awaitOneRunningPod() {
        await().atMost(Duration.ofSeconds(5)).until(() -> pods.runningPods().size() == 1);
        return pods.runningPods().get(0);
    }
}
