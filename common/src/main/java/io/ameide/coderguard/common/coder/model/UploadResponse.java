package io.ameide.coderguard.common.coder.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Coder's answer to a file upload. The file's id is in a field named {@code hash}, though it is a UUID, not a hash.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UploadResponse(String hash) {
}
