package io.ameide.coderguard.sandbox;

import java.time.Duration;
import java.time.Instant;

import io.ameide.coderguard.common.coder.model.JobStatus;
import io.ameide.coderguard.common.coder.model.Transition;

/** Turns a {@link WorkspaceSpec} into the stand-in's records, filling every default. */
final class WorkspaceFactory {

    static final String DEFAULT_ORGANIZATION = "coder";
    static final String DEFAULT_VERSION_NAME = "v1";
    private static final String DEFAULT_JOB_ERROR = "provisioner job failed";

    private WorkspaceFactory() {
    }

    static WorkspaceRecord create(WorkspaceSpec spec, Instant now) {
        BuildTimes times = BuildTimes.of(spec, now);
        WorkspaceInfo info = info(spec, times);
        BuildRecord build = build(spec, info, times);
        Instant lastUsedAt = spec.lastUsedAt != null ? spec.lastUsedAt : info.createdAt();
        boolean deleted = build.transition() == Transition.DELETE && build.job().status() == JobStatus.SUCCEEDED;
        return new WorkspaceRecord(info, lastUsedAt, spec.active, deleted, build);
    }

    private static WorkspaceInfo info(WorkspaceSpec spec, BuildTimes times) {
        String ownerId = or(spec.ownerId, Ids.derived("user", spec.ownerName));
        String orgName = or(spec.organizationName, DEFAULT_ORGANIZATION);
        boolean prebuild = spec.prebuild != null ? spec.prebuild : Ids.PREBUILDS_USER_ID.equals(ownerId);
        String orgId = or(spec.organizationId, Ids.derived("organization", orgName));
        String templateId = or(spec.templateId, Ids.derived("template", spec.templateName));
        return new WorkspaceInfo(or(spec.id, Ids.random()), spec.name, times.workspaceCreatedAt(),
                times.updatedAt(), ownerId, spec.ownerName, orgId, orgName, templateId, spec.templateName,
                activeVersionId(spec), spec.ttlMs, spec.autostartSchedule, spec.dormantAt, spec.deletingAt,
                prebuild, spec.appStatusState, or(spec.appStatusAt, times.buildCreatedAt()), spec.taskId);
    }

    private static BuildRecord build(WorkspaceSpec spec, WorkspaceInfo info, BuildTimes times) {
        JobRecord job = job(spec, times);
        return new BuildRecord(or(spec.buildId, Ids.random()), info.id(), info.name(), info.ownerId(),
                info.ownerName(), spec.buildNumber, spec.transition, spec.reason, times.buildCreatedAt(),
                times.buildUpdatedAt(), deadline(spec, job), versionId(spec), versionName(spec),
                or(spec.initiatorId, info.ownerId()), or(spec.initiatorName, info.ownerName()), job);
    }

    private static JobRecord job(WorkspaceSpec spec, BuildTimes times) {
        String error = spec.jobStatus == JobStatus.FAILED ? or(spec.jobError, DEFAULT_JOB_ERROR) : "";
        return new JobRecord(or(spec.jobId, Ids.random()), spec.jobStatus, times.buildCreatedAt(),
                times.startedAt(), times.completedAt(), error, 0, null);
    }

    /**
     * A seeded deadline is kept; otherwise Coder's rule applies: a succeeded start with a TTL has its
     * deadline at completion plus the TTL.
     */
    private static Instant deadline(WorkspaceSpec spec, JobRecord job) {
        if (spec.deadline != null || spec.ttlMs == null) {
            return spec.deadline;
        }
        boolean succeededStart = spec.transition == Transition.START && job.status() == JobStatus.SUCCEEDED;
        return succeededStart ? job.completedAt().plus(Duration.ofMillis(spec.ttlMs)) : null;
    }

    private static String versionName(WorkspaceSpec spec) {
        return or(spec.templateVersionName, DEFAULT_VERSION_NAME);
    }

    private static String versionId(WorkspaceSpec spec) {
        String name = spec.templateName + "/" + versionName(spec);
        return or(spec.templateVersionId, Ids.derived("template-version", name));
    }

    private static String activeVersionId(WorkspaceSpec spec) {
        if (spec.templateActiveVersionId != null) {
            return spec.templateActiveVersionId;
        }
        return spec.outdated
                ? Ids.derived("template-version", spec.templateName + "/newer-than-" + versionName(spec))
                : versionId(spec);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /**
     * The build's timestamps, each from what the spec gives or else from its neighbours, so that a seed with
     * only a completion time still reads as created, started and completed in that order.
     */
    private record BuildTimes(Instant workspaceCreatedAt, Instant updatedAt, Instant buildCreatedAt,
            Instant buildUpdatedAt, Instant startedAt, Instant completedAt) {

        static BuildTimes of(WorkspaceSpec spec, Instant now) {
            boolean started = spec.jobStatus != JobStatus.PENDING;
            boolean done = spec.jobStatus.isTerminal();
            Instant created = first(spec.buildCreatedAt, spec.jobStartedAt,
                    done ? spec.jobCompletedAt : null, now);
            Instant startedAt = started ? first(spec.jobStartedAt, created) : null;
            Instant completedAt = done ? first(spec.jobCompletedAt, startedAt) : null;
            Instant workspaceCreated = first(spec.createdAt, earliest(created, spec.lastUsedAt));
            Instant buildUpdated = first(completedAt, startedAt, created);
            Instant updated = first(spec.updatedAt, latest(workspaceCreated, buildUpdated));
            return new BuildTimes(workspaceCreated, updated, created, buildUpdated, startedAt, completedAt);
        }

        private static Instant first(Instant... candidates) {
            for (Instant candidate : candidates) {
                if (candidate != null) {
                    return candidate;
                }
            }
            return null;
        }

        private static Instant earliest(Instant a, Instant b) {
            return b == null || a.isBefore(b) ? a : b;
        }

        private static Instant latest(Instant a, Instant b) {
            return a.isAfter(b) ? a : b;
        }
    }
}
