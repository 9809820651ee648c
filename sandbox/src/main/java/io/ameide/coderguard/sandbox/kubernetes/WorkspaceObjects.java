package io.ameide.coderguard.sandbox.kubernetes;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Workspaces as Coder's Kubernetes templates lay them out in a cluster, created through an API server (the mock one of
 * {@link ClusterStandIn}) as Coder's provisioner would: a Deployment {@code coder-<id>}, its ReplicaSet and its pod,
 * with the labels each template sets. The envbuilder template puts {@code com.coder.*} on the Deployment only; the
 * {@code kubernetes} template on the pod too. Pod specs carry {@code CODER_AGENT_TOKEN} in plain env, as Coder's do, so
 * that a test can check it is never kept or logged.
 */
public final class WorkspaceObjects {

    /** The namespace the workspaces are created in. */
    public static final String NAMESPACE = "coder-workspaces";

    /** The agent token in every pod spec: a service must never keep or log it. */
    public static final String TOKEN = "agent-token-that-must-never-be-kept";

    private final KubernetesClient client;

    public WorkspaceObjects(KubernetesClient client) {
        this.client = client;
    }

    /** The {@code kubernetes} template: the full label set on the Deployment, its selector and its pod template. */
    public Pod kubernetesTemplate(String id, String owner, String name, boolean ready) {
        Map<String, String> labels = coderLabels(id, owner, name);
        labels.put("app.kubernetes.io/instance", "coder-workspace-" + id);
        Deployment deployment = deployment("coder-" + id, labels);
        ReplicaSet replicaSet = replicaSet(deployment, withHash(labels));
        return pod(replicaSet, withHash(labels), ready);
    }

    /** The envbuilder template: {@code com.coder.*} on the Deployment only; its pods carry just the name label. */
    public Pod envbuilderTemplate(String id, String owner, String name, boolean ready) {
        Deployment deployment = deployment("coder-" + id, coderLabels(id, owner, name));
        Map<String, String> podLabels = withHash(Map.of("app.kubernetes.io/name", "coder-workspace"));
        return pod(replicaSet(deployment, podLabels), podLabels, ready);
    }

    /** A template that labels nothing but the name: only the Deployment's name {@code coder-<id>} tells the workspace. */
    public Pod unlabelledTemplate(String id, boolean ready) {
        Map<String, String> labels = withHash(Map.of("app.kubernetes.io/name", "coder-workspace"));
        Deployment deployment = deployment("coder-" + id, Map.of("app.kubernetes.io/name", "coder-workspace"));
        return pod(replicaSet(deployment, labels), labels, ready);
    }

    /** A pod with no owner, labelled like the {@code kubernetes} template's. */
    public Pod barePod(String id, boolean ready) {
        return client.pods().inNamespace(NAMESPACE).resource(podSpec("coder-bare-" + id.substring(0, 8),
                coderLabels(id, "bob", "bare"), ready).build()).create();
    }

    /** A pod that is a workspace by its label but names no workspace in any way. */
    public Pod anonymousPod(boolean ready) {
        return client.pods().inNamespace(NAMESPACE)
                .resource(podSpec("someone-elses", Map.of("app.kubernetes.io/name", "coder-workspace"), ready).build())
                .create();
    }

    /** Marks a pod ready, as the kubelet does when its containers pass their readiness checks. */
    public Pod becomeReady(Pod pod) {
        Pod ready = new PodBuilder(client.pods().inNamespace(pod.getMetadata().getNamespace())
                .withName(pod.getMetadata().getName()).get())
                .editStatus().withConditions(readyCondition(true, Instant.now())).endStatus().build();
        return client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(ready).updateStatus();
    }

    /** Changes something about a pod other than its readiness. */
    public Pod relabel(Pod pod, String key, String value) {
        return client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .edit(p -> new PodBuilder(p).editMetadata().addToLabels(key, value).endMetadata().build());
    }

    /**
     * Removes the workspace's Deployment, ReplicaSet and pod, as Coder's provisioner does when a stop build succeeds (the
     * mock API server has no garbage collector to follow owner references). The workspace's volumes would stay.
     */
    public void remove(String workspaceId) {
        String deployment = "coder-" + workspaceId;
        String replicaSet = deployment + "-7d9f8b6c5";
        client.pods().inNamespace(NAMESPACE).withName(replicaSet + "-x2k4p").delete();
        client.apps().replicaSets().inNamespace(NAMESPACE).withName(replicaSet).delete();
        client.apps().deployments().inNamespace(NAMESPACE).withName(deployment).delete();
    }

    private Deployment deployment(String name, Map<String, String> labels) {
        return client.apps().deployments().inNamespace(NAMESPACE).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withLabels(labels)
                .addToAnnotations("com.coder.user.email", "someone@example.com").endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withNewSpec().addNewContainer()
                .withName("dev").addNewEnv().withName("CODER_AGENT_TOKEN").withValue(TOKEN).endEnv().endContainer().endSpec()
                .endTemplate().endSpec()
                .build()).create();
    }

    private ReplicaSet replicaSet(Deployment deployment, Map<String, String> labels) {
        return client.apps().replicaSets().inNamespace(NAMESPACE).resource(new ReplicaSetBuilder()
                .withNewMetadata().withName(deployment.getMetadata().getName() + "-7d9f8b6c5").withLabels(labels)
                .addToOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                        .withName(deployment.getMetadata().getName()).withUid(deployment.getMetadata().getUid())
                        .withController(true).build())
                .endMetadata()
                .build()).create();
    }

    private Pod pod(ReplicaSet replicaSet, Map<String, String> labels, boolean ready) {
        return client.pods().inNamespace(NAMESPACE)
                .resource(podSpec(replicaSet.getMetadata().getName() + "-x2k4p", labels, ready)
                        .editMetadata()
                        .addToOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("ReplicaSet")
                                .withName(replicaSet.getMetadata().getName()).withUid(replicaSet.getMetadata().getUid())
                                .withController(true).build())
                        .endMetadata().build())
                .create();
    }

    private static PodBuilder podSpec(String name, Map<String, String> labels, boolean ready) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("dev").withImage("codercom/example-base:ubuntu")
                .addNewEnv().withName("CODER_AGENT_TOKEN").withValue(TOKEN).endEnv().endContainer().endSpec()
                .withNewStatus().withPhase("Running")
                .withConditions(readyCondition(ready, Instant.now().minusSeconds(3600))).endStatus();
    }

    private static io.fabric8.kubernetes.api.model.PodCondition readyCondition(boolean ready, Instant since) {
        return new PodConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False")
                .withLastTransitionTime(since.toString()).build();
    }

    private static Map<String, String> coderLabels(String id, String owner, String name) {
        Map<String, String> labels = new HashMap<>();
        labels.put("app.kubernetes.io/name", "coder-workspace");
        labels.put("app.kubernetes.io/part-of", "coder");
        labels.put("com.coder.resource", "true");
        labels.put("com.coder.workspace.id", id);
        labels.put("com.coder.workspace.name", name);
        labels.put("com.coder.user.id", "6f2e7a3c-0d5b-4b8e-9a41-2c7d1e5f8a90");
        labels.put("com.coder.user.username", owner);
        return labels;
    }

    private static Map<String, String> withHash(Map<String, String> labels) {
        Map<String, String> withHash = new HashMap<>(labels);
        withHash.put("pod-template-hash", "7d9f8b6c5");
        return withHash;
    }
}
