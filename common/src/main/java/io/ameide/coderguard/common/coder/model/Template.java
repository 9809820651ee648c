package io.ameide.coderguard.common.coder.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The fields of Coder's {@code codersdk.Template} that template-sync reads and must carry back unchanged when it
 * patches the template's settings.
 *
 * @param activeVersionId the version new workspaces are built from; only a succeeded version can become active
 * @param defaultTtlMs the autostop TTL given to new workspaces; 0 means they never stop on their own
 * @param activityBumpMs how far activity pushes a workspace's deadline; 0 turns the bump off
 * @param deprecated deprecated templates are left out of Coder's template list unless asked for
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Template(
        String id,
        String name,
        @JsonProperty("display_name") String displayName,
        String description,
        String icon,
        @JsonProperty("organization_id") String organizationId,
        @JsonProperty("active_version_id") String activeVersionId,
        @JsonProperty("default_ttl_ms") Long defaultTtlMs,
        @JsonProperty("activity_bump_ms") Long activityBumpMs,
        @JsonProperty("time_til_autostop_notify_ms") Long timeTilAutostopNotifyMs,
        @JsonProperty("allow_user_autostart") Boolean allowUserAutostart,
        @JsonProperty("allow_user_autostop") Boolean allowUserAutostop,
        @JsonProperty("allow_user_cancel_workspace_jobs") Boolean allowUserCancelWorkspaceJobs,
        @JsonProperty("failure_ttl_ms") Long failureTtlMs,
        @JsonProperty("time_til_dormant_ms") Long timeTilDormantMs,
        @JsonProperty("time_til_dormant_autodelete_ms") Long timeTilDormantAutodeleteMs,
        @JsonProperty("require_active_version") Boolean requireActiveVersion,
        Boolean deprecated,
        @JsonProperty("updated_at") Instant updatedAt) {
}
