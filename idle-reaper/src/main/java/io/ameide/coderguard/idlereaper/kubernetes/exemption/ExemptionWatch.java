package io.ameide.coderguard.idlereaper.kubernetes.exemption;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import io.ameide.coderguard.idlereaper.decision.Exemptions;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * Watches {@link WorkspaceExemption} objects in the reaper's namespaces and answers which workspaces they exempt now.
 * The reaper merges {@link #current(Instant)} with its static exemptions before it decides.
 * <p>
 * Each object is reported once per state it enters (active, expired, invalid): to the {@link ExemptionListener}, in the
 * log, and in the object's status. Expiry comes with time, not with an event, so an object is judged again on every
 * {@link #current(Instant)} as well as when it changes. The instants the watch has judged at never go back, so a caller
 * passing a slightly older instant (a sweep that began before an event arrived) cannot make an expired exemption look
 * active again and flap its status.
 * <p>
 * Status writes go through one thread of their own and never hold up a decision; one that fails is tried again at the
 * next look. They need {@code patch} on {@code workspaceexemptions/status}; without it the log and the metric still
 * report.
 */
public final class ExemptionWatch implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ExemptionWatch.class);

    private final KubernetesClient client;
    private final Duration maxLifetime;
    private final Clock clock;
    private final ExemptionListener listener;
    private final List<SharedIndexInformer<WorkspaceExemption>> informers;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final Map<String, WorkspaceExemptionStatus> statusInFlight = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> latest = new AtomicReference<>(Instant.MIN);
    private final AtomicBoolean failing = new AtomicBoolean();
    private final ExecutorService statusWriter = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "exemption-status");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param client the Kubernetes client
     * @param namespaces the namespaces to watch; none means every namespace (which needs a ClusterRole)
     * @param maxLifetime how long after its creation an exemption may last at most, whatever its {@code expiresAt} says
     * @param clock the time for judging objects when they change
     * @param listener told of each state an object enters and of the counts per state
     */
    public ExemptionWatch(KubernetesClient client, List<String> namespaces, Duration maxLifetime, Clock clock,
            ExemptionListener listener) {
        if (maxLifetime.isNegative() || maxLifetime.isZero()) {
            throw new IllegalArgumentException("The maximum lifetime of an exemption must be positive, was " + maxLifetime);
        }
        this.client = client;
        this.maxLifetime = maxLifetime;
        this.clock = clock;
        this.listener = listener;
        List<String> scopes = namespaces.isEmpty() ? Collections.singletonList(null) : namespaces;
        this.informers = scopes.stream().map(this::informer).toList();
    }

    /**
     * Starts watching. Never blocks: an API server that cannot be reached, or that lacks the CRD, is retried with back-off.
     *
     * @return completes when every namespace's objects have been listed once
     */
    public CompletionStage<Void> start() {
        return CompletableFuture.allOf(informers.stream().map(informer -> informer.start().toCompletableFuture())
                .toArray(CompletableFuture[]::new));
    }

    /**
     * Whether every watched namespace has been listed once. Until then {@link #current(Instant)} knows no exemption, so a
     * reaper that has just started would not see one that exists: it should not stop workspaces before this is true.
     * It stays false while the CRD is not installed or the API server cannot be reached.
     */
    public boolean synced() {
        return informers.stream().allMatch(SharedIndexInformer::hasSynced);
    }

    /**
     * The union of all exemptions in force at {@code now}; {@link Exemptions#NONE} before the first listing. Reports
     * objects that entered a state since the last look.
     */
    public Exemptions current(Instant now) {
        Instant judgedAt = advance(now);
        Exemptions union = Exemptions.NONE;
        for (WorkspaceExemption exemption : cached()) {
            ExemptionAssessment inForceNow = judge(exemption, now, judgedAt);
            union = Exemptions.union(union, inForceNow.exemptions());
        }
        count();
        return union;
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::stop);
        statusWriter.shutdownNow();
    }

    private SharedIndexInformer<WorkspaceExemption> informer(String namespace) {
        var resources = client.resources(WorkspaceExemption.class);
        SharedIndexInformer<WorkspaceExemption> informer = namespace == null
                ? resources.inAnyNamespace().runnableInformer(0)
                : resources.inNamespace(namespace).runnableInformer(0);
        informer.exceptionHandler(this::retry);
        informer.addEventHandler(new Changes());
        return informer;
    }

    private List<WorkspaceExemption> cached() {
        return informers.stream().flatMap(informer -> informer.getStore().list().stream()).toList();
    }

    /**
     * Judges one object, at {@code now} for the answer and at {@code judgedAt} for what is reported, and reports and writes
     * its status when its state changed.
     */
    private ExemptionAssessment judge(WorkspaceExemption exemption, Instant now, Instant judgedAt) {
        String uid = uid(exemption);
        Instant created = created(exemption, uid, judgedAt);
        WorkspaceExemptionSpec spec = exemption.getSpec();
        ExemptionAssessment reported = ExemptionAssessment.of(spec, created, judgedAt, maxLifetime);

        if (enteredState(uid, created, reported.state())) {
            report(exemption, reported);
        }
        writeStatus(exemption, uid, reported.status());
        return now.equals(judgedAt) ? reported : ExemptionAssessment.of(spec, created, now, maxLifetime);
    }

    private Instant advance(Instant now) {
        return latest.accumulateAndGet(now, (a, b) -> a.isAfter(b) ? a : b);
    }

    /**
     * The object's creation; an object without one (no API server omits it, a hand-made cache might) counts from first sight.
     */
    private Instant created(WorkspaceExemption exemption, String uid, Instant judgedAt) {
        String timestamp = exemption.getMetadata().getCreationTimestamp();
        if (timestamp != null) {
            try {
                return Instant.parse(timestamp);
            } catch (RuntimeException e) {
                LOG.debugf("Unreadable creation time, counting from first sight: exemption=%s", key(exemption));
            }
        }
        Seen first = seen.get(uid);
        return first == null ? judgedAt : first.created();
    }

    /** Whether the object enters this state now; true once per object and state change. */
    private boolean enteredState(String uid, Instant created, ExemptionState state) {
        AtomicBoolean entered = new AtomicBoolean();
        seen.compute(uid, (key, before) -> {
            entered.set(before == null || before.state() != state);
            return new Seen(state, before == null ? created : before.created());
        });
        return entered.get();
    }

    private void report(WorkspaceExemption exemption, ExemptionAssessment assessment) {
        String until = assessment.until().map(Instant::toString).orElse("none");
        switch (assessment.state()) {
            case ACTIVE -> LOG.infof("Workspace exemption in force: exemption=%s until=%s capped=%b reason=%s", key(exemption),
                    until, assessment.capped(), exemption.getSpec().getReason().strip());
            case EXPIRED -> LOG.infof("Workspace exemption expired, ignored: exemption=%s expired_at=%s capped=%b",
                    key(exemption), until, assessment.capped());
            case INVALID -> LOG.warnf("Workspace exemption invalid, ignored: exemption=%s problem=%s", key(exemption),
                    assessment.message());
        }
        listener.entered(new ExemptionReport(exemption.getMetadata().getNamespace(), exemption.getMetadata().getName(),
                assessment.state(), assessment.until(), assessment.capped(), assessment.message()));
    }

    /** Writes the status unless the object already carries it or the same write is on its way. */
    private void writeStatus(WorkspaceExemption exemption, String uid, WorkspaceExemptionStatus desired) {
        if (desired.equals(exemption.getStatus()) || desired.equals(statusInFlight.put(uid, desired))) {
            return;
        }
        String namespace = exemption.getMetadata().getNamespace();
        String name = exemption.getMetadata().getName();
        try {
            statusWriter.execute(() -> patchStatus(namespace, name, uid, desired));
        } catch (RuntimeException e) {
            statusInFlight.remove(uid, desired);
        }
    }

    private void patchStatus(String namespace, String name, String uid, WorkspaceExemptionStatus desired) {
        // Only the status and the object's identity: a merge patch without a resourceVersion, so that a concurrent
        // change of the spec does not make it fail with 409; the next look writes again if the state moved meanwhile.
        WorkspaceExemption patch = new WorkspaceExemption();
        patch.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
        patch.setStatus(desired);
        try {
            client.resources(WorkspaceExemption.class).inNamespace(namespace).resource(patch).patchStatus();
        } catch (KubernetesClientException e) {
            LOG.debugf("Writing an exemption's status failed, the next look tries again: exemption=%s/%s code=%d", namespace,
                    name, e.getCode());
        } finally {
            statusInFlight.remove(uid, desired);
        }
    }

    private void forget(WorkspaceExemption exemption) {
        String uid = uid(exemption);
        if (seen.remove(uid) != null) {
            LOG.infof("Workspace exemption removed: exemption=%s", key(exemption));
        }
        statusInFlight.remove(uid);
        count();
    }

    private void count() {
        Map<ExemptionState, Integer> counts = new EnumMap<>(ExemptionState.class);
        Stream.of(ExemptionState.values()).forEach(state -> counts.put(state, 0));
        seen.values().forEach(first -> counts.merge(first.state(), 1, Integer::sum));
        listener.counted(counts);
    }

    /** Retries every failure of a list or watch (fabric8 backs off); says so once until the watch works again. */
    private boolean retry(boolean started, Throwable error) {
        if (failing.compareAndSet(false, true)) {
            LOG.warnf("Watching workspace exemptions failed, will keep trying: error=%s", error.getMessage());
        } else {
            LOG.debugf("Watching workspace exemptions failed again: error=%s", error.getMessage());
        }
        return true;
    }

    private void working() {
        if (failing.compareAndSet(true, false)) {
            LOG.info("Watching workspace exemptions works again");
        }
    }

    private static String uid(WorkspaceExemption exemption) {
        String uid = exemption.getMetadata().getUid();
        return uid != null ? uid : key(exemption);
    }

    private static String key(WorkspaceExemption exemption) {
        return exemption.getMetadata().getNamespace() + "/" + exemption.getMetadata().getName();
    }

    /** The state an object was last reported in, and the instant its cap counts from. */
    private record Seen(ExemptionState state, Instant created) {
    }

    /** Judges an object when it appears or changes, so that an invalid one is reported without waiting for a sweep. */
    private final class Changes implements ResourceEventHandler<WorkspaceExemption> {

        @Override
        public void onAdd(WorkspaceExemption exemption) {
            working();
            changed(exemption);
        }

        @Override
        public void onUpdate(WorkspaceExemption before, WorkspaceExemption after) {
            working();
            changed(after);
        }

        @Override
        public void onDelete(WorkspaceExemption exemption, boolean finalStateUnknown) {
            working();
            forget(exemption);
        }

        @Override
        public void onNothing() {
            working();
        }

        private void changed(WorkspaceExemption exemption) {
            Instant judgedAt = advance(clock.instant());
            judge(exemption, judgedAt, judgedAt);
            count();
        }
    }
}
