package io.ameide.coderguard.common.coder.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of {@code PATCH /api/v2/templateversions/{templateversion}}: a new name or message for a version. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PatchTemplateVersionRequest(String name, String message) {
}
