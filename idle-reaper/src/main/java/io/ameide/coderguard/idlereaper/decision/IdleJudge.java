package io.ameide.coderguard.idlereaper.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.ameide.coderguard.common.coder.model.Workspace;
import io.ameide.coderguard.common.coder.model.WorkspaceBuild;
import io.ameide.coderguard.common.time.Durations;

/**
 * Decides whether a workspace is idle: a pure function of Coder's view of the workspace, the instant, the policy and
 * the stop already requested for it, if any. The running service and the plan mode both decide here.
 * <p>
 * A running workspace is idle since the later of its {@code last_used_at} and the completion of its latest start
 * build, because starting a workspace does not touch {@code last_used_at}: a workspace stopped for a week and started a
 * minute ago would otherwise look idle for a week. A {@code last_used_at} up to an hour in the future (clock skew
 * between Coder replicas and this service) counts as now; further out it is a data error and the workspace is skipped
 * as unreadable, as is one without {@code last_used_at} (Coder sets it when it creates a workspace). All arithmetic is
 * on UTC instants, so daylight-saving changes in any zone move nothing.
 */
public final class IdleJudge {

    /** Coder's prebuilds system user, which owns every unclaimed prebuilt workspace. */
    public static final String PREBUILDS_USER_ID = "c42fdf75-3097-471c-8c33-fb52454d81c0";

    /** How far in the future a last use may lie and still be read as clock skew between Coder and this service. */
    static final Duration MAX_CLOCK_SKEW = Duration.ofHours(1);

    private final IdlePolicy policy;

    public IdleJudge(IdlePolicy policy) {
        this.policy = policy;
    }

    public IdlePolicy policy() {
        return policy;
    }

    public Decision decide(Workspace workspace, Instant now, Optional<StopRequest> previousStop) {
        return decide(workspace, now, previousStop, Exemptions.NONE);
    }

    /**
     * Decides with exemptions beyond the policy's own: those in force in the cluster at {@code now}, which come and go
     * while the policy stays.
     */
    public Decision decide(Workspace workspace, Instant now, Optional<StopRequest> previousStop, Exemptions more) {
        Optional<Decision> ineligible = ineligible(workspace, now, more);
        if (ineligible.isPresent()) {
            return ineligible.get();
        }

        WorkspaceBuild build = workspace.latestBuild();
        Instant lastActive = lastActive(workspace);
        Instant idleSince = lastActive.isAfter(now) ? now : lastActive;
        Duration idleFor = Duration.between(idleSince, now);
        Instant stopAt = lastActive.plus(policy.idleTimeout());
        if (previousStop.filter(stop -> stop.coversPeriod(build.buildNumber(), idleSince)).isPresent()) {
            return new Decision(workspace.id(), workspace.displayName(), workspace.ownerName(), workspace.templateName(),
                    Verdict.SKIP, Reason.STOP_ALREADY_REQUESTED,
                    "a stop was already requested at " + previousStop.get().requestedAt() + " for this idle period",
                    build.buildNumber(), now, idleSince, idleFor, policy.idleTimeout(), null, build.deadline());
        }
        Reason reason = now.isBefore(stopAt) ? Reason.IN_USE : Reason.IDLE;
        return new Decision(workspace.id(), workspace.displayName(), workspace.ownerName(), workspace.templateName(),
                reason.verdict(), reason, describeIdleness(idleFor, idleSince, stopAt, reason), build.buildNumber(), now,
                idleSince, idleFor, policy.idleTimeout(), stopAt, build.deadline());
    }

    /**
     * The later of last use and the latest start's completion: the instant the idle period began. It can lie a little
     * in the future (clock skew); then the workspace counts as idle for no time at all until that instant has passed.
     */
    private static Instant lastActive(Workspace workspace) {
        Instant started = workspace.latestBuild().job().completedAt();
        Instant lastUsed = workspace.lastUsedAt();
        return started == null || lastUsed.isAfter(started) ? lastUsed : started;
    }

    private Optional<Decision> ineligible(Workspace workspace, Instant now, Exemptions more) {
        WorkspaceBuild build = workspace.latestBuild();
        if (Boolean.TRUE.equals(workspace.isPrebuild()) || PREBUILDS_USER_ID.equals(workspace.ownerId())) {
            return Optional.of(skip(workspace, now, Reason.PREBUILD,
                    "owned by Coder's prebuilds user; Coder's prebuild reconciliation manages it"));
        }
        if (workspace.deletingAt() != null) {
            return Optional.of(skip(workspace, now, Reason.DELETING, "scheduled for deletion at " + workspace.deletingAt()));
        }
        if (workspace.dormantAt() != null) {
            return Optional.of(skip(workspace, now, Reason.DORMANT, "dormant since " + workspace.dormantAt()));
        }
        if (build == null || !build.isSucceededStart()) {
            return Optional.of(skip(workspace, now, Reason.NOT_RUNNING, describeBuild(build)));
        }
        if (workspace.latestAppStatus() != null && workspace.latestAppStatus().isWorking()) {
            return Optional.of(skip(workspace, now, Reason.TASK_WORKING, "its task app reports it is working"));
        }
        if (workspace.lastUsedAt() == null) {
            return Optional.of(
                    skip(workspace, now, Reason.UNREADABLE, "Coder reports no last_used_at, so idleness cannot be measured"));
        }
        if (workspace.lastUsedAt().isAfter(now.plus(MAX_CLOCK_SKEW))) {
            return Optional.of(skip(workspace, now, Reason.UNREADABLE, "last_used_at " + workspace.lastUsedAt()
                    + " is more than " + Durations.words(MAX_CLOCK_SKEW) + " in the future: a data error, not clock skew"));
        }
        return policy.exemptions().match(workspace).or(() -> more.match(workspace))
                .map(why -> skip(workspace, now, Reason.EXEMPT, why));
    }

    private Decision skip(Workspace workspace, Instant now, Reason reason, String explanation) {
        WorkspaceBuild build = workspace.latestBuild();
        return new Decision(workspace.id(), workspace.displayName(), workspace.ownerName(), workspace.templateName(),
                Verdict.SKIP, reason, explanation, build == null ? null : build.buildNumber(), now, null, null,
                policy.idleTimeout(), null, null);
    }

    private String describeIdleness(Duration idleFor, Instant idleSince, Instant stopAt, Reason reason) {
        String idle = "idle for " + Durations.words(idleFor) + " (threshold " + Durations.words(policy.idleTimeout())
                + ") since " + idleSince;
        return reason == Reason.IDLE ? idle : idle + "; stops at " + stopAt + " if still unused";
    }

    private static String describeBuild(WorkspaceBuild build) {
        if (build == null) {
            return "Coder reports no build";
        }
        String job = build.job() == null ? "no job" : "job " + build.job().status().name().toLowerCase(java.util.Locale.ROOT);
        return "latest build #" + build.buildNumber() + " is " + build.transition().name().toLowerCase(java.util.Locale.ROOT)
                + " with " + job + ", not a succeeded start";
    }
}
