package io.ameide.coderguard.idlereaper.reaper;

import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.ameide.coderguard.common.coder.CoderApiException;
import io.ameide.coderguard.common.coder.CoderClient;
import io.ameide.coderguard.common.coder.model.JobStatus;
import io.ameide.coderguard.common.coder.model.WorkspaceBuild;
import io.ameide.coderguard.common.time.Durations;
import io.ameide.coderguard.idlereaper.config.ReaperConfig;
import io.ameide.coderguard.idlereaper.decision.Decision;
import io.ameide.coderguard.idlereaper.decision.StopRequest;
import io.ameide.coderguard.idlereaper.metrics.ReaperMetrics;

/**
 * Carries out stop decisions, with the safety rails around them: one stop per idle period, at most
 * {@code max-stops-in-flight} stop builds queued or running in Coder, a back-off for workspaces whose stop failed, and
 * a dry-run mode that only reports.
 * <p>
 * A stop that Coder accepted (201) is only queued; it is followed until its job finishes, and only then does its slot
 * free. Coder's 409 means another build of the workspace is active: the stop is skipped, not retried, and the next look
 * at the workspace measures idleness from that build's completion.
 */
final class Stopper {

    private static final Logger LOG = Logger.getLogger(Stopper.class);

    private final CoderClient coder;
    private final StopLedger ledger;
    private final DecisionLog records;
    private final ReaperMetrics metrics;
    private final Clock clock;
    private final ReaperConfig config;
    private final ScheduledExecutorService scheduler;
    private final Executor workers;
    private final Consumer<String> lookAgain;
    private final BiConsumer<String, Instant> lookAgainAt;
    /** Told of each stop requested (false) or, in dry-run, reported (true): the Event on the workspace's Deployment. */
    private final BiConsumer<Decision, Boolean> onStop;
    /** Whether this replica may stop workspaces; checked on entry and again right before a stop is sent. */
    private final BooleanSupplier leading;
    private final Semaphore slots;
    private final Set<String> acting = ConcurrentHashMap.newKeySet();
    private final Set<String> waiting = new LinkedHashSet<>();
    private final Set<String> handedTo = ConcurrentHashMap.newKeySet();

    Stopper(CoderClient coder, StopLedger ledger, DecisionLog records, ReaperMetrics metrics, Clock clock, ReaperConfig config,
            ScheduledExecutorService scheduler, Executor workers, Consumer<String> lookAgain,
            BiConsumer<String, Instant> lookAgainAt, BiConsumer<Decision, Boolean> onStop, BooleanSupplier leading) {
        this.coder = coder;
        this.ledger = ledger;
        this.records = records;
        this.metrics = metrics;
        this.clock = clock;
        this.config = config;
        this.scheduler = scheduler;
        this.workers = workers;
        this.lookAgain = lookAgain;
        this.lookAgainAt = lookAgainAt;
        this.onStop = onStop;
        this.leading = leading;
        this.slots = new Semaphore(config.maxStopsInFlight());
    }

    /** Stops the workspace of a STOP decision, unless a rail holds it back. Never blocks on a free slot. */
    void stop(Decision decision) {
        String workspaceId = decision.workspaceId();
        if (!leading.getAsBoolean() || !acting.add(workspaceId)) {
            return;
        }
        try {
            if (alreadyRequested(decision)) {
                return;
            }
            if (config.dryRun()) {
                reportDryRun(decision);
                return;
            }
            Optional<Instant> backingOff = ledger.backingOffUntil(workspaceId, clock.instant());
            if (backingOff.isPresent()) {
                LOG.debugf("Stop deferred, backing off after a failed stop: workspace=%s until=%s", decision.workspace(),
                        backingOff.get());
                lookAgainAt.accept(workspaceId, backingOff.get());
                return;
            }
            if (!takeSlot(workspaceId)) {
                LOG.debugf("Stop deferred, %d stops in flight: workspace=%s", config.maxStopsInFlight(), decision.workspace());
                enqueue(workspaceId);
                handOutFreeSlots();
                return;
            }
            sendHoldingSlot(decision);
        } finally {
            acting.remove(workspaceId);
        }
    }

    /**
     * A slot handed to this workspace as the oldest waiter, or a free one when nobody waits: first come, first served,
     * so a workspace whose timer fires now never overtakes one that has waited since the last sweep.
     */
    private boolean takeSlot(String workspaceId) {
        if (handedTo.remove(workspaceId)) {
            return true;
        }
        return !hasWaiters() && slots.tryAcquire();
    }

