package io.ameide.coderguard.common.coder.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code PATCH /api/v2/templates/{template}}: Coder's {@code codersdk.UpdateTemplateMeta}.
 * <p>
 * Coder reads the plain (non-pointer) fields of this request as their zero value when they are absent, so a patch
 * that sent only the TTL would also turn other settings off. {@link #keeping(Template)} therefore starts from the
 * template's current values, as {@code coder templates edit} does, and the caller overrides what must change.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpdateTemplateMeta(
        String name,
        @JsonProperty("display_name") String displayName,
        String description,
        String icon,
        @JsonProperty("default_ttl_ms") Long defaultTtlMs,
        @JsonProperty("activity_bump_ms") Long activityBumpMs,
        @JsonProperty("time_til_autostop_notify_ms") Long timeTilAutostopNotifyMs,
        @JsonProperty("allow_user_autostart") Boolean allowUserAutostart,
        @JsonProperty("allow_user_autostop") Boolean allowUserAutostop,
        @JsonProperty("allow_user_cancel_workspace_jobs") Boolean allowUserCancelWorkspaceJobs,
        @JsonProperty("failure_ttl_ms") Long failureTtlMs,
        @JsonProperty("time_til_dormant_ms") Long timeTilDormantMs,
        @JsonProperty("time_til_dormant_autodelete_ms") Long timeTilDormantAutodeleteMs,
        @JsonProperty("require_active_version") Boolean requireActiveVersion) {

    /** Every setting as the template has it now. */
    public static UpdateTemplateMeta keeping(Template t) {
        return new UpdateTemplateMeta(t.name(), t.displayName(), t.description(), t.icon(), t.defaultTtlMs(),
                t.activityBumpMs(), t.timeTilAutostopNotifyMs(), t.allowUserAutostart(), t.allowUserAutostop(),
                t.allowUserCancelWorkspaceJobs(), t.failureTtlMs(), t.timeTilDormantMs(), t.timeTilDormantAutodeleteMs(),
                t.requireActiveVersion());
    }

    /** This patch with the settings template-sync owns replaced; a null argument keeps the current value. */
    public UpdateTemplateMeta with(String newDisplayName, String newDescription, String newIcon, Long newDefaultTtlMs,
            Long newActivityBumpMs) {
        return new UpdateTemplateMeta(name, or(newDisplayName, displayName), or(newDescription, description),
                or(newIcon, icon), or(newDefaultTtlMs, defaultTtlMs), or(newActivityBumpMs, activityBumpMs),
                timeTilAutostopNotifyMs, allowUserAutostart, allowUserAutostop, allowUserCancelWorkspaceJobs, failureTtlMs,
                timeTilDormantMs, timeTilDormantAutodeleteMs, requireActiveVersion);
    }

    private static <T> T or(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }
}
