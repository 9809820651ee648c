package io.ameide.coderguard.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

class ClusterStandInTest {

    private final ClusterStandIn cluster = ClusterStandIn.start();

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void listensOnLoopbackOverPlainHttp() {
        assertThat(cluster.url().getScheme()).isEqualTo("http");
        assertThat(cluster.url().getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void servesWhatOneClientStoredToAnotherOnItsUrl() {
        Pod pod = new WorkspaceObjects(cluster.client()).envbuilderTemplate("0b6c2d1e-4f3a-4c55-9e01-7a1b2c3d4e01", "bob",
                "dev", true);

        try (KubernetesClient other = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder().withMasterUrl(cluster.url().toString()).withAutoConfigure(false).build())
                .build()) {
            Pod read = other.pods().inNamespace(WorkspaceObjects.NAMESPACE).withName(pod.getMetadata().getName()).get();

            assertThat(read.getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(owner -> assertThat(owner.getKind()).isEqualTo("ReplicaSet"));
        }
    }

    @Test
    void removesAWorkspacesDeploymentReplicaSetAndPodAsCodersProvisionerDoesOnStop() {
        String id = "0b6c2d1e-4f3a-4c55-9e01-7a1b2c3d4e01";
        cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata()
                .withName(WorkspaceObjects.NAMESPACE).endMetadata().build()).create();
        WorkspaceObjects objects = new WorkspaceObjects(cluster.client());
        objects.kubernetesTemplate(id, "bob", "dev", true);
        objects.envbuilderTemplate("5c9a1f0e-2b3d-4e6f-8a7b-9c0d1e2f3a4b", "alice", "other", true);

        objects.remove(id);

        assertThat(cluster.client().pods().inNamespace(WorkspaceObjects.NAMESPACE).list().getItems())
                .extracting(p -> p.getMetadata().getName()).allMatch(name -> name.startsWith("coder-5c9a1f0e"));
        assertThat(cluster.client().apps().deployments().inNamespace(WorkspaceObjects.NAMESPACE).list().getItems())
                .extracting(d -> d.getMetadata().getName()).containsExactly("coder-5c9a1f0e-2b3d-4e6f-8a7b-9c0d1e2f3a4b");
        assertThat(cluster.client().apps().replicaSets().inNamespace(WorkspaceObjects.NAMESPACE).list().getItems())
                .hasSize(1);
    }
}
