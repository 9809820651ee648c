package io.ameide.coderguard.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.ameide.coderguard.common.coder.model.JobStatus;
import io.ameide.coderguard.common.coder.model.Transition;
import io.ameide.coderguard.common.time.Rfc3339;

/**
 * Reads workspaces from JSON in Coder's own response shape: the body of {@code GET /api/v2/workspaces}
 * ({@code {"workspaces":[…],"count":N}}) or a bare array of workspaces, saved from Coder or hand-written.
 * <p>
 * Missing fields get the defaults of {@link WorkspaceSpec}. When a build carries only {@code status}, the
 * transition and job status are read back from it ({@code stopped} is a succeeded stop); when it carries both,
 * the job status and transition win, because Coder derives the status from them. Timestamps may have any shape
 * {@link Rfc3339} reads.
 * <p>
 * One field outside Coder's shape is read and never sent back: {@code "x_sandbox": {"active": true}} marks a
 * workspace for the activity simulation.
 */
final class SeedReader {

    static final String EXTENSION = "x_sandbox";

    private static final String DEFAULT_OWNER = "coder";
    /** The transition a workspace status implies; pending, failed and the cancel states imply none. */
    private static final Map<String, Transition> TRANSITION_OF_STATUS = Map.of(
            "starting", Transition.START, "running", Transition.START,
            "stopping", Transition.STOP, "stopped", Transition.STOP,
            "deleting", Transition.DELETE, "deleted", Transition.DELETE);
    /** The job status behind each workspace status, after {@code codersdk.ConvertWorkspaceStatus}. */
    private static final Map<String, JobStatus> JOB_OF_STATUS = Map.of(
            "pending", JobStatus.PENDING,
            "starting", JobStatus.RUNNING, "stopping", JobStatus.RUNNING, "deleting", JobStatus.RUNNING,
            "running", JobStatus.SUCCEEDED, "stopped", JobStatus.SUCCEEDED, "deleted", JobStatus.SUCCEEDED,
            "failed", JobStatus.FAILED, "canceling", JobStatus.CANCELING, "canceled", JobStatus.CANCELED);

    private SeedReader() {
    }