    int inFlight() {
        return config.maxStopsInFlight() - slots.availablePermits();
    }

    private boolean alreadyRequested(Decision decision) {
        return ledger.request(decision.workspaceId())
                .filter(request -> request.coversPeriod(decision.buildNumber(), decision.idleSince()))
                .isPresent();
    }

    private void reportDryRun(Decision decision) {
        Instant now = clock.instant();
        ledger.recordRequest(new StopRequest(decision.workspaceId(), decision.buildNumber(), decision.idleSince(), now, true));
        records.add(new StopRecord(decision, "dry_run", null, null, null, now));
        metrics.stop("dry_run");
        onStop.accept(decision, true);
        LOG.infof(
                "[dry-run] Would stop idle workspace: workspace=%s owner=%s template=%s idle_since=%s idle_for=%s threshold=%s",
                decision.workspace(), decision.owner(), decision.template(), decision.idleSince(),
                Durations.words(Duration.between(decision.idleSince(), now)), Durations.words(decision.threshold()));
    }

    /** Sends the stop; whatever happens, the slot is either handed to the follower or given back. */
    private void sendHoldingSlot(Decision decision) {
        try {
            send(decision);
        } catch (RuntimeException e) {
            release();
            Instant retryAt = ledger.recordFailure(decision.workspaceId(), clock.instant(), config.stop().retryInitialDelay(),
                    config.stop().retryMaxDelay(), Duration.ZERO);
            LOG.errorf(e, "Stop failed unexpectedly, will retry: workspace=%s retry_at=%s", decision.workspace(), retryAt);
            lookAgainAt.accept(decision.workspaceId(), retryAt);
        }
    }

    private void send(Decision decision) {
        if (!leading.getAsBoolean()) {
            LOG.debugf("Stop not sent, this replica may not stop now (not leading, or exemptions not read yet): workspace=%s",
                    decision.workspace());
            release();
            return;
        }
        WorkspaceBuild build;
        try {
            build = coder.createStopBuild(decision.workspaceId());
        } catch (CoderApiException e) {
            if (e.status() / 100 == 2) {
                requested(decision, null, "Coder accepted the stop but its answer could not be read: " + e.getMessage());
                return;
            }
            release();
            refused(decision, e);
            return;
        }
        requested(decision, build, build.id() == null ? "Coder's answer named no build, so the stop is not followed" : null);
    }

    /**
     * Records a stop Coder accepted. Without a build to follow (an answer that could not be read) the slot is given back
     * at once; the ledger still holds the request, so the same idle period is never stopped twice.
     */
    private void requested(Decision decision, WorkspaceBuild build, String unfollowable) {
        Instant now = clock.instant();
        Duration idleFor = Duration.between(decision.idleSince(), now);
        ledger.recordRequest(new StopRequest(decision.workspaceId(), decision.buildNumber(), decision.idleSince(), now, false));
        records.add(new StopRecord(decision, "requested", build == null ? null : build.id(),
                build == null ? null : build.buildNumber(), unfollowable, now));
        metrics.stop("requested");
        metrics.stopRequested(idleFor, Duration.between(decision.stopAt(), now));
        onStop.accept(decision, false);
        LOG.infof("Stop requested for idle workspace: workspace=%s owner=%s template=%s idle_since=%s idle_for=%s threshold=%s"
                + " stop_build=%s", decision.workspace(), decision.owner(), decision.template(), decision.idleSince(),
                Durations.words(idleFor), Durations.words(decision.threshold()), build == null ? "?" : build.buildNumber());
        if (unfollowable != null) {
            LOG.warnf("Stop not followed: workspace=%s why=%s", decision.workspace(), unfollowable);
            release();
            return;
        }
        metrics.stopsInFlight(inFlight());
        follow(decision, build.id(), now.plus(config.stop().followTimeout()));
    }

