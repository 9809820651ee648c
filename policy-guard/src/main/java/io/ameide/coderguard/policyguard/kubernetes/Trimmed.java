package io.ameide.coderguard.policyguard.kubernetes;

import java.util.List;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * What the caches keep of each object. A Secret keeps its metadata only, never its data. A pod keeps its spec without
 * env values: Coder's workspace pods carry the agent token ({@code CODER_AGENT_TOKEN}) in plain env, and the rules read
 * only env names and where values come from. Deployments and claims keep their metadata, which is all the orphan rules
 * read.
 */
final class Trimmed {

    private Trimmed() {
    }

    static Secret secret(Secret secret) {
        Secret trimmed = new Secret();
        trimmed.setApiVersion(secret.getApiVersion());
        trimmed.setKind(secret.getKind());
        trimmed.setMetadata(metadata(secret.getMetadata()));
        trimmed.setType(secret.getType());
        return trimmed;
    }

    static Pod pod(Pod pod) {
        PodSpec spec = pod.getSpec();
        if (spec != null) {
            PodContainerLists.each(spec, Trimmed::withoutEnvValues, Trimmed::withoutEnvValues);
        }
        PodStatus status = pod.getStatus() == null ? null : new PodStatus();
        if (status != null) {
            status.setPhase(pod.getStatus().getPhase());
        }
        return new Pod(pod.getApiVersion(), pod.getKind(), metadata(pod.getMetadata()), spec, status);
    }

    static ServiceAccount serviceAccount(ServiceAccount account) {
        ServiceAccount trimmed = new ServiceAccount();
        trimmed.setApiVersion(account.getApiVersion());
        trimmed.setKind(account.getKind());
        trimmed.setMetadata(metadata(account.getMetadata()));
        trimmed.setAutomountServiceAccountToken(account.getAutomountServiceAccountToken());
        return trimmed;
    }

    static Deployment deployment(Deployment deployment) {
        return new Deployment(deployment.getApiVersion(), deployment.getKind(), metadata(deployment.getMetadata()), null,
                null);
    }

    static PersistentVolumeClaim claim(PersistentVolumeClaim claim) {
        return new PersistentVolumeClaim(claim.getApiVersion(), claim.getKind(), metadata(claim.getMetadata()), null,
                null);
    }

    private static void withoutEnvValues(Container container) {
        container.setEnv(envWithoutValues(container.getEnv()));
    }

    private static void withoutEnvValues(EphemeralContainer container) {
        container.setEnv(envWithoutValues(container.getEnv()));
    }

    private static List<EnvVar> envWithoutValues(List<EnvVar> env) {
        if (env == null) {
            return null;
        }
        return env.stream().map(var -> new EnvVar(var.getName(), null, var.getValueFrom())).toList();
    }

    /** Metadata without managedFields and annotations other than Telepresence's, which the rules read. */
    private static ObjectMeta metadata(ObjectMeta metadata) {
        return new ObjectMetaBuilder().withName(metadata.getName())
                .withNamespace(metadata.getNamespace())
                .withUid(metadata.getUid())
                .withResourceVersion(metadata.getResourceVersion())
                .withCreationTimestamp(metadata.getCreationTimestamp())
                .withLabels(metadata.getLabels())
                .withAnnotations(metadata.getAnnotations() == null
                        ? null
                        : metadata.getAnnotations()
                                .entrySet()
                                .stream()
                                .filter(entry -> entry.getKey().startsWith("telepresence."))
                                .collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey,
                                        java.util.Map.Entry::getValue)))
                .withOwnerReferences(metadata.getOwnerReferences())
                .build();
    }

    /** Applies a change to every container list of a pod spec. */
    private static final class PodContainerLists {

        private PodContainerLists() {
        }

        static void each(PodSpec spec, java.util.function.Consumer<Container> containers,
                java.util.function.Consumer<EphemeralContainer> ephemeral) {
            if (spec.getContainers() != null) {
                spec.getContainers().forEach(containers);
            }
            if (spec.getInitContainers() != null) {
                spec.getInitContainers().forEach(containers);
            }
            if (spec.getEphemeralContainers() != null) {
                spec.getEphemeralContainers().forEach(ephemeral);
            }
        }
    }
}
