package io.ameide.coderguard.sandbox;

import java.time.Instant;

import io.ameide.coderguard.common.coder.model.JobStatus;

/**
 * The provisioner pool at one instant, taken together with the records it renders, so that a response's queue
 * positions and free provisioners agree with its job statuses.
 *
 * @param dequeued how many jobs have ever left the queue; jobs leave it in order, so a pending job's position
 *     is its sequence number minus this
 * @param pending jobs waiting for a provisioner
 * @param running jobs a provisioner is working on
 * @param provisioners the size of the pool
 */
record QueueSnapshot(long dequeued, int pending, int running, int provisioners, Instant now) {

    /** 1 for the next job to start, 0 for a job that is not waiting, as in Coder's {@code queue_position}. */
    int positionOf(JobRecord job) {
        return job.status() == JobStatus.PENDING ? (int) (job.queueSeq() - dequeued + 1) : 0;
    }

    /** How many jobs wait, reported on pending jobs only. */
    int sizeFor(JobRecord job) {
        return job.status() == JobStatus.PENDING ? pending : 0;
    }

    int available() {
        return Math.max(0, provisioners - running);
    }
}