    private void refused(Decision decision, CoderApiException e) {
        Instant now = clock.instant();
        if (e.isConflict()) {
            metrics.stop("build_active");
            LOG.debugf("Stop skipped, a build is already active; the next look measures from its end: workspace=%s",
                    decision.workspace());
            return;
        }
        if (e.status() == 404) {
            metrics.stop("gone");
            LOG.debugf("Stop skipped, Coder no longer knows the workspace: workspace=%s", decision.workspace());
            return;
        }
        Instant retryAt = ledger.recordFailure(decision.workspaceId(), now, config.stop().retryInitialDelay(),
                config.stop().retryMaxDelay(),
                mayStillApply(e) ? config.coder().requestTimeout().multipliedBy(2) : Duration.ZERO);
        metrics.stop("error");
        records.add(new StopRecord(decision, "failed", null, null, e.getMessage(), now));
        if (e.isTransient() || ledger.failureCount(decision.workspaceId()) > 1) {
            LOG.warnf("Stop failed, will retry: workspace=%s retry_at=%s error=%s", decision.workspace(), retryAt,
                    e.getMessage());
        } else {
            LOG.errorf("Stop refused by Coder, will retry: workspace=%s retry_at=%s error=%s", decision.workspace(), retryAt,
                    e.getMessage());
        }
        lookAgainAt.accept(decision.workspaceId(), retryAt);
    }

    /**
     * A stop request that got no answer may still reach Coder and be applied late. The next try waits at least two
     * request timeouts and starts with a fresh look, which then sees the late stop build and leaves the workspace be.
     */
    private static boolean mayStillApply(CoderApiException e) {
        return e.status() == 0 && !(e.getCause() instanceof ConnectException);
    }

    private void follow(Decision decision, String buildId, Instant giveUpAt) {
        try {
            scheduler.schedule(() -> workers.execute(() -> poll(decision, buildId, giveUpAt)),
                    config.stop().followInterval().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debugf("Stop build no longer followed, the reaper is shutting down: workspace=%s", decision.workspace());
        }
    }

    private void poll(Decision decision, String buildId, Instant giveUpAt) {
        try {
            WorkspaceBuild build = coder.getWorkspaceBuild(buildId);
            JobStatus status = build.job() == null ? JobStatus.UNKNOWN : build.job().status();
            if (status.isTerminal()) {
                finished(decision, buildId, status, build.job().error());
                return;
            }
        } catch (RuntimeException e) {
            LOG.debugf("Following a stop build failed, will poll again: workspace=%s error=%s", decision.workspace(),
                    e.getMessage());
        }
        if (clock.instant().isAfter(giveUpAt)) {
            finished(decision, buildId, JobStatus.UNKNOWN, "not finished within " + config.stop().followTimeout());
            return;
        }
        follow(decision, buildId, giveUpAt);
    }

    private void finished(Decision decision, String buildId, JobStatus status, String jobError) {
        String result = status == JobStatus.UNKNOWN ? "unconfirmed" : status.name().toLowerCase(Locale.ROOT);
        records.update(buildId, record -> record.finished(result, jobError == null || jobError.isBlank() ? null : jobError,
                clock.instant()));
        metrics.stop(result);
        release();
        if (status == JobStatus.SUCCEEDED) {
            LOG.infof("Idle workspace stopped: workspace=%s", decision.workspace());
        } else {
            LOG.warnf("Stop build did not succeed: workspace=%s result=%s error=%s", decision.workspace(), result, jobError);
        }
    }

    /**
     * Frees a slot: hands it to the oldest waiting workspace, which gets a fresh look first, or back to the pool. A
     * waiter whose fresh look ends without a stop (it was used meanwhile, or stopped by someone else) passes it on.
     */
    private void release() {
        String next = dequeue();
        if (next == null) {
            slots.release();
            metrics.stopsInFlight(inFlight());
            return;
        }
        handedTo.add(next);
        workers.execute(() -> {
            lookAgain.accept(next);
            if (handedTo.remove(next)) {
                release();
            }
        });
    }

    /** Hands free slots to waiters: a slot can come free between a waiter's failed try and its joining the queue. */
    private void handOutFreeSlots() {
        while (hasWaiters() && slots.tryAcquire()) {
            release();
        }
    }

    private synchronized void enqueue(String workspaceId) {
        waiting.add(workspaceId);
    }

    private synchronized boolean hasWaiters() {
        return !waiting.isEmpty();
    }

    private synchronized String dequeue() {
        Iterator<String> oldest = waiting.iterator();
        if (!oldest.hasNext()) {
            return null;
        }
        String next = oldest.next();
        oldest.remove();
        return next;
    }
}
