package io.ameide.coderguard.idlereaper.reaper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.ameide.coderguard.common.coder.CoderApiException;
import io.ameide.coderguard.common.coder.CoderClient;
import io.ameide.coderguard.common.coder.UnreadableWorkspace;
import io.ameide.coderguard.common.coder.WorkspacePage;
import io.ameide.coderguard.common.coder.WorkspaceQuery;
import io.ameide.coderguard.common.coder.model.Workspace;
import io.ameide.coderguard.common.time.Durations;
import io.ameide.coderguard.idlereaper.config.ReaperConfig;
import io.ameide.coderguard.idlereaper.config.ReaperSettings;
import io.ameide.coderguard.idlereaper.decision.Decision;
import io.ameide.coderguard.idlereaper.decision.Exemptions;
import io.ameide.coderguard.idlereaper.decision.IdleJudge;
import io.ameide.coderguard.idlereaper.decision.Verdict;
import io.ameide.coderguard.idlereaper.kubernetes.WorkspaceCluster;
import io.ameide.coderguard.idlereaper.metrics.ReaperMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;

/**
 * The idle-reaper's reconcile loop. Coder's API is the truth: every decision is made on Coder's current view of a
 * workspace, fetched by a periodic sweep over all running workspaces or by a fresh look when a workspace's timer says
 * it has reached the idle timeout.
 */
@Startup
@Singleton
public class Reaper {

    private static final Logger LOG = Logger.getLogger(Reaper.class);

    /** A listing slower than this is too old to stop from without a fresh look. */
    static final Duration FRESH = Duration.ofSeconds(5);

    private final CoderClient coder;
    private final WorkspaceCluster cluster;
    private final ReaperMetrics metrics;
    private final Clock clock;
    private final ReaperConfig config;
    private final IdleJudge judge;
    private final StopLedger ledger = new StopLedger();
    private final DecisionLog records;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService workers;
    private final IdleTimers timers;
    /** A fresh look when a kept workspace's stop comes within the warning lead time, so that the warning is on time. */
    private final IdleTimers warningTimers;
    private final Stopper stopper;
    private final Set<String> reportedUnreadable = new HashSet<>();
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private final Map<String, Instant> warned = new ConcurrentHashMap<>();
    private final ReentrantLock sweeping = new ReentrantLock();
    private volatile boolean closing;

    Reaper(ReaperSettings settings, CoderClient coder, ReaperMetrics metrics, Clock clock, WorkspaceCluster cluster) {
        this.coder = coder;
        this.cluster = cluster;
        this.metrics = metrics;
        this.clock = clock;
        this.config = settings.config();
        this.judge = new IdleJudge(settings.policy());
        this.records = new DecisionLog(config.decisionHistory());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(named("idle-reaper-timer"));
        this.workers = Executors.newFixedThreadPool(4, named("idle-reaper-worker"));
        this.timers = new IdleTimers(scheduler, clock, id -> submit(() -> evaluate(id)));
        this.warningTimers = new IdleTimers(scheduler, clock, id -> submit(() -> evaluate(id)));
        this.stopper = new Stopper(coder, ledger, records, metrics, clock, config, scheduler, this::submit, this::evaluate,
                timers::arm, cluster::stopped, () -> !closing && cluster.mayStop());
        cluster.whenMayStop(this::sweepSoon);
    }

    /**
     * Sweeps on a worker rather than waiting for the schedule: called when this replica becomes able to stop workspaces
     * (it took the Lease and has read the exemptions), so that what was judged idle meanwhile is stopped now.
     */
    void sweepSoon() {
        submit(() -> {
            try {
                sweep();
            } catch (CoderApiException e) {
                // Logged and counted by the sweep; the schedule tries again.
            }
        });
    }

    /**
     * Lists every running workspace, judges each, and acts: stop the idle, arm a timer for the rest.
     * <p>
     * Workspaces are judged as of the instant the listing began, so a slow listing never makes them look idler than
     * they were. When the listing took longer than {@link #FRESH}, a workspace judged idle gets a fresh look before its
     * stop, because it may have been used while the later pages were read.
     */
    public SweepResult sweep() {
        sweeping.lock();
        try {
            return sweepHoldingLock();
        } finally {
            sweeping.unlock();
        }
    }

