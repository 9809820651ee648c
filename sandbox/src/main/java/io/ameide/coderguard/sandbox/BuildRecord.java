package io.ameide.coderguard.sandbox;

import java.time.Instant;

import io.ameide.coderguard.common.coder.model.JobStatus;
import io.ameide.coderguard.common.coder.model.Transition;

/** One workspace build as the stand-in holds it; immutable, replaced when its job moves or its deadline is set. */
record BuildRecord(String id, String workspaceId, String workspaceName, String ownerId, String ownerName,
        int buildNumber, Transition transition, String reason, Instant createdAt, Instant updatedAt,
        Instant deadline, String templateVersionId, String templateVersionName, String initiatorId,
        String initiatorName, JobRecord job) {

    /**
     * The workspace status Coder derives from the job status and the transition
     * ({@code codersdk.ConvertWorkspaceStatus}): a running job reads as starting, stopping or deleting, a
     * succeeded one as running, stopped or deleted.
     */
    String status() {
        return switch (job.status()) {
            case PENDING -> "pending";
            case RUNNING -> byTransition("starting", "stopping", "deleting");
            case SUCCEEDED -> byTransition("running", "stopped", "deleted");
            case CANCELING -> "canceling";
            case CANCELED -> "canceled";
            default -> "failed";
        };
    }

    /** Coder's own meaning of "running": a start whose job succeeded. */
    boolean isSucceededStart() {
        return transition == Transition.START && job.status() == JobStatus.SUCCEEDED;
    }

    /** Pending, running or canceling: Coder refuses any new build of the workspace meanwhile. */
    boolean isActive() {
        return job.status().isActive();
    }

    BuildRecord withJob(JobRecord changed, Instant now) {
        return new BuildRecord(id, workspaceId, workspaceName, ownerId, ownerName, buildNumber, transition,
                reason, createdAt, now, deadline, templateVersionId, templateVersionName, initiatorId,
                initiatorName, changed);
    }

    BuildRecord withDeadline(Instant changed) {
        return new BuildRecord(id, workspaceId, workspaceName, ownerId, ownerName, buildNumber, transition,
                reason, createdAt, updatedAt, changed, templateVersionId, templateVersionName, initiatorId,
                initiatorName, job);
    }

    private String byTransition(String start, String stop, String delete) {
        return switch (transition) {
            case STOP -> stop;
            case DELETE -> delete;
            default -> start;
        };
    }
}
