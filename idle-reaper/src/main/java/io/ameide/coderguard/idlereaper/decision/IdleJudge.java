package io.ameide.coderguard.idlereaper.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.ameide.coderguard.common.coder.model.Workspace;
import io.ameide.coderguard.common.coder.model.WorkspaceBuild;

/**
 * Decides whether a workspace is idle: a pure function of Coder's view of the workspace, the instant, the policy and
 * the stop already requested for it, if any. The running service and the plan mode both decide here.
 * <p>
 * A running workspace is idle since the later of its {@code last_used_at} and the completion of its latest start
 * build, because starting a workspace does not touch {@code last_used_at}: a workspace stopped for a week and started a
 * minute ago would otherwise look idle for a week. A {@code last_used_at} in the future (clock skew between Coder
 * replicas and this service) counts as now. All arithmetic is on UTC instants, so daylight-saving changes in any zone
 * move nothing.
 */
public final class IdleJudge {

    /** Coder's prebuilds system user, which owns every unclaimed prebuilt workspace. */
    public static final String PREBUILDS_USER_ID = "c42fdf75-3097-471c-8c33-fb52454d81c0";

    private final IdlePolicy policy;

    public IdleJudge(IdlePolicy policy) {
        this.policy = policy;
    }

    public IdlePolicy policy() {
        return policy;
    }

    public Decision decide(Workspace workspace, Instant now, Optional<StopRequest> previousStop) {
        Optional<Decision> ineligible = ineligible(workspace, now);
        if (ineligible.isPresent()) {
            return ineligible.get();
        }

        WorkspaceBuild build = workspace.latestBuild();
        Optional<Instant> idleSince = idleSince(workspace, now);
        if (idleSince.isEmpty()) {
            return skip(workspace, now, Reason.UNREADABLE,
                    "no last_used_at and no build completion time to measure idleness from");
        }

        Duration idleFor = Duration.between(idleSince.get(), now);
        Instant stopAt = idleSince.get().plus(policy.idleTimeout());
        if (previousStop.filter(stop -> stop.coversPeriod(build.buildNumber(), idleSince.get())).isPresent()) {
            return new Decision(workspace.id(), workspace.displayName(), workspace.ownerName(), workspace.templateName(),
                    Verdict.SKIP, Reason.STOP_ALREADY_REQUESTED,
                    "a stop was already requested at " + previousStop.get().requestedAt() + " for this idle period",
                    build.buildNumber(), now, idleSince.get(), idleFor, policy.idleTimeout(), null);
        }
        Reason reason = idleFor.compareTo(policy.idleTimeout()) >= 0 ? Reason.IDLE : Reason.IN_USE;
        return new Decision(workspace.id(), workspace.displayName(), workspace.ownerName(), workspace.templateName(),
                reason.verdict(), reason, describeIdleness(idleFor, idleSince.get(), stopAt), build.buildNumber(), now,
                idleSince.get(), idleFor, policy.idleTimeout(), stopAt);
    }

    /** The later of last use and the latest start's completion, never later than now. */
    public static Optional<Instant> idleSince(Workspace workspace, Instant now) {
        WorkspaceBuild build = workspace.latestBuild();
        Instant started = build == null || build.job() == null ? null : build.job().completedAt();
        Instant lastUsed = workspace.lastUsedAt();
        Instant later = lastUsed == null ? started : started == null || lastUsed.isAfter(started) ? lastUsed : started;
        if (later == null) {
            return Optional.empty();
        }
        return Optional.of(later.isAfter(now) ? now : later);
    }

    private Optional<Decision> ineligible(Workspace workspace, Instant now) {
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
        return policy.exemptions().match(workspace).map(why -> skip(workspace, now, Reason.EXEMPT, why));
    }

    private Decision skip(Workspace workspace, Instant now, Reason reason, String explanation) {
        WorkspaceBuild build = workspace.latestBuild();
        return new Decision(workspace.id(), workspace.displayName(), workspace.ownerName(), workspace.templateName(),
                Verdict.SKIP, reason, explanation, build == null ? null : build.buildNumber(), now, null, null,
                policy.idleTimeout(), null);
    }

    private String describeIdleness(Duration idleFor, Instant idleSince, Instant stopAt) {
        String idle = "idle for " + Durations.words(idleFor) + " (threshold " + Durations.words(policy.idleTimeout())
                + ") since " + idleSince;
        return idleFor.compareTo(policy.idleTimeout()) >= 0 ? idle : idle + "; stops at " + stopAt + " if still unused";
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
