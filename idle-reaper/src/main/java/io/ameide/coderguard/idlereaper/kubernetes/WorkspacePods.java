package io.ameide.coderguard.idlereaper.kubernetes;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import io.ameide.coderguard.idlereaper.kubernetes.WorkspacePod.MappedBy;
import io.ameide.coderguard.idlereaper.webhook.WorkspaceHint;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;

/**
 * Watches workspace pods, with their ReplicaSets and Deployments, and ties each pod to its Coder workspace: by the pod's
 * own {@code com.coder.workspace.id} label, else by the label of the Deployment that owns it (pod → ReplicaSet →
 * Deployment through {@code ownerReferences}), else by the {@code coder-<id>} name of that Deployment or ReplicaSet.
 * <p>
 * A pod becoming ready is a hint to look at its workspace in Coder now; nothing is ever decided from the cluster. The
 * caches hold only workspace objects (by namespace and label selector) and only their metadata and pod status: never a
 * pod spec, which holds the agent token.
 */
public final class WorkspacePods implements AutoCloseable {

    static final String HINT_SOURCE = "kubernetes:pod-ready";

    private static final Logger LOG = Logger.getLogger(WorkspacePods.class);
    private static final String BY_WORKSPACE = "workspace";

    private final Informers<Pod> pods;
    private final Informers<ReplicaSet> replicaSets;
    private final Informers<Deployment> deployments;
    private final Clock clock;
    private final Consumer<WorkspaceHint> hints;
    private final KubernetesListener listener;
    private final AtomicBoolean failing = new AtomicBoolean();
    private volatile Instant watchingSince = Instant.MAX;

    /**
     * @param namespaces the namespaces to watch; empty for all
     * @param selector the label selector of workspace pods, their ReplicaSets and their Deployments
     * @param hints where a hint goes when a workspace pod becomes ready; must not block
     */
    public WorkspacePods(KubernetesClient client, List<String> namespaces, String selector, Clock clock,
            Consumer<WorkspaceHint> hints, KubernetesListener listener) {
        this.clock = clock;
        this.hints = hints;
        this.listener = listener;
        this.deployments = informers(namespaces, ns -> informer(client.apps().deployments(), ns, selector),
                TrimmedStore::deployments);
        this.replicaSets = informers(namespaces, ns -> informer(client.apps().replicaSets(), ns, selector),
                TrimmedStore::replicaSets);
        this.pods = informers(namespaces, ns -> informer(client.pods(), ns, selector), TrimmedStore::pods);
        deployments.each(informer -> informer.addIndexers(Map.of(BY_WORKSPACE, WorkspacePods::deploymentWorkspace)));
        pods.each(informer -> informer.addEventHandler(new ReadyWatch()));
        Stream.of(deployments, replicaSets).forEach(owners -> owners.each(informer -> informer.addEventHandler(new Alive())));
    }

    /**
     * Starts watching: Deployments and ReplicaSets first, so that a pod's owners are known when its events arrive. Never
     * blocks: an API server that cannot be reached is retried with back-off.
     *
     * @return completes when every cache has been filled once
     */
    public CompletionStage<Void> start() {
        watchingSince = clock.instant();
        return CompletableFuture.allOf(deployments.start(), replicaSets.start())
                .handle((ignored, error) -> null)
                .thenCompose(ignored -> pods.start());
    }

    /** The workspace a pod belongs to, or empty when neither its labels nor its owners name one. */
    public Optional<WorkspacePod> workspaceOf(Pod pod) {
        Owners owners = owners(pod);
        ObjectReference podReference = reference(pod);
        ObjectReference deploymentReference = owners.deployment().map(WorkspacePods::reference).orElse(null);

        return WorkspaceLabels.idLabel(pod)
                .map(id -> new WorkspacePod(id, MappedBy.POD_LABEL, podReference, deploymentReference))
                .or(() -> owners.deployment().flatMap(WorkspaceLabels::idLabel)
                        .map(id -> new WorkspacePod(id, MappedBy.DEPLOYMENT_LABEL, podReference, deploymentReference)))
                .or(() -> owners.idInNames()
                        .map(id -> new WorkspacePod(id, MappedBy.OWNER_NAME, podReference, deploymentReference)));
    }

