package io.ameide.coderguard.sandbox;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.ameide.coderguard.common.coder.model.JobStatus;

/**
 * Coder's built-in provisioners, reduced to their timing: a job waits in the queue until one of the
 * provisioners is free, runs for the job duration, then succeeds or fails. All of it happens on the stand-in's
 * one scheduler thread, so jobs leave the queue in the order they entered it.
 */
final class ProvisionerSimulation {

    private static final System.Logger LOG = System.getLogger(ProvisionerSimulation.class.getName());

    private final StandInState state;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private volatile Duration jobDuration;

    ProvisionerSimulation(StandInState state, ScheduledExecutorService scheduler, Clock clock,
            Duration jobDuration) {
        this.state = state;
        this.scheduler = scheduler;
        this.clock = clock;
        this.jobDuration = jobDuration;
    }

    void jobDuration(Duration duration) {
        jobDuration = duration;
    }

    /** Takes over a build from outside the API: a running job needs its end, a pending one a provisioner. */
    void admit(BuildRecord build) {
        if (build.job().status() == JobStatus.RUNNING) {
            run(() -> scheduleFinish(build.id()));
        } else if (build.job().status() == JobStatus.PENDING) {
            wake();
        }
    }

    /** Asks the provisioners to look at the queue again: a job was queued or the pool grew. */
    void wake() {
        run(this::startQueued);
    }

    private void startQueued() {
        state.startQueued(clock.instant()).forEach(this::scheduleFinish);
    }

    private void scheduleFinish(String buildId) {
        scheduler.schedule(() -> guarded(() -> finish(buildId)), jobDuration.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void finish(String buildId) {
        state.finish(buildId, clock.instant());
        startQueued();
    }

    private void run(Runnable task) {
        try {
            scheduler.execute(() -> guarded(task));
        } catch (RejectedExecutionException e) {
            // The stand-in is closing; jobs stop where they are.
        }
    }

    private static void guarded(Runnable task) {
        try {
            task.run();
        } catch (RejectedExecutionException e) {
            // Closing while a job was being scheduled.
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Provisioner simulation step failed", e);
        }
    }
}
