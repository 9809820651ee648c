package io.ameide.coderguard.policyguard.service;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.ameide.coderguard.policyguard.kubernetes.ReportWriter;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/** Pods and volumes of workspaces Coder does not run or does not have, found through Coder's workspace list. */
@QuarkusTest
@QuarkusTestResource(value = CoderStandInResource.class, restrictToAnnotatedClass = true)
@WithKubernetesTestServer(crud = true)
class OrphansThroughCoderTest {

    private static final String GONE = "99999999-2222-4333-8444-555555555555";

    @KubernetesTestServer
    KubernetesServer server;

    @Test
    void reportsThePodOfAStoppedWorkspaceAndTheVolumeOfAWorkspaceCoderDoesNotHave() {
        KubernetesClient client = server.getClient();
        ReportWriter.registerWith(client);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("ws-t-orphans")
                .withLabels(Map.of("coder.example.internal/workspace", "true")).endMetadata().build()).create();
        workspacePod(client, CoderStandInResource.RUNNING);
        workspacePod(client, CoderStandInResource.STOPPED);
        client.persistentVolumeClaims().inNamespace("ws-t-orphans").resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("coder-" + GONE + "-home").endMetadata().build()).create();
        client.persistentVolumeClaims().inNamespace("ws-t-orphans").resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName("coder-" + CoderStandInResource.STOPPED + "-home").endMetadata().build())
                .create();

        List<String> expected = List.of(
                "orphan.pod Pod ws-t-orphans/coder-" + CoderStandInResource.STOPPED + "-5d6f7a8b9c-abcde [workspace "
                        + CoderStandInResource.STOPPED + "]",
                "orphan.pvc PersistentVolumeClaim ws-t-orphans/coder-" + GONE + "-home [workspace " + GONE + "]");
        await().atMost(Duration.ofSeconds(20)).until(() -> ServiceReports.report(client, "ws-t-orphans"),
                report -> report != null && ServiceReports.lines(report).equals(expected));
    }

    /** A Deployment named and labelled as Coder's template does, and its pod, labelled only as envbuilder's are. */
    private static void workspacePod(KubernetesClient client, String workspaceId) {
        String deployment = "coder-" + workspaceId;
        client.apps().deployments().inNamespace("ws-t-orphans").resource(new DeploymentBuilder().withNewMetadata()
                .withName(deployment).withLabels(Map.of("com.coder.workspace.id", workspaceId)).endMetadata()
                .withNewSpec().withNewSelector().withMatchLabels(Map.of("app.kubernetes.io/name", "coder-workspace"))
                .endSelector().withNewTemplate().withNewSpec().addNewContainer().withName("dev").withImage("x")
                .endContainer().endSpec().endTemplate().endSpec().build()).create();
        client.pods().inNamespace("ws-t-orphans").resource(new PodBuilder().withNewMetadata()
                .withName(deployment + "-5d6f7a8b9c-abcde")
                .withLabels(Map.of("app.kubernetes.io/name", "coder-workspace"))
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName(deployment + "-5d6f7a8b9c")
                .withUid("rs-" + workspaceId).endOwnerReference().endMetadata().withNewSpec().addNewContainer()
                .withName("dev").withImage("x").endContainer().endSpec().build()).create();
    }
}
