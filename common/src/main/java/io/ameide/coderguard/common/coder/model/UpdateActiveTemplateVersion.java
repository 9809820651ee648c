package io.ameide.coderguard.common.coder.model;

/** The body of {@code PATCH /api/v2/templates/{template}/versions}: the version to promote to active. */
public record UpdateActiveTemplateVersion(String id) {
}
