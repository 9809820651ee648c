package io.ameide.coderguard.common.coder.contract;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Bodies shaped as Coder sends them, with invented values, for scripted answers. Each is a fresh mutable node,
 * so a test can change the one field its scenario is about; {@code CoderApiContractTest} holds the untouched
 * samples to Coder's API description.
 */
public final class CoderSamples {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String OWNER_ID = "6f1d2c3b-4a59-4e8f-9a0b-1c2d3e4f5a6b";
    private static final String TEMPLATE_ID = "0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d";

    private CoderSamples() {
    }

    /** A UUID that is the same for the same name, so a test can name workspaces instead of spelling out ids. */
    public static String idFor(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** A template in the default organization with a 30-minute autostop and activity bump. */
    public static ObjectNode template(String name, String activeVersionId) {
        return JSON.objectNode()
                .put("id", idFor("template:" + name))
                .put("name", name)
                .put("display_name", name)
                .put("description", "")
                .put("icon", "")
                .put("organization_id", "3c4d5e6f-7a8b-4c9d-8e0f-a1b2c3d4e5f6")
                .put("organization_name", "coder")
                .put("active_version_id", activeVersionId)
                .put("provisioner", "terraform")
                .put("default_ttl_ms", 1_800_000L)
                .put("activity_bump_ms", 1_800_000L)
                .put("time_til_autostop_notify_ms", 0L)
                .put("allow_user_autostart", true)
                .put("allow_user_autostop", true)
                .put("allow_user_cancel_workspace_jobs", false)
                .put("failure_ttl_ms", 0L)
                .put("time_til_dormant_ms", 0L)
                .put("time_til_dormant_autodelete_ms", 0L)
                .put("require_active_version", false)
                .put("deprecated", false)
                .put("deleted", false)
                .put("created_at", "2026-11-01T08:00:00Z")
                .put("updated_at", "2026-12-01T08:00:00Z");
    }

    /** A version of the template {@code templateId} whose import job has {@code jobStatus}. */
    public static ObjectNode templateVersion(String name, String templateId, String jobStatus) {
        ObjectNode version = JSON.objectNode()
                .put("id", idFor("version:" + name))
                .put("template_id", templateId)
                .put("organization_id", "3c4d5e6f-7a8b-4c9d-8e0f-a1b2c3d4e5f6")
                .put("name", name)
                .put("message", "files sha256:0f1e")
                .put("created_at", "2026-12-04T10:00:00Z")
                .put("updated_at", "2026-12-04T10:00:00Z")
                .put("readme", "")
                .put("archived", false);
        ObjectNode job = version.putObject("job")
                .put("id", idFor("job:" + name))
                .put("status", jobStatus)
                .put("created_at", "2026-12-04T10:00:00Z")
                .put("error", "failed".equals(jobStatus) ? "terraform plan: invalid resource" : "")
                .put("queue_position", 0)
                .put("queue_size", 0)
                .put("type", "template_version_import");
        job.putObject("tags").put("scope", "organization").put("owner", "");
        version.putObject("matched_provisioners").put("count", 3).put("available", 3);
        return version;
    }

    /** A running workspace owned by {@code alice}, last used an hour after its start build. */
    public static ObjectNode workspace(String name) {
        String id = idFor(name);
        ObjectNode workspace = JSON.objectNode()
                .put("id", id)
                .put("created_at", "2026-11-30T08:01:02.123456Z")
                .put("updated_at", "2026-12-04T13:10:00.5Z")
                .put("owner_id", OWNER_ID)
                .put("owner_name", "alice")
                .put("organization_id", "3c4d5e6f-7a8b-4c9d-8e0f-a1b2c3d4e5f6")
                .put("organization_name", "coder")
                .put("template_id", TEMPLATE_ID)
                .put("template_name", "kubernetes")
                .put("template_active_version_id", "8e7d6c5b-4a3f-4e2d-9c1b-0a9f8e7d6c5b")
                .put("template_require_active_version", false)
                .put("name", name)
                .put("outdated", false)
                .put("autostart_schedule", "CRON_TZ=Europe/Berlin 30 8 * * 1-5")
                .put("ttl_ms", 28_800_000L)
                .put("last_used_at", "2026-12-04T09:41:07.000000001Z")
                .putNull("dormant_at")
                .putNull("deleting_at")
                .put("automatic_updates", "never")
                .put("is_prebuild", false)
                .putNull("latest_app_status")
                .putNull("task_id");
        workspace.putObject("health").put("healthy", true).putArray("failing_agents");
        workspace.set("latest_build", workspaceBuild(id, name, "start", "succeeded"));
        return workspace;
    }

    /** A build of the workspace {@code workspaceName}, whose job has {@code jobStatus}. */
    public static ObjectNode workspaceBuild(String workspaceId, String workspaceName, String transition,
            String jobStatus) {
        String buildId = idFor(workspaceName + "/build/" + transition);
        ObjectNode build = JSON.objectNode()
                .put("id", buildId)
                .put("workspace_id", workspaceId)
                .put("workspace_name", workspaceName)
                .put("workspace_owner_id", OWNER_ID)
                .put("workspace_owner_name", "alice")
                .put("build_number", 7)
                .put("created_at", "2026-12-04T08:30:03Z")
                .put("updated_at", "2026-12-04T08:31:40.25Z")
                .put("transition", transition)
                .put("status", workspaceStatus(transition, jobStatus))
                .put("reason", "initiator")
                .put("initiator_id", OWNER_ID)
                .put("initiator_name", "alice")
                .put("deadline", "2026-12-04T16:31:40Z")
                .putNull("max_deadline")
                .put("daily_cost", 0);
        build.putArray("resources");
        build.set("job", provisionerJob(buildId, jobStatus));
        build.putObject("matched_provisioners").put("count", 3).put("available", 2)
                .put("most_recently_seen", "2026-12-04T08:30:01.5Z");
        return build;
    }

    /** {@code GET /api/v2/workspaces}' body: {@code count} is Coder's total over all pages. */
    public static ObjectNode workspacesResponse(int count, List<? extends ObjectNode> workspaces) {
        ObjectNode response = JSON.objectNode();
        ArrayNode items = response.putArray("workspaces");
        workspaces.forEach(items::add);
        return response.put("count", count);
    }

    public static ObjectNode buildInfo(String version) {
        return JSON.objectNode()
                .put("version", version)
                .put("external_url", "https://coder.example/releases/" + version)
                .put("dashboard_url", "https://coder.example")
                .put("workspace_proxy", false)
                .put("agent_api_version", "2.4")
                .put("telemetry", false);
    }

    private static ObjectNode provisionerJob(String buildId, String status) {
        ObjectNode job = JSON.objectNode()
                .put("id", idFor(buildId + "/job"))
                .put("created_at", "2026-12-04T08:30:03Z")
                .put("status", status)
                .put("file_id", "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d")
                .put("queue_position", 0)
                .put("queue_size", 0)
                .put("organization_id", "3c4d5e6f-7a8b-4c9d-8e0f-a1b2c3d4e5f6")
                .put("type", "workspace_build");
        if (!status.equals("pending")) {
            job.put("started_at", "2026-12-04T08:30:04.75Z");
        }
        if (status.equals("succeeded") || status.equals("failed") || status.equals("canceled")) {
            job.put("completed_at", "2026-12-04T08:31:40.25Z");
        }
        job.putObject("tags").put("scope", "organization").put("owner", "");
        return job;
    }

    private static String workspaceStatus(String transition, String jobStatus) {
        return switch (jobStatus) {
            case "pending" -> "pending";
            case "running" -> transition.equals("stop") ? "stopping" : "starting";
            case "succeeded" -> transition.equals("stop") ? "stopped" : "running";
            default -> jobStatus;
        };
    }
}
