package io.ameide.coderguard.common.coder.model;

import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Coder's error body ({@code codersdk.Response}), the same on every endpoint.
 *
 * @param message a sentence for people, e.g. "A workspace build is already active."
 * @param detail the underlying cause, often the same sentence or a database error
 * @param validations one entry per rejected request field
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CoderError(String message, String detail, List<Validation> validations) {

    public CoderError {
        validations = validations == null ? List.of() : List.copyOf(validations);
    }

    public CoderError(String message) {
        this(message, null, List.of());
    }

    /** The message, the detail where it adds something, and each rejected field: one line for a log or a status. */
    public String describe() {
        StringBuilder text = new StringBuilder(message == null || message.isBlank() ? "(no message)" : message);
        if (detail != null && !detail.isBlank() && !detail.equals(message)) {
            text.append(" (").append(detail).append(')');
        }
        if (!validations.isEmpty()) {
            text.append(
                    validations.stream().map(v -> v.field() + ": " + v.detail()).collect(Collectors.joining("; ", " [", "]")));
        }
        return text.toString();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Validation(String field, String detail) {
    }
}
