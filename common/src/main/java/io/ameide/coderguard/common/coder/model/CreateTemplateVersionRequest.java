package io.ameide.coderguard.common.coder.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST /api/v2/organizations/{organization}/templateversions}: Coder's
 * {@code codersdk.CreateTemplateVersionRequest}, for a version built from an uploaded tar.
 *
 * @param templateId null only for the first version of a template that does not exist yet
 * @param tags provisioner tags; empty targets the organization's built-in provisioners
 * @param userVariableValues values for the template's variables ({@code coder templates push --var}); a variable
 *     without a default needs one, or Coder refuses the import with {@code REQUIRED_TEMPLATE_VARIABLES}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateTemplateVersionRequest(
        String name,
        String message,
        @JsonProperty("template_id") String templateId,
        @JsonProperty("storage_method") String storageMethod,
        @JsonProperty("file_id") String fileId,
        String provisioner,
        Map<String, String> tags,
        @JsonProperty("user_variable_values") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<VariableValue> userVariableValues) {

    public CreateTemplateVersionRequest {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        userVariableValues = userVariableValues == null ? List.of() : List.copyOf(userVariableValues);
    }

    /** A Terraform version from an uploaded file, as {@code coder templates push} creates it. */
    public static CreateTemplateVersionRequest fromFile(String name, String message, String templateId, String fileId,
            Map<String, String> tags) {
        return fromFile(name, message, templateId, fileId, tags, Map.of());
    }

    /** The same, with values for template variables, sent in name order. */
    public static CreateTemplateVersionRequest fromFile(String name, String message, String templateId, String fileId,
            Map<String, String> tags, Map<String, String> variables) {
        List<VariableValue> values = new TreeMap<>(variables).entrySet().stream()
                .map(variable -> new VariableValue(variable.getKey(), variable.getValue()))
                .toList();
        return new CreateTemplateVersionRequest(name, message, templateId, "file", fileId, "terraform", tags, values);
    }
}
