package io.ameide.coderguard.idlereaper.reaper;

import jakarta.inject.Singleton;

import io.ameide.coderguard.common.coder.CoderApiException;
import io.ameide.coderguard.idlereaper.kubernetes.WorkspaceCluster;
import io.quarkus.scheduler.Scheduled;

/**
 * Runs a sweep every {@code idle-reaper.sweep-interval}, the first at startup, on the replica that leads; a sweep still
 * running is not doubled.
 */
@Singleton
public class SweepSchedule {

    private final Reaper reaper;
    private final WorkspaceCluster cluster;

    SweepSchedule(Reaper reaper, WorkspaceCluster cluster) {
        this.reaper = reaper;
        this.cluster = cluster;
    }

    @Scheduled(identity = "idle-reaper-sweep", every = "${idle-reaper.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (!cluster.leading()) {
            return;
        }
        try {
            reaper.sweep();
        } catch (CoderApiException e) {
            // Already logged and counted by the reaper; the next interval tries again.
        }
    }
}
