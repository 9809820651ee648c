package io.ameide.coderguard.idlereaper.kubernetes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.ameide.coderguard.common.time.Durations;
import io.ameide.coderguard.idlereaper.decision.Decision;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;

/**
 * Writes the reaper's actions as Kubernetes Events (core/v1) on the workspace's Deployment, or on its pod when it has
 * none, where {@code kubectl describe} and the cluster's event tooling show them: a warning before a stop, the stop,
 * and orphan pods, each with the reason in words.
 * <p>
 * One Event per object, reason and idle period: its name is derived from the three, so a repeat (the next sweep, a
 * restart, a second replica) raises the count and last timestamp of the same Event instead of adding another. Events are
 * written on a thread of their own, so the caller never waits for the API server and never sees its errors: a failure
 * is counted, and logged at WARN once until writing works again.
 */
public final class WorkspaceEvents implements AutoCloseable {

    static final String COMPONENT = "idle-reaper";
    /** Kept well under what the API server and {@code kubectl} show comfortably. */
    static final int MAX_MESSAGE = 1024;
    private static final int MAX_WAITING = 1000;
    private static final int MAX_INSTANCE = 128;

    private static final Logger LOG = Logger.getLogger(WorkspaceEvents.class);

    private final KubernetesClient client;
    private final Function<String, Optional<ObjectReference>> targets;
    private final Clock clock;
    private final KubernetesListener listener;
    private final String instance;
    private final ThreadPoolExecutor writer;
    private final AtomicBoolean failing = new AtomicBoolean();

