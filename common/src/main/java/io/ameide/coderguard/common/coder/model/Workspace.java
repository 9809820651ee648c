package io.ameide.coderguard.common.coder.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The fields of Coder's {@code codersdk.Workspace} that the services read. Unknown fields are ignored, so a newer Coder
 * that adds fields does not break the services; the contract test pins each field here to Coder's API description.
 *
 * @param lastUsedAt moved by tunnel traffic, app sessions and CLI heartbeats, but not by starting the workspace
 * @param isPrebuild true for an unclaimed prebuilt workspace, managed by Coder's own reconciliation loop
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Workspace(
        String id,
        String name,
        @JsonProperty("owner_id") String ownerId,
        @JsonProperty("owner_name") String ownerName,
        @JsonProperty("template_id") String templateId,
        @JsonProperty("template_name") String templateName,
        @JsonProperty("ttl_ms") Long ttlMs,
        @JsonProperty("last_used_at") Instant lastUsedAt,
        @JsonProperty("dormant_at") Instant dormantAt,
        @JsonProperty("deleting_at") Instant deletingAt,
        @JsonProperty("is_prebuild") Boolean isPrebuild,
        @JsonProperty("latest_app_status") AppStatus latestAppStatus,
        @JsonProperty("latest_build") WorkspaceBuild latestBuild) {

    /** A name for logs and decisions: the workspace as {@code owner/name}, as Coder's own CLI shows it. */
    public String displayName() {
        return (ownerName == null ? "?" : ownerName) + "/" + (name == null ? "?" : name);
    }
}
