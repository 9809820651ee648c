package io.ameide.coderguard.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.ameide.coderguard.common.coder.model.JobStatus;
import io.ameide.coderguard.common.coder.model.Transition;

/**
 * A workspace to add to the stand-in, described by what a test cares about; everything left out gets a sensible
 * default (generated ids, the {@code kubernetes} template at version {@code v1}, timestamps from the stand-in's
 * clock).
 * <p>
 * The factories name the states a Coder workspace is seen in. Two facts from Coder shape the defaults:
 * <ul>
 * <li>Starting a workspace does not touch {@code last_used_at}; only creation and use do. So
 * {@code last_used_at} defaults to the creation time, and a running workspace's build completion is kept apart
 * from it.</li>
 * <li>A workspace owned by Coder's prebuilds system user is an unclaimed prebuild
 * ({@code is_prebuild=true}).</li>
 * </ul>
 * <p>
 * Not thread-safe; build it, then hand it to {@link StandInWorkspaces#add(WorkspaceSpec)}.
 */
public final class WorkspaceSpec {

    final String ownerName;
    final String name;
    String id;
    String ownerId;
    String organizationId;
    String organizationName;
    String templateName = "kubernetes";
    String templateId;
    String templateActiveVersionId;
    String templateVersionId;
    String templateVersionName;
    boolean outdated;
    Instant createdAt;
    Instant updatedAt;
    Instant lastUsedAt;
    Instant dormantAt;
    Instant deletingAt;
    Long ttlMs;
    String autostartSchedule;
    Boolean prebuild;
    String appStatusState;
    Instant appStatusAt;
    String taskId;
    boolean active;
    String buildId;
    int buildNumber = 1;
    Transition transition = Transition.START;
    JobStatus jobStatus = JobStatus.SUCCEEDED;
    String reason = "initiator";
    Instant buildCreatedAt;
    Instant jobStartedAt;
    Instant jobCompletedAt;
    Instant deadline;
    String jobId;
    String jobError;
    String initiatorId;
    String initiatorName;

    private WorkspaceSpec(String ownerName, String name) {
        this.ownerName = requireText(ownerName, "owner");
        this.name = requireText(name, "name");
    }

    /** A running workspace: its latest build is a start whose job succeeded. */
    public static WorkspaceSpec running(String owner, String name) {
        return new WorkspaceSpec(owner, name);
    }

    /** A running workspace nobody has used since {@code lastUsedAt}, started no later than that. */
    public static WorkspaceSpec idle(String owner, String name, Instant lastUsedAt) {
        return running(owner, name).lastUsedAt(lastUsedAt).buildCompletedAt(lastUsedAt);
    }

    /** A workspace whose start job a provisioner is running (status {@code starting}). */
    public static WorkspaceSpec building(String owner, String name) {
        return running(owner, name).latestBuild(Transition.START, JobStatus.RUNNING);
    }

    /** A workspace whose start job waits for a provisioner (status {@code pending}). */
    public static WorkspaceSpec queued(String owner, String name) {
        return running(owner, name).latestBuild(Transition.START, JobStatus.PENDING);
    }

    /** A stopped workspace: its latest build is a stop whose job succeeded. */
    public static WorkspaceSpec stopped(String owner, String name) {
        return running(owner, name).latestBuild(Transition.STOP, JobStatus.SUCCEEDED);
    }

    /** A workspace whose latest start failed (status {@code failed}). */
    public static WorkspaceSpec failed(String owner, String name) {
        return running(owner, name).latestBuild(Transition.START, JobStatus.FAILED);
    }

    /** A running, unclaimed prebuilt workspace of a template, owned by Coder's prebuilds system user. */
    public static WorkspaceSpec prebuild(String template, String name) {
        WorkspaceSpec spec = new WorkspaceSpec(Ids.PREBUILDS_USER_NAME, name).template(template);
        spec.ownerId = Ids.PREBUILDS_USER_ID;
        spec.prebuild = true;
        return spec;
    }

    /** The workspace id; a random UUID when not set. */
    public WorkspaceSpec id(String value) {
        if (!Ids.isUuid(value)) {
            throw new IllegalArgumentException("a workspace id must be a UUID, was \"" + value + "\"");
        }
        id = Ids.normalize(value);
        return this;
    }

    public WorkspaceSpec template(String value) {
        templateName = requireText(value, "template");
        return this;
    }

    /** The template version the latest build used, by name; {@code v1} when not set. */
    public WorkspaceSpec templateVersion(String value) {
        templateVersionName = requireText(value, "templateVersion");
        return this;
    }

    /** Whether the template has a newer active version than the one the latest build used. */
    public WorkspaceSpec outdated(boolean value) {
        outdated = value;
        return this;
    }

    public WorkspaceSpec createdAt(Instant value) {
        createdAt = Objects.requireNonNull(value, "createdAt");
        return this;
    }

    /** Coder's {@code last_used_at}; the creation time when not set. */
    public WorkspaceSpec lastUsedAt(Instant value) {
        lastUsedAt = Objects.requireNonNull(value, "lastUsedAt");
        return this;
    }

    /**
     * When the latest build's job completed (and started, unless set apart); the stand-in's clock when not set.
     */
    public WorkspaceSpec buildCompletedAt(Instant value) {
        jobCompletedAt = Objects.requireNonNull(value, "buildCompletedAt");
        return this;
    }

    public WorkspaceSpec buildNumber(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("build numbers start at 1, was " + value);
        }
        buildNumber = value;
        return this;
    }

    /** Coder's autostop ({@code ttl_ms}); without one the workspace has no deadline and never stops by itself. */
    public WorkspaceSpec ttl(Duration value) {
        ttlMs = value.toMillis();
        return this;
    }

    /** Marks the workspace dormant since this time, as {@code PUT /workspaces/{id}/dormant} does. */
    public WorkspaceSpec dormantAt(Instant value) {
        dormantAt = Objects.requireNonNull(value, "dormantAt");
        return this;
    }

    /** The latest AI-task app status; {@code working} bumps Coder's deadline but never {@code last_used_at}. */
    public WorkspaceSpec appStatus(String state) {
        appStatusState = requireText(state, "appStatus");
        return this;
    }

    /** Links the workspace to an AI task ({@code task_id}). */
    public WorkspaceSpec taskId(String value) {
        if (!Ids.isUuid(value)) {
            throw new IllegalArgumentException("a task id must be a UUID, was \"" + value + "\"");
        }
        taskId = Ids.normalize(value);
        return this;
    }

    /**
     * Marks the workspace as in use: while it runs, the stand-in moves its {@code last_used_at} to the current
     * time every activity interval, as Coder does on each agent stats report that counts a connection.
     */
    public WorkspaceSpec active(boolean value) {
        active = value;
        return this;
    }

    /** The latest build's transition and its job's status, from which Coder derives the workspace status. */
    public WorkspaceSpec latestBuild(Transition buildTransition, JobStatus status) {
        if (buildTransition == Transition.UNKNOWN || status == JobStatus.UNKNOWN) {
            throw new IllegalArgumentException("the latest build needs a known transition and job status");
        }
        transition = buildTransition;
        jobStatus = status;
        return this;
    }

    /** Coder's autostart schedule, e.g. {@code CRON_TZ=Europe/Berlin 30 8 * * 1-5}. */
    public WorkspaceSpec autostartSchedule(String value) {
        autostartSchedule = requireText(value, "autostartSchedule");
        return this;
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }
}