    /**
     * @param targets where Events about a workspace go, by workspace id ({@link WorkspacePods#eventTarget})
     * @param instance the reporting instance, e.g. the pod name
     */
    public WorkspaceEvents(KubernetesClient client, Function<String, Optional<ObjectReference>> targets, Clock clock,
            KubernetesListener listener, String instance) {
        this.client = client;
        this.targets = targets;
        this.clock = clock;
        this.listener = listener;
        this.instance = instance.length() > MAX_INSTANCE ? instance.substring(0, MAX_INSTANCE) : instance;
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(MAX_WAITING),
                runnable -> {
                    Thread thread = new Thread(runnable, "idle-reaper-events");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** A kept workspace will be stopped at {@code decision.stopAt()} unless it is used before. */
    public void warnBeforeStop(Decision decision) {
        if (decision.workspaceId() == null || decision.stopAt() == null || decision.idleSince() == null
                || decision.idleFor() == null || decision.threshold() == null) {
            return;
        }
        String message = "The idle-reaper will stop workspace " + decision.workspace() + " at " + decision.stopAt()
                + " unless it is used before then: idle for " + Durations.words(decision.idleFor()) + " (threshold "
                + Durations.words(decision.threshold()) + ") since " + decision.idleSince() + ". "
                + decision.coderAutostopInWords() + ".";
        record(EventReason.IDLE_STOP_SCHEDULED, decision.workspaceId(), period(decision), message);
    }

    /** The reaper asked Coder to stop an idle workspace, or in dry-run would have. */
    public void stopped(Decision decision, boolean dryRun) {
        if (decision.workspaceId() == null) {
            return;
        }
        String why = decision.explanation() == null ? "idle" : decision.explanation();
        if (dryRun) {
            record(EventReason.IDLE_STOP_DRY_RUN, decision.workspaceId(), period(decision), "[dry-run] The idle-reaper would"
                    + " have asked Coder to stop workspace " + decision.workspace() + ", " + why + "; it was left running.");
        } else {
            record(EventReason.IDLE_STOPPED, decision.workspaceId(), period(decision),
                    "The idle-reaper asked Coder to stop workspace " + decision.workspace() + ", " + why + ".");
        }
    }

    /** A pod runs for a workspace that Coder has reported not running in {@code sweeps} complete sweeps in a row. */
    public void orphanPod(WorkspacePod pod, int sweeps) {
        String message = "Pod " + pod.podName() + " is running, but Coder has reported its workspace " + pod.workspaceId()
                + " not running (stopped, deleted or unknown) in " + sweeps + " sweeps in a row. The idle-reaper deletes"
                + " nothing: check the workspace in Coder, then remove what is left over.";
        submit(new Pending(EventReason.ORPHAN_WORKSPACE_POD, pod.workspaceId(), Optional.of(pod.eventTarget()),
                pod.pod().getUid(), message));
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warnf("Events still waiting at shutdown were not written: count=%d", writer.shutdownNow().size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void record(EventReason reason, String workspaceId, String period, String message) {
        submit(new Pending(reason, workspaceId, Optional.empty(), period, message));
    }

    private void submit(Pending pending) {
        try {
            writer.execute(() -> write(pending));
        } catch (RejectedExecutionException e) {
            listener.event(pending.reason().tag(), "dropped");
            LOG.debugf("Event not written, too many are waiting: reason=%s workspace_id=%s", pending.reason().reason(),
                    pending.workspaceId());
        }
    }

    /** Runs on the writer thread; whatever goes wrong is counted and logged, never thrown. */
    private void write(Pending pending) {
        try {
            Optional<ObjectReference> target = pending.target().or(() -> targets.apply(pending.workspaceId()));
            if (target.isEmpty()) {
                listener.event(pending.reason().tag(), "no_target");
                LOG.debugf("Event not written, no Deployment or pod of the workspace is watched: reason=%s workspace_id=%s",
                        pending.reason().reason(), pending.workspaceId());
                return;
            }
            listener.event(pending.reason().tag(), createOrCount(pending, target.get()));
            if (failing.compareAndSet(true, false)) {
                LOG.info("Writing Kubernetes Events works again");
            }
        } catch (RuntimeException e) {
            failed(pending, e);
        }
    }

    private String createOrCount(Pending pending, ObjectReference target) {
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        Resource<Event> resource = client.v1().events().inNamespace(target.getNamespace())
                .withName(eventName(target, pending.reason(), pending.period()));
        Event existing = resource.get();
        if (existing == null) {
            try {
                client.v1().events().inNamespace(target.getNamespace()).resource(newEvent(pending, target, now)).create();
                return "created";
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                existing = resource.get();
                if (existing == null) {
                    throw new IllegalStateException("the Event was there to conflict with, and then was not");
                }
            }
        }
        Event counted = new EventBuilder(existing)
                .withCount(existing.getCount() == null ? 2 : existing.getCount() + 1)
                .withLastTimestamp(now)
                .withMessage(bounded(pending.message()))
                .build();
        try {
            client.v1().events().inNamespace(target.getNamespace()).resource(counted).update();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            LOG.debugf("Event counted by someone else at the same moment: reason=%s", pending.reason().reason());
        }
        return "updated";
    }

    private Event newEvent(Pending pending, ObjectReference target, String now) {
        return new EventBuilder()
                .withNewMetadata()
                .withNamespace(target.getNamespace())
                .withName(eventName(target, pending.reason(), pending.period()))
                .addToLabels(WorkspaceLabels.MANAGED_BY, WorkspaceLabels.REAPER)
                .addToLabels(WorkspaceLabels.WORKSPACE_ID, pending.workspaceId())
                .endMetadata()
                .withInvolvedObject(target)
                .withType(pending.reason().type())
                .withReason(pending.reason().reason())
                .withAction(pending.reason().action())
                .withMessage(bounded(pending.message()))
                .withCount(1)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .withReportingInstance(instance)
                .build();
    }

    private void failed(Pending pending, RuntimeException e) {
        listener.event(pending.reason().tag(), "failed");
        int status = e instanceof KubernetesClientException k ? k.getCode() : 0;
        if (failing.compareAndSet(false, true)) {
            LOG.warnf("Writing a Kubernetes Event failed; later failures are logged at DEBUG until one succeeds: reason=%s"
                    + " workspace_id=%s status=%d error=%s", pending.reason().reason(), pending.workspaceId(), status,
                    e.getMessage());
        } else {
            LOG.debugf("Writing a Kubernetes Event failed: reason=%s workspace_id=%s status=%d", pending.reason().reason(),
                    pending.workspaceId(), status);
        }
    }

    /**
     * {@code <object>.<hash of uid, reason and period>}: the same for every repeat of one Event, whichever replica or
     * process writes it, and within the 253 characters of a name.
     */
    static String eventName(ObjectReference target, EventReason reason, String period) {
        String name = target.getName().length() > 200 ? target.getName().substring(0, 200) : target.getName();
        String identity = target.getKind() + "/" + target.getNamespace() + "/" + target.getName() + "/" + target.getUid() + "/"
                + reason.reason() + "/" + period;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return name + "." + HexFormat.of().formatHex(digest, 0, 8).toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** An idle period is its build and the instant it began; a new period gets its own Events. */
    private static String period(Decision decision) {
        return decision.buildNumber() + "@" + decision.idleSince();
    }

    private static String bounded(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 1) + "…";
    }

    /** An Event waiting to be written; without a target, the workspace's is looked up when it is written. */
    private record Pending(EventReason reason, String workspaceId, Optional<ObjectReference> target, String period,
            String message) {
    }

}
