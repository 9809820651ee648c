package io.ameide.coderguard.common.coder.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /api/v2/organizations/{organization}/templates}: Coder's
 * {@code codersdk.CreateTemplateRequest}, creating a template from a version whose import succeeded; that version
 * becomes the active one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateTemplateRequest(
        String name,
        @JsonProperty("template_version_id") String templateVersionId,
        @JsonProperty("display_name") String displayName,
        String description,
        String icon,
        @JsonProperty("default_ttl_ms") Long defaultTtlMs,
        @JsonProperty("activity_bump_ms") Long activityBumpMs) {
}