    /** @throws IllegalArgumentException naming the first field it cannot read, e.g. {@code workspaces[3].id} */
    static List<WorkspaceSpec> read(JsonNode root) {
        JsonNode items = root.isArray() ? root : root.path("workspaces");
        if (!items.isArray()) {
            throw new IllegalArgumentException(
                    "a seed is a GET /api/v2/workspaces body {\"workspaces\":[...]} or an array of workspaces");
        }
        List<WorkspaceSpec> specs = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            specs.add(workspace(new At(items.get(i), "workspaces[" + i + "]"), i));
        }
        return specs;
    }

    private static WorkspaceSpec workspace(At at, int index) {
        if (!at.node().isObject()) {
            throw new IllegalArgumentException(at.where() + " is not an object");
        }
        String owner = or(at.text("owner_name"), DEFAULT_OWNER);
        WorkspaceSpec spec = WorkspaceSpec.running(owner, or(at.text("name"), "workspace-" + (index + 1)));
        identity(at, spec);
        template(at, spec);
        activity(at, spec);
        build(at.child("latest_build"), spec);
        return spec;
    }

    private static void identity(At at, WorkspaceSpec spec) {
        spec.id = at.uuid("id");
        spec.ownerId = at.uuid("owner_id");
        spec.organizationId = at.uuid("organization_id");
        spec.organizationName = at.text("organization_name");
        spec.createdAt = at.time("created_at");
        spec.updatedAt = at.time("updated_at");
        spec.prebuild = at.bool("is_prebuild");
        spec.taskId = at.taskId();
        spec.active = Boolean.TRUE.equals(at.child(EXTENSION).bool("active"));
    }

    private static void template(At at, WorkspaceSpec spec) {
        spec.templateName = or(at.text("template_name"), spec.templateName);
        spec.templateId = at.uuid("template_id");
        spec.templateActiveVersionId = at.uuid("template_active_version_id");
        spec.outdated = Boolean.TRUE.equals(at.bool("outdated"));
    }

    private static void activity(At at, WorkspaceSpec spec) {
        spec.lastUsedAt = at.time("last_used_at");
        spec.dormantAt = at.time("dormant_at");
        spec.deletingAt = at.time("deleting_at");
        spec.ttlMs = at.number("ttl_ms");
        spec.autostartSchedule = at.text("autostart_schedule");
        At appStatus = at.child("latest_app_status");
        spec.appStatusState = appStatus.text("state");
        spec.appStatusAt = appStatus.time("created_at");
    }

    private static void build(At at, WorkspaceSpec spec) {
        At job = at.child("job");
        String status = lower(at.text("status"));
        if (status != null && !JOB_OF_STATUS.containsKey(status)) {
            throw new IllegalArgumentException(at.where() + ".status \"" + status
                    + "\" is not a Coder workspace status");
        }
        Transition byStatus = status == null ? null : TRANSITION_OF_STATUS.get(status);
        JobStatus jobByStatus = status == null ? null : JOB_OF_STATUS.get(status);
        spec.transition = or(at.transition(), or(byStatus, Transition.START));
        spec.jobStatus = or(job.jobStatus(), or(jobByStatus, JobStatus.SUCCEEDED));
        buildDetails(at, spec);
        spec.jobId = job.uuid("id");
        spec.jobStartedAt = job.time("started_at");
        spec.jobCompletedAt = job.time("completed_at");
        spec.jobError = job.text("error");
        spec.buildCreatedAt = or(at.time("created_at"), job.time("created_at"));
    }

    private static void buildDetails(At at, WorkspaceSpec spec) {
        spec.buildId = at.uuid("id");
        Long number = at.number("build_number");
        spec.buildNumber = number == null ? 1 : Math.toIntExact(number);
        spec.reason = or(at.text("reason"), spec.reason);
        spec.deadline = at.time("deadline");
        spec.templateVersionId = at.uuid("template_version_id");
        spec.templateVersionName = at.text("template_version_name");
        spec.initiatorId = at.uuid("initiator_id");
        spec.initiatorName = at.text("initiator_name");
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** A node and the path that leads to it, for messages that name the field a seed got wrong. */
    private record At(JsonNode node, String where) {

        At child(String field) {
            return new At(node.path(field), where + "." + field);
        }

        String text(String field) {
            JsonNode value = node.path(field);
            if (value.isMissingNode() || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                throw new IllegalArgumentException(where + "." + field + " must be a string");
            }
            return value.asText();
        }

        String uuid(String field) {
            String text = text(field);
            if (text != null && !Ids.isUuid(text)) {
                throw new IllegalArgumentException(where + "." + field + " must be a UUID, was \"" + text + "\"");
            }
            return text == null ? null : Ids.normalize(text);
        }

        Instant time(String field) {
            String text = text(field);
            try {
                return Rfc3339.parse(text).orElse(null);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + "." + field + ": " + e.getMessage(), e);
            }
        }

        Long number(String field) {
            JsonNode value = node.path(field);
            if (value.isMissingNode() || value.isNull()) {
                return null;
            }
            if (!value.isIntegralNumber()) {
                throw new IllegalArgumentException(where + "." + field + " must be an integer");
            }
            return value.asLong();
        }

        Boolean bool(String field) {
            JsonNode value = node.path(field);
            if (value.isMissingNode() || value.isNull()) {
                return null;
            }
            if (!value.isBoolean()) {
                throw new IllegalArgumentException(where + "." + field + " must be true or false");
            }
            return value.asBoolean();
        }

        /** Coder writes {@code task_id} as a UUID string or null; the {@code {uuid, valid}} form is read too. */
        String taskId() {
            JsonNode value = node.path("task_id");
            if (value.isObject()) {
                return value.path("valid").asBoolean(false) ? child("task_id").uuid("uuid") : null;
            }
            return uuid("task_id");
        }

        Transition transition() {
            String text = lower(text("transition"));
            if (text == null) {
                return null;
            }
            return switch (text) {
                case "start" -> Transition.START;
                case "stop" -> Transition.STOP;
                case "delete" -> Transition.DELETE;
                default -> throw new IllegalArgumentException(where + ".transition \"" + text
                        + "\" is not start|stop|delete");
            };
        }

        JobStatus jobStatus() {
            String text = lower(text("status"));
            if (text == null) {
                return null;
            }
            for (JobStatus status : JobStatus.values()) {
                if (status != JobStatus.UNKNOWN && status.name().toLowerCase(Locale.ROOT).equals(text)) {
                    return status;
                }
            }
            throw new IllegalArgumentException(where + ".status \"" + text + "\" is not a provisioner job status");
        }
    }
}
