package io.ameide.coderguard.sandbox;

import java.io.IOException;
import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonGenerator;

import io.ameide.coderguard.common.coder.model.CoderError;
import io.ameide.coderguard.common.coder.model.JobStatus;

/**
 * Writes the stand-in's records in Coder's response shapes ({@code codersdk.Workspace}, {@code WorkspaceBuild},
 * {@code ProvisionerJob}, {@code WorkspacesResponse}, {@code Response}, {@code BuildInfoResponse}), streaming,
 * so that a page of ten thousand workspaces needs no intermediate tree.
 * <p>
 * Every field name here is one of Coder's; fields the stand-in does not model are written with the value Coder
 * writes when nothing is set (empty strings, {@code false}, empty arrays, {@code null}). Optional fields follow
 * Coder's Go structs: a job's {@code started_at}, {@code completed_at} and {@code error}, and a workspace's
 * {@code ttl_ms} and {@code autostart_schedule}, are left out when unset, while {@code deadline},
 * {@code max_deadline}, {@code dormant_at} and {@code deleting_at} are written as {@code null}.
 */
final class CoderShapes {

    private CoderShapes() {
    }

    static void workspacesPage(JsonGenerator json, StandInState.SearchPage page) throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("workspaces");
        for (WorkspaceRecord workspace : page.workspaces()) {
            workspace(json, workspace, page.queue());
        }
        json.writeEndArray();
        json.writeNumberField("count", page.count());
        json.writeEndObject();
    }

    static void workspace(JsonGenerator json, WorkspaceRecord workspace, QueueSnapshot queue) throws IOException {
        WorkspaceInfo info = workspace.info();
        json.writeStartObject();
        workspaceOwnership(json, info);
        workspaceTemplate(json, workspace);
        json.writeFieldName("latest_build");
        build(json, workspace.latestBuild(), info, queue);
        workspaceSchedule(json, workspace);
        workspaceMarkers(json, workspace);
        json.writeEndObject();
    }

    static void build(JsonGenerator json, StandInState.BuildView view) throws IOException {
        build(json, view.build(), view.workspace(), view.queue());
    }

    static void build(JsonGenerator json, BuildRecord build, WorkspaceInfo workspace, QueueSnapshot queue)
            throws IOException {
        json.writeStartObject();
        buildIdentity(json, build);
        json.writeFieldName("job");
        job(json, build, workspace, queue);
        json.writeStringField("reason", build.reason());
        json.writeArrayFieldStart("resources");
        json.writeEndArray();
        time(json, "deadline", build.deadline());
        // max_deadline comes from the Premium autostop requirement; Coder CE always writes null.
        json.writeNullField("max_deadline");
        json.writeStringField("status", build.status());
        json.writeNumberField("daily_cost", 0);
        matchedProvisioners(json, queue);
        json.writeEndObject();
    }

    static void error(JsonGenerator json, CoderError error) throws IOException {
        json.writeStartObject();
        json.writeStringField("message", error.message());
        if (error.detail() != null && !error.detail().isEmpty()) {
            json.writeStringField("detail", error.detail());
        }
        if (!error.validations().isEmpty()) {
            json.writeArrayFieldStart("validations");
            for (CoderError.Validation validation : error.validations()) {
                json.writeStartObject();
                json.writeStringField("field", validation.field());
                json.writeStringField("detail", validation.detail());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    static void buildInfo(JsonGenerator json, WorkspaceApi.BuildInfo info) throws IOException {
        json.writeStartObject();
        json.writeStringField("external_url", info.dashboardUrl());
        json.writeStringField("version", info.version());
        json.writeStringField("dashboard_url", info.dashboardUrl());
        json.writeBooleanField("telemetry", false);
        json.writeBooleanField("workspace_proxy", false);
        json.writeStringField("agent_api_version", "2.9");
        json.writeStringField("provisioner_api_version", "1.9");
        json.writeStringField("upgrade_message", "");
        json.writeStringField("deployment_id", info.deploymentId());
        json.writeStringField("webpush_public_key", "");
        json.writeEndObject();
    }

    private static void workspaceOwnership(JsonGenerator json, WorkspaceInfo info) throws IOException {
        json.writeStringField("id", info.id());
        time(json, "created_at", info.createdAt());
        time(json, "updated_at", info.updatedAt());
        json.writeStringField("owner_id", info.ownerId());
        json.writeStringField("owner_name", info.ownerName());
        json.writeStringField("owner_avatar_url", "");
        json.writeStringField("organization_id", info.organizationId());
        json.writeStringField("organization_name", info.organizationName());
        json.writeStringField("name", info.name());
    }

    private static void workspaceTemplate(JsonGenerator json, WorkspaceRecord workspace) throws IOException {
        WorkspaceInfo info = workspace.info();
        json.writeStringField("template_id", info.templateId());
        json.writeStringField("template_name", info.templateName());
        json.writeStringField("template_display_name", "");
        json.writeStringField("template_icon", "");
        json.writeBooleanField("template_allow_user_cancel_workspace_jobs", false);
        json.writeStringField("template_active_version_id", info.templateActiveVersionId());
        json.writeBooleanField("template_require_active_version", false);
        json.writeBooleanField("template_use_classic_parameter_flow", false);
        json.writeBooleanField("outdated", workspace.isOutdated());
    }

    private static void workspaceSchedule(JsonGenerator json, WorkspaceRecord workspace) throws IOException {
        WorkspaceInfo info = workspace.info();
        if (info.autostartSchedule() != null) {
            json.writeStringField("autostart_schedule", info.autostartSchedule());
        }
        if (info.ttlMs() != null) {
            json.writeNumberField("ttl_ms", info.ttlMs());
        }
        time(json, "last_used_at", workspace.lastUsedAt());
        time(json, "deleting_at", info.deletingAt());
        time(json, "dormant_at", info.dormantAt());
        json.writeNullField("next_start_at");
        json.writeStringField("automatic_updates", "never");
    }

    private static void workspaceMarkers(JsonGenerator json, WorkspaceRecord workspace) throws IOException {
        WorkspaceInfo info = workspace.info();
        // No agents are modelled, so none can be failing: Coder reports such a workspace as healthy.
        json.writeObjectFieldStart("health");
        json.writeBooleanField("healthy", true);
        json.writeArrayFieldStart("failing_agents");
        json.writeEndArray();
        json.writeEndObject();
        json.writeBooleanField("allow_renames", false);
        json.writeBooleanField("favorite", false);
        json.writeBooleanField("is_prebuild", info.prebuild());
        appStatus(json, info);
        // Coder writes task_id as a UUID string or null, although its API description calls it an object.
        json.writeStringField("task_id", info.taskId());
    }

    private static void appStatus(JsonGenerator json, WorkspaceInfo info) throws IOException {
        if (info.appStatusState() == null) {
            json.writeNullField("latest_app_status");
            return;
        }
        json.writeObjectFieldStart("latest_app_status");
        json.writeStringField("id", Ids.derived("app-status", info.id()));
        time(json, "created_at", info.appStatusAt());
        json.writeStringField("workspace_id", info.id());
        json.writeStringField("agent_id", Ids.derived("agent", info.id()));
        json.writeStringField("app_id", Ids.derived("app", info.id()));
        json.writeStringField("state", info.appStatusState());
        json.writeStringField("message", "");
        json.writeStringField("uri", "");
        json.writeEndObject();
    }

    private static void buildIdentity(JsonGenerator json, BuildRecord build) throws IOException {
        json.writeStringField("id", build.id());
        time(json, "created_at", build.createdAt());
        time(json, "updated_at", build.updatedAt());
        json.writeStringField("workspace_id", build.workspaceId());
        json.writeStringField("workspace_name", build.workspaceName());
        json.writeStringField("workspace_owner_id", build.ownerId());
        json.writeStringField("workspace_owner_name", build.ownerName());
        json.writeStringField("workspace_owner_avatar_url", "");
        json.writeStringField("template_version_id", build.templateVersionId());
        json.writeStringField("template_version_name", build.templateVersionName());
        json.writeNumberField("build_number", build.buildNumber());
        json.writeStringField("transition", lower(build.transition()));
        json.writeStringField("initiator_id", build.initiatorId());
        json.writeStringField("initiator_name", build.initiatorName());
    }

    private static void job(JsonGenerator json, BuildRecord build, WorkspaceInfo workspace, QueueSnapshot queue)
            throws IOException {
        JobRecord job = build.job();
        json.writeStartObject();
        json.writeStringField("id", job.id());
        time(json, "created_at", job.createdAt());
        timeIfSet(json, "started_at", job.startedAt());
        timeIfSet(json, "completed_at", job.completedAt());
        timeIfSet(json, "canceled_at", job.status() == JobStatus.CANCELED ? job.completedAt() : null);
        if (!job.error().isEmpty()) {
            json.writeStringField("error", job.error());
        }
        json.writeStringField("status", lower(job.status()));
        json.writeStringField("file_id", Ids.derived("file", build.templateVersionId()));
        jobQueue(json, job, queue);
        jobOrigin(json, build, workspace);
        json.writeBooleanField("logs_overflowed", false);
        json.writeEndObject();
    }

    private static void jobOrigin(JsonGenerator json, BuildRecord build,
            WorkspaceInfo workspace) throws IOException {
        json.writeStringField("organization_id", workspace.organizationId());
        json.writeStringField("initiator_id", build.initiatorId());
        json.writeObjectFieldStart("input");
        json.writeStringField("workspace_build_id", build.id());
        json.writeEndObject();
        json.writeStringField("type", "workspace_build");
        json.writeObjectFieldStart("metadata");
        json.writeStringField("template_version_name", build.templateVersionName());
        json.writeStringField("template_id", workspace.templateId());
        json.writeStringField("template_name", workspace.templateName());
        json.writeStringField("template_display_name", "");
        json.writeStringField("template_icon", "");
        json.writeStringField("workspace_id", build.workspaceId());
        json.writeStringField("workspace_name", build.workspaceName());
        json.writeStringField("workspace_build_transition", lower(build.transition()));
        json.writeEndObject();
    }

    private static void jobQueue(JsonGenerator json, JobRecord job, QueueSnapshot queue) throws IOException {
        // The tags of a job for Coder's built-in provisioners, which serve the whole organization.
        json.writeObjectFieldStart("tags");
        json.writeStringField("scope", "organization");
        json.writeStringField("owner", "");
        json.writeEndObject();
        json.writeNumberField("queue_position", queue.positionOf(job));
        json.writeNumberField("queue_size", queue.sizeFor(job));
    }

    /** How many provisioners could take the job, and how many are idle; a count of 0 leaves the job pending. */
    private static void matchedProvisioners(JsonGenerator json, QueueSnapshot queue) throws IOException {
        json.writeObjectFieldStart("matched_provisioners");
        json.writeNumberField("count", queue.provisioners());
        json.writeNumberField("available", queue.available());
        time(json, "most_recently_seen", queue.provisioners() == 0 ? null : queue.now());
        json.writeEndObject();
    }

    private static void time(JsonGenerator json, String field, Instant instant) throws IOException {
        if (instant == null) {
            json.writeNullField(field);
        } else {
            json.writeStringField(field, instant.toString());
        }
    }

    private static void timeIfSet(JsonGenerator json, String field, Instant instant) throws IOException {
        if (instant != null) {
            json.writeStringField(field, instant.toString());
        }
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
