package io.ameide.coderguard.sandbox;

import java.time.Instant;

/**
 * One workspace as the stand-in holds it; immutable, replaced on every change.
 *
 * @param active whether the activity simulation bumps {@code last_used_at} as a connected agent would; never
 *     sent to clients
 * @param deleted true once a delete build succeeded; Coder then lists the workspace no more and answers 410
 */
record WorkspaceRecord(WorkspaceInfo info, Instant lastUsedAt, boolean active, boolean deleted,
        BuildRecord latestBuild) {

    String id() {
        return info.id();
    }

    /** Running in the sense of Coder's list order: the latest build is a start whose job succeeded. */
    boolean isRunning() {
        return latestBuild.isSucceededStart();
    }

    /** Coder's {@code outdated}: the latest build is on another version than the template's active one. */
    boolean isOutdated() {
        return !latestBuild.templateVersionId().equals(info.templateActiveVersionId());
    }

    WorkspaceRecord withLatestBuild(BuildRecord build) {
        return new WorkspaceRecord(info, lastUsedAt, active, deleted, build);
    }

    WorkspaceRecord withLastUsedAt(Instant changed) {
        return new WorkspaceRecord(info, changed, active, deleted, latestBuild);
    }

    WorkspaceRecord withActive(boolean changed) {
        return new WorkspaceRecord(info, lastUsedAt, changed, deleted, latestBuild);
    }

    WorkspaceRecord withDeleted(boolean changed) {
        return new WorkspaceRecord(info, lastUsedAt, active, changed, latestBuild);
    }
}
