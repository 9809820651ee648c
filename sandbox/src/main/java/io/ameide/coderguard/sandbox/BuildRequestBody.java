package io.ameide.coderguard.sandbox;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ameide.coderguard.common.coder.model.CoderError;
import io.ameide.coderguard.common.coder.model.Transition;

/**
 * The body of {@code POST /api/v2/workspaces/{workspace}/builds}
 * ({@code codersdk.CreateWorkspaceBuildRequest}), read as Coder reads it: a body that is not JSON, or has a
 * field of the wrong JSON type, is "Request body must be valid JSON."; a missing or unknown {@code transition}
 * or {@code reason} is "Validation failed." naming the field. Only {@code transition} and {@code reason} are
 * read; {@code template_version_id} and the rest are ignored.
 *
 * @param problem the 400 answer when the body is refused, else null
 */
record BuildRequestBody(Transition transition, String reason, Reply problem) {

    static final String INVALID_JSON = "Request body must be valid JSON.";
    static final String VALIDATION_FAILED = "Validation failed.";

    /** The reasons a client may send; {@code autostop} and the other system reasons are Coder's own. */
    private static final Set<String> CLIENT_REASONS = Set.of("dashboard", "cli", "ssh_connection",
            "vscode_connection", "jetbrains_connection", "task_manual_pause");
    private static final String DEFAULT_REASON = "initiator";

    static BuildRequestBody parse(byte[] body, ObjectMapper mapper) {
        JsonNode root;
        try {
            root = body.length == 0 ? null : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return refused(INVALID_JSON, e.getOriginalMessage());
        } catch (IOException e) {
            return refused(INVALID_JSON, "the body could not be read");
        }
        if (root == null || !root.isObject()) {
            return refused(INVALID_JSON, root == null ? "the body is empty" : "the body is not a JSON object");
        }
        return fields(root.path("transition"), root.path("reason"));
    }

    private static BuildRequestBody fields(JsonNode transition, JsonNode reason) {
        if (!isStringOrAbsent(transition) || !isStringOrAbsent(reason)) {
            return refused(INVALID_JSON, "\"transition\" and \"reason\" must be strings");
        }
        String transitionText = transition.asText("");
        if (transitionText.isEmpty()) {
            return invalid("transition", "required", "");
        }
        Transition parsed = transition(transitionText);
        if (parsed == null) {
            return invalid("transition", "oneof", transitionText);
        }
        String reasonText = reason.asText("");
        if (!reasonText.isEmpty() && !CLIENT_REASONS.contains(reasonText)) {
            return invalid("reason", "oneof", reasonText);
        }
        return new BuildRequestBody(parsed, reasonText.isEmpty() ? DEFAULT_REASON : reasonText, null);
    }

    /**
     * Coder's validator also lets {@code create} through, to fail later in the build; the stand-in refuses it
     * at once, as no client of it creates workspaces.
     */
    private static Transition transition(String text) {
        return switch (text) {
            case "start" -> Transition.START;
            case "stop" -> Transition.STOP;
            case "delete" -> Transition.DELETE;
            default -> null;
        };
    }

    private static boolean isStringOrAbsent(JsonNode node) {
        return node.isMissingNode() || node.isNull() || node.isTextual();
    }

    private static BuildRequestBody refused(String message, String detail) {
        return new BuildRequestBody(null, null, Reply.error(400, message, detail));
    }

    /** Coder's validator wording: the field, the rule it broke and the value. */
    private static BuildRequestBody invalid(String field, String rule, String value) {
        String detail = "Validation failed for tag \"" + rule + "\" with value: \"" + value + "\"";
        List<CoderError.Validation> problems = List.of(new CoderError.Validation(field, detail));
        CoderError error = new CoderError(VALIDATION_FAILED, null, problems);
        return new BuildRequestBody(null, null, Reply.error(400, error));
    }
}
