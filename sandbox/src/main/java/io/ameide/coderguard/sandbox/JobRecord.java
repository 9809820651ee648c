package io.ameide.coderguard.sandbox;

import java.time.Instant;

import io.ameide.coderguard.common.coder.model.JobStatus;

/**
 * One provisioner job as the stand-in holds it; immutable, replaced on every change.
 *
 * @param queueSeq the job's place in the provisioner queue, counted from the stand-in's start; only meaningful
 *     while the job is pending
 * @param plannedError the error the job will fail with when it completes, or null for success; never sent to
 *     clients
 */
record JobRecord(String id, JobStatus status, Instant createdAt, Instant startedAt, Instant completedAt,
        String error, long queueSeq, String plannedError) {

    static JobRecord pending(String id, Instant createdAt, String plannedError) {
        return new JobRecord(id, JobStatus.PENDING, createdAt, null, null, "", 0, plannedError);
    }

    JobRecord queued(long seq) {
        return new JobRecord(id, status, createdAt, startedAt, completedAt, error, seq, plannedError);
    }

    JobRecord started(Instant now) {
        return new JobRecord(id, JobStatus.RUNNING, createdAt, now, null, "", queueSeq, plannedError);
    }

    /** Succeeded, or failed with the planned error: a provisioner job either applies or reports why not. */
    JobRecord finished(Instant now) {
        JobStatus outcome = plannedError == null ? JobStatus.SUCCEEDED : JobStatus.FAILED;
        String message = plannedError == null ? "" : plannedError;
        Instant started = startedAt == null ? now : startedAt;
        return new JobRecord(id, outcome, createdAt, started, now, message, queueSeq, null);
    }
}