    private SweepResult sweepHoldingLock() {
        Instant listedFrom = clock.instant();
        long started = System.nanoTime();
        WorkspacePage page = listRunning(started);

        boolean stale = since(started).compareTo(FRESH) > 0;
        Exemptions exempt = cluster.exemptions(listedFrom);
        List<Decision> decisions = page.workspaces().stream().map(w -> decide(w, listedFrom, exempt)).toList();
        decisions.forEach(decision -> actOnListed(decision, stale));
        reportUnreadable(page.unreadable());
        forgetStopped(page);

        return summarise(decisions, page, since(started));
    }

    private WorkspacePage listRunning(long started) {
        try {
            return coder.searchWorkspaces(WorkspaceQuery.running(), config.pageSize());
        } catch (CoderApiException e) {
            metrics.sweepFinished(since(started), false, 0, 0);
            LOG.warnf("Sweep failed, will try again next interval: error=%s", e.getMessage());
            throw e;
        }
    }

    private SweepResult summarise(List<Decision> decisions, WorkspacePage page, Duration took) {
        SweepResult result = new SweepResult(decisions, page.unreadable().size(), took);
        metrics.sweepFinished(took, true, page.workspaces().size(), page.unreadable().size());
        LOG.infof("Sweep finished: running=%d stop=%d keep=%d skip=%d unreadable=%d took=%dms", decisions.size(),
                result.count(Verdict.STOP), result.count(Verdict.KEEP), result.count(Verdict.SKIP), result.unreadable(),
                took.toMillis());
        return result;
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** Takes a fresh look at one workspace, as its timer fires or a stop slot frees, and acts on it. */
    public void evaluate(String workspaceId) {
        try {
            Optional<Workspace> workspace = coder.getWorkspace(workspaceId);
            if (workspace.isEmpty()) {
                timers.disarm(workspaceId);
                warningTimers.disarm(workspaceId);
                return;
            }
            act(decide(workspace.get(), clock.instant()));
        } catch (CoderApiException e) {
            LOG.warnf("Fresh look at a workspace failed, the next sweep will retry: workspace_id=%s error=%s", workspaceId,
                    e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Fresh look at a workspace failed unexpectedly: workspace_id=%s", workspaceId);
        }
    }

    /**
     * Takes a fresh look at a workspace known only by owner and name, as some notifications name it. Coder matches
     * names by substring, so only the exact name is judged.
     */
    public void evaluate(String owner, String name) {
        try {
            WorkspaceQuery query = WorkspaceQuery.create().owner(owner).name(name);
            coder.searchWorkspaces(query, config.pageSize()).workspaces().stream()
                    .filter(w -> name.equalsIgnoreCase(w.name()) && owner.equalsIgnoreCase(w.ownerName()))
                    .forEach(w -> act(decide(w, clock.instant())));
        } catch (CoderApiException | IllegalArgumentException e) {
            LOG.warnf("Fresh look at a workspace failed, the next sweep will retry: workspace=%s/%s error=%s", owner, name,
                    e.getMessage());
        }
    }

    /** The newest stop records, at most {@code limit}. */
    public List<StopRecord> stopRecords(int limit) {
        return records.newest(limit);
    }

    /** Workspaces that will be stopped if nobody uses them, soonest first. */
    public List<UpcomingStop> upcomingStops() {
        return timers.dueTimes().entrySet().stream()
                .map(e -> new UpcomingStop(e.getKey(), names.get(e.getKey()), e.getValue()))
                .sorted(Comparator.comparing(UpcomingStop::stopAt))
                .toList();
    }

    private Decision decide(Workspace workspace, Instant now) {
        return decide(workspace, now, cluster.exemptions(now));
    }

    private Decision decide(Workspace workspace, Instant now, Exemptions exempt) {
        return judge.decide(workspace, now, Optional.ofNullable(workspace.id()).flatMap(ledger::request), exempt);
    }

    /** One workspace that cannot be acted on (a bug, a hostile answer) never keeps the sweep from the others. */
    private void actOnListed(Decision decision, boolean stale) {
        try {
            if (stale && decision.isStop()) {
                submit(() -> evaluate(decision.workspaceId()));
            } else {
                act(decision);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Acting on a workspace failed, the next sweep will retry: workspace=%s", decision.workspace());
        }
    }

    private void submit(Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("Work not started, the reaper is shutting down");
        }
    }

    private void act(Decision decision) {
        metrics.decided(decision);
        if (decision.workspaceId() == null) {
            return;
        }
        names.put(decision.workspaceId(), decision.workspace());
        MDC.put("workspace", decision.workspace());
        MDC.put("workspace_id", decision.workspaceId());
        try {
            switch (decision.verdict()) {
                case STOP -> stopper.stop(decision);
                case KEEP -> keep(decision);
                case SKIP -> {
                    timers.disarm(decision.workspaceId());
                    warningTimers.disarm(decision.workspaceId());
                }
            }
            LOG.debugf("Workspace judged: workspace=%s verdict=%s reason=%s why=%s", decision.workspace(), decision.verdict(),
                    decision.reason().tag(), decision.explanation());
        } finally {
            MDC.remove("workspace");
            MDC.remove("workspace_id");
        }
        metrics.timers(timers.size());
    }

    /**
     * Sets the timer for the instant the workspace reaches the timeout, and warns once that instant is near: now, if it
     * is within the lead time already, else at a fresh look when it comes within it.
     */
    private void keep(Decision decision) {
        timers.arm(decision.workspaceId(), decision.stopAt());
        Instant warnAt = decision.stopAt().minus(config.warning().leadTime());
        if (decision.decidedAt().isBefore(warnAt)) {
            warningTimers.arm(decision.workspaceId(), warnAt);
        } else {
            warningTimers.disarm(decision.workspaceId());
            warn(decision);
        }
    }

    /**
     * Warns of a stop ahead, once per idle period: in the log, and as an Event on the workspace's Deployment when the
     * Kubernetes side is on. Use before the stop instant moves the stop, and a later warning says so. Only the replica
     * that may stop the workspace warns, so that two replicas never warn twice.
     */
    private void warn(Decision decision) {
        if (!cluster.leading() || decision.stopAt().equals(warned.put(decision.workspaceId(), decision.stopAt()))) {
            return;
        }
        metrics.warned();
        LOG.infof("Stop ahead for idle workspace unless it is used: workspace=%s owner=%s stop_at=%s idle_for=%s threshold=%s"
                + " coder_autostop_at=%s", decision.workspace(), decision.owner(), decision.stopAt(),
                Durations.words(decision.idleFor()), Durations.words(decision.threshold()), decision.coderAutostopAt());
        cluster.warnBeforeStop(decision);
    }

    private void reportUnreadable(List<UnreadableWorkspace> unreadable) {
        Set<String> current = new HashSet<>();
        for (UnreadableWorkspace workspace : unreadable) {
            String key = workspace.id() + "|" + workspace.problem();
            current.add(key);
            if (reportedUnreadable.add(key)) {
                LOG.warnf("Workspace skipped, Coder's data for it could not be read: workspace_id=%s name=%s problem=%s",
                        workspace.id(), workspace.name(), workspace.problem());
            }
        }
        reportedUnreadable.retainAll(current);
    }

    private void forgetStopped(WorkspacePage page) {
        Set<String> running = new HashSet<>();
        page.workspaces().forEach(w -> running.add(w.id()));
        page.unreadable().forEach(w -> running.add(w.id()));
        timers.retainOnly(running);
        warningTimers.retainOnly(running);
        ledger.retainOnly(running);
        names.keySet().retainAll(running);
        warned.keySet().retainAll(running);
        cluster.sweepFinished(running);
    }

    /**
     * On shutdown, first lets the stops under way finish ({@link #close()}), then leaves the cluster, releasing the Lease.
     * Quarkus fires this before it disposes of any bean: disposal follows no order, and the Kubernetes client may be
     * closed before the cluster's {@code @PreDestroy} could release the Lease, leaving a follower to wait out the lease
     * duration.
     */
    void onShutdown(@Observes ShutdownEvent event) {
        close();
        cluster.close();
    }

    /**
     * Shuts down without a stop half-sent: no new stop starts, a sweep under way and the workers' fresh looks finish
     * (each within 10 s, so a stop being sent completes and is recorded), then the timers and follow polls are dropped.
     */
    @PreDestroy
    void close() {
        closing = true;
        workers.shutdown();
        try {
            if (sweeping.tryLock(10, TimeUnit.SECONDS)) {
                sweeping.unlock();
            }
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.shutdownNow();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
