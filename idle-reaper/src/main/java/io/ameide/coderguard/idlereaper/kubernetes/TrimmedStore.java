package io.ameide.coderguard.idlereaper.kubernetes;

import java.util.List;
import java.util.function.UnaryOperator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * An informer cache that keeps only what the reaper reads: names, labels, owners and, for pods, phase and conditions.
 * A workspace pod's spec, and its Deployment's and ReplicaSet's pod template, hold the agent token
 * ({@code CODER_AGENT_TOKEN}) in plain env; dropping them keeps the token out of the reaper's memory, out of any heap
 * dump, and keeps the cache small.
 */
final class TrimmedStore<T extends HasMetadata> extends BasicItemStore<T> {

    private final UnaryOperator<T> trim;

    private TrimmedStore(UnaryOperator<T> trim) {
        super(Cache::metaNamespaceKeyFunc);
        this.trim = trim;
    }

    static TrimmedStore<Pod> pods() {
        return new TrimmedStore<>(pod -> new Pod(pod.getApiVersion(), pod.getKind(), metadata(pod), null, status(pod)));
    }

    static TrimmedStore<ReplicaSet> replicaSets() {
        return new TrimmedStore<>(set -> new ReplicaSet(set.getApiVersion(), set.getKind(), metadata(set), null, null));
    }

    static TrimmedStore<Deployment> deployments() {
        return new TrimmedStore<>(
                deployment -> new Deployment(deployment.getApiVersion(), deployment.getKind(), metadata(deployment), null,
                        null));
    }

    @Override
    public T put(String key, T object) {
        return super.put(key, trim.apply(object));
    }

    private static ObjectMeta metadata(HasMetadata object) {
        ObjectMeta metadata = object.getMetadata();
        return new ObjectMetaBuilder()
                .withName(metadata.getName())
                .withNamespace(metadata.getNamespace())
                .withUid(metadata.getUid())
                .withResourceVersion(metadata.getResourceVersion())
                .withCreationTimestamp(metadata.getCreationTimestamp())
                .withDeletionTimestamp(metadata.getDeletionTimestamp())
                .withLabels(metadata.getLabels())
                .withOwnerReferences(metadata.getOwnerReferences())
                .build();
    }

    private static PodStatus status(Pod pod) {
        PodStatus status = pod.getStatus();
        if (status == null) {
            return null;
        }
        return new PodStatusBuilder().withPhase(status.getPhase())
                .withConditions(status.getConditions() == null ? List.of() : status.getConditions())
                .build();
    }
}
