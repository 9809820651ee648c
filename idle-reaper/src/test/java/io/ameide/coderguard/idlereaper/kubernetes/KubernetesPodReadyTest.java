package io.ameide.coderguard.idlereaper.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.ameide.coderguard.sandbox.WorkspaceSpec;
import io.ameide.coderguard.sandbox.kubernetes.WorkspaceObjects;
import io.fabric8.kubernetes.api.model.Pod;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/** The service with its Kubernetes side on: a workspace pod becoming ready makes the reaper look at its workspace. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = KubernetesStandInResource.class, restrictToAnnotatedClass = true)
class KubernetesPodReadyTest {

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    WorkspaceCluster cluster;

    @Test
    void aWorkspacePodBecomingReadyMakesTheReaperLookAtItsWorkspaceInCoder() {
        String id = KubernetesStandInResource.coder.workspaces()
                .add(WorkspaceSpec.idle("dana", "forgotten", Instant.now().minus(Duration.ofHours(2))));
        WorkspaceObjects objects = new WorkspaceObjects(server.getClient());
        Pod pod = objects.envbuilderTemplate(id, "dana", "forgotten", false);
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.pods().orElseThrow().runningPods().size() == 1);

        objects.becomeReady(pod);

        await().atMost(Duration.ofSeconds(10)).until(() -> KubernetesStandInResource.coder.stopBuilds().stream()
                .anyMatch(stop -> stop.workspaceId().equals(id)));
        assertThat(cluster.enabled()).isTrue();
    }
}