    /** Every workspace pod that is running and not being deleted, with its workspace. */
    public List<WorkspacePod> runningPods() {
        return pods.all()
                .filter(pod -> pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase()))
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
                .map(this::workspaceOf)
                .flatMap(Optional::stream)
                .toList();
    }

    /**
     * Where Events about a workspace go: its Deployment (found by label, else by its {@code coder-<id>} name), else one
     * of its pods; empty when the reaper watches neither, e.g. for a workspace that does not run on Kubernetes.
     */
    public Optional<ObjectReference> eventTarget(String workspaceId) {
        Optional<ObjectReference> deployment = deployments.byIndex(BY_WORKSPACE, workspaceId).findFirst()
                .map(WorkspacePods::reference);
        if (deployment.isPresent()) {
            return deployment;
        }
        return pods.all().map(this::workspaceOf).flatMap(Optional::stream)
                .filter(pod -> pod.workspaceId().equals(workspaceId))
                .map(WorkspacePod::eventTarget)
                .findFirst();
    }

    /** Everything the caches hold; for tests, which check that no pod spec is kept. */
    List<HasMetadata> cachedObjects() {
        return Stream.of(pods.all(), replicaSets.all(), deployments.all()).flatMap(Function.identity())
                .map(HasMetadata.class::cast).toList();
    }

    @Override
    public void close() {
        Stream.of(pods, replicaSets, deployments).forEach(Informers::stop);
    }

    /** A pod is ready when its {@code Ready} condition is {@code True}. */
    static boolean ready(Pod pod) {
        return readyCondition(pod).isPresent();
    }

    private static Optional<PodCondition> readyCondition(Pod pod) {
        if (pod == null || pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream()
                .filter(condition -> "Ready".equals(condition.getType()) && "True".equals(condition.getStatus()))
                .findFirst();
    }

    /**
     * Whether a pod first seen ready became ready while the reaper was watching: the initial listing, and a re-listing
     * after a lost watch, report pods as added, and only those whose readiness is newer than the watch are news.
     */
    private boolean becameReadyWhileWatching(Pod pod) {
        try {
            return readyCondition(pod).map(PodCondition::getLastTransitionTime).filter(Objects::nonNull).map(Instant::parse)
                    .filter(since -> !since.isBefore(watchingSince)).isPresent();
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private void hint(Pod pod) {
        Optional<WorkspacePod> workspacePod = workspaceOf(pod);
        if (workspacePod.isEmpty()) {
            listener.podReady("unmapped");
            LOG.debugf("Ready pod belongs to no workspace the reaper can tell: pod=%s/%s", pod.getMetadata().getNamespace(),
                    pod.getMetadata().getName());
            return;
        }
        try {
            hints.accept(new WorkspaceHint(workspacePod.get().workspaceId(), null, null, HINT_SOURCE));
        } catch (RuntimeException e) {
            listener.podReady("overloaded");
            LOG.warnf("Ready workspace pod not followed up, the hint queue is full; the next sweep looks at it: pod=%s"
                    + " workspace_id=%s", workspacePod.get().podName(), workspacePod.get().workspaceId());
            return;
        }
        listener.podReady("sent");
        LOG.debugf("Workspace pod became ready, looking at its workspace: pod=%s workspace_id=%s mapped_by=%s",
                workspacePod.get().podName(), workspacePod.get().workspaceId(), workspacePod.get().mappedBy());
    }

    /** Retries every failure of a list or watch (fabric8 backs off); says so once until the watch works again. */
    private boolean retry(boolean started, Throwable error) {
        if (failing.compareAndSet(false, true)) {
            LOG.warnf("Watching workspace pods failed, will keep trying: error=%s", error.getMessage());
        } else {
            LOG.debugf("Watching workspace pods failed again: error=%s", error.getMessage());
        }
        return true;
    }

    private void working() {
        if (failing.compareAndSet(true, false)) {
            LOG.info("Watching workspace pods works again");
        }
    }

    private static List<String> deploymentWorkspace(Deployment deployment) {
        return WorkspaceLabels.idLabel(deployment).or(() -> WorkspaceLabels.idInName(deployment.getMetadata().getName()))
                .map(List::of).orElse(List.of());
    }

    /** The ReplicaSet a pod's controller reference names and, when that ReplicaSet is watched, its Deployment. */
    private Owners owners(Pod pod) {
        String namespace = pod.getMetadata().getNamespace();
        Optional<String> replicaSetName = controller(pod, "ReplicaSet").map(OwnerReference::getName);
        Optional<String> deploymentName = replicaSetName.map(name -> replicaSets.get(namespace, name))
                .flatMap(set -> controller(set, "Deployment"))
                .map(OwnerReference::getName);
        return new Owners(replicaSetName, deploymentName, deploymentName.map(name -> deployments.get(namespace, name)));
    }

    private static Optional<OwnerReference> controller(HasMetadata object, String kind) {
        List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
        return owners == null
                ? Optional.empty()
                : owners.stream().filter(owner -> Boolean.TRUE.equals(owner.getController()) && kind.equals(owner.getKind()))
                        .findFirst();
    }

    static ObjectReference reference(HasMetadata object) {
        return new ObjectReferenceBuilder()
                .withApiVersion(HasMetadata.getApiVersion(object.getClass()))
                .withKind(HasMetadata.getKind(object.getClass()))
                .withNamespace(object.getMetadata().getNamespace())
                .withName(object.getMetadata().getName())
                .withUid(object.getMetadata().getUid())
                .build();
    }

    private <T extends HasMetadata> Informers<T> informers(List<String> namespaces,
            Function<String, SharedIndexInformer<T>> create, Supplier<ItemStore<T>> store) {
        List<String> scopes = namespaces.isEmpty() ? Collections.singletonList(null) : namespaces;
        return new Informers<>(scopes.stream()
                .map(create)
                .map(informer -> informer.itemStore(store.get()).exceptionHandler(this::retry))
                .toList());
    }

    private static <T extends HasMetadata> SharedIndexInformer<T> informer(MixedOperation<T, ?, ?> operation,
            String namespace, String selector) {
        if (namespace == null) {
            return operation.inAnyNamespace().withLabelSelector(selector).runnableInformer(0);
        }
        return operation.inNamespace(namespace).withLabelSelector(selector).runnableInformer(0);
    }

    /** A pod's owners as far as the reaper can see them; the names are known even when the objects are not watched. */
    private record Owners(Optional<String> replicaSetName, Optional<String> deploymentName, Optional<Deployment> deployment) {

        /** The workspace id in the Deployment's name {@code coder-<id>}, else in the ReplicaSet's. */
        Optional<String> idInNames() {
            return deploymentName.flatMap(WorkspaceLabels::idInName)
                    .or(() -> replicaSetName.flatMap(WorkspaceLabels::idInName));
        }
    }

    /** Hints for pods that become ready. */
    private final class ReadyWatch implements ResourceEventHandler<Pod> {

        @Override
        public void onAdd(Pod pod) {
            working();
            if (ready(pod) && becameReadyWhileWatching(pod)) {
                hint(pod);
            }
        }

        @Override
        public void onUpdate(Pod before, Pod after) {
            working();
            if (!ready(before) && ready(after)) {
                hint(after);
            }
        }

        @Override
        public void onDelete(Pod pod, boolean finalStateUnknown) {
            working();
        }

        @Override
        public void onNothing() {
            working();
        }
    }

    /** Notes that a watch delivers again. */
    private final class Alive implements ResourceEventHandler<HasMetadata> {

        @Override
        public void onAdd(HasMetadata object) {
            working();
        }

        @Override
        public void onUpdate(HasMetadata before, HasMetadata after) {
            working();
        }

        @Override
        public void onDelete(HasMetadata object, boolean finalStateUnknown) {
            working();
        }

        @Override
        public void onNothing() {
            working();
        }
    }

    /** One informer per watched namespace, or one for all namespaces, of one kind. */
    private static final class Informers<T extends HasMetadata> {

        private final List<SharedIndexInformer<T>> informers;

        Informers(List<SharedIndexInformer<T>> informers) {
            this.informers = informers;
        }

        void each(Consumer<SharedIndexInformer<T>> action) {
            informers.forEach(action);
        }

        CompletableFuture<Void> start() {
            return CompletableFuture.allOf(
                    informers.stream().map(informer -> informer.start().toCompletableFuture())
                            .toArray(CompletableFuture[]::new));
        }

        T get(String namespace, String name) {
            String key = Cache.namespaceKeyFunc(namespace, name);
            return informers.stream().map(informer -> informer.getStore().getByKey(key)).filter(Objects::nonNull).findFirst()
                    .orElse(null);
        }

        Stream<T> byIndex(String index, String value) {
            return informers.stream().flatMap(informer -> informer.getIndexer().byIndex(index, value).stream());
        }

        Stream<T> all() {
            return informers.stream().flatMap(informer -> informer.getStore().list().stream());
        }

        void stop() {
            informers.forEach(SharedIndexInformer::stop);
        }
    }
}
