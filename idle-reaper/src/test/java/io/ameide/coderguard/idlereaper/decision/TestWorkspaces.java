package io.ameide.coderguard.idlereaper.decision;

import java.time.Instant;

import io.ameide.coderguard.common.coder.model.AppStatus;
import io.ameide.coderguard.common.coder.model.JobStatus;
import io.ameide.coderguard.common.coder.model.ProvisionerJob;
import io.ameide.coderguard.common.coder.model.Transition;
import io.ameide.coderguard.common.coder.model.Workspace;
import io.ameide.coderguard.common.coder.model.WorkspaceBuild;

/** Workspaces in the shapes the decision tests need, built from Coder's model. */
final class TestWorkspaces {

    static final String ID = "0b6c2d1e-4f3a-4c55-9e01-7a1b2c3d4e01";

    private TestWorkspaces() {
    }

    /** A running workspace of alice's, on template k8s, whose start build 7 finished at {@code started}. */
    static Workspace running(Instant lastUsed, Instant started) {
        return with(lastUsed, build(Transition.START, JobStatus.SUCCEEDED, started));
    }

    static Workspace with(Instant lastUsed, WorkspaceBuild build) {
        return new Workspace(ID, "dev", "1a2b3c4d-0000-4000-8000-00000000aaaa", "alice", "9c8b7a6d-0000-4000-8000-00000000cccc",
                "k8s", null, lastUsed, null, null, false, null, build);
    }

    static WorkspaceBuild build(Transition transition, JobStatus status, Instant completed) {
        ProvisionerJob job = new ProvisionerJob("b1b1b1b1-0000-4000-8000-0000000000aa", status, null, null, completed, null, 0,
                0);
        return new WorkspaceBuild("b1b1b1b1-0000-4000-8000-000000000007", ID, 7, transition, null, "initiator", null, null, job,
                null);
    }

    /** The workspace with a TTL in Coder: its start build carries Coder's own autostop {@code deadline}. */
    static Workspace deadline(Workspace w, Instant deadline) {
        WorkspaceBuild b = w.latestBuild();
        return with(w.lastUsedAt(), new WorkspaceBuild(b.id(), b.workspaceId(), b.buildNumber(), b.transition(), b.status(),
                b.reason(), b.createdAt(), deadline, b.job(), b.matchedProvisioners()));
    }

    static Workspace owner(Workspace w, String ownerId, String ownerName) {
        return new Workspace(w.id(), w.name(), ownerId, ownerName, w.templateId(), w.templateName(), w.ttlMs(), w.lastUsedAt(),
                w.dormantAt(), w.deletingAt(), w.isPrebuild(), w.latestAppStatus(), w.latestBuild());
    }

    static Workspace prebuild(Workspace w) {
        return new Workspace(w.id(), w.name(), w.ownerId(), w.ownerName(), w.templateId(), w.templateName(), w.ttlMs(),
                w.lastUsedAt(), w.dormantAt(), w.deletingAt(), true, w.latestAppStatus(), w.latestBuild());
    }

    static Workspace dormant(Workspace w, Instant since) {
        return new Workspace(w.id(), w.name(), w.ownerId(), w.ownerName(), w.templateId(), w.templateName(), w.ttlMs(),
                w.lastUsedAt(), since, w.deletingAt(), w.isPrebuild(), w.latestAppStatus(), w.latestBuild());
    }

    static Workspace deleting(Workspace w, Instant at) {
        return new Workspace(w.id(), w.name(), w.ownerId(), w.ownerName(), w.templateId(), w.templateName(), w.ttlMs(),
                w.lastUsedAt(), w.dormantAt(), at, w.isPrebuild(), w.latestAppStatus(), w.latestBuild());
    }

    static Workspace task(Workspace w, String state) {
        return new Workspace(w.id(), w.name(), w.ownerId(), w.ownerName(), w.templateId(), w.templateName(), w.ttlMs(),
                w.lastUsedAt(), w.dormantAt(), w.deletingAt(), w.isPrebuild(), new AppStatus(state, null), w.latestBuild());
    }
}
