package io.ameide.coderguard.common.coder.model;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /api/v2/organizations/{organization}/templateversions}: Coder's
 * {@code codersdk.CreateTemplateVersionRequest}, for a version built from an uploaded tar.
 *
 * @param templateId null only for the first version of a template that does not exist yet
 * @param tags provisioner tags; empty targets the organization's built-in provisioners
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateTemplateVersionRequest(
        String name,
        String message,
        @JsonProperty("template_id") String templateId,
        @JsonProperty("storage_method") String storageMethod,
        @JsonProperty("file_id") String fileId,
        String provisioner,
        Map<String, String> tags) {

    public CreateTemplateVersionRequest {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** A Terraform version from an uploaded file, as {@code coder templates push} creates it. */
    public static CreateTemplateVersionRequest fromFile(String name, String message, String templateId, String fileId,
            Map<String, String> tags) {
        return new CreateTemplateVersionRequest(name, message, templateId, "file", fileId, "terraform", tags);
    }
}
