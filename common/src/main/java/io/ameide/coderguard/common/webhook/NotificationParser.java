package io.ameide.coderguard.common.webhook;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

import io.ameide.coderguard.common.coder.CoderIds;
import io.ameide.coderguard.common.coder.CoderJson;

/**
 * Reads the body of one delivery of Coder's notification webhook ({@code WebhookPayload}: {@code _version},
 * {@code msg_id}, {@code payload}, {@code title}, {@code body}…). Only what identifies the message and what it is
 * about is read; the rendered title and body are not. Nothing is decided from the body: it only says which workspace
 * to look at again.
 */
public final class NotificationParser {

    private NotificationParser() {
    }

    /**
     * @param headerMessageId the {@code X-Message-Id} header, used when the body lacks {@code msg_id}; may be null
     * @throws InvalidNotificationException naming the field when the body is not a Coder notification
     */
    public static CoderNotification parse(byte[] body, String headerMessageId) throws InvalidNotificationException {
        JsonNode root = readJson(body);
        String msgId = text(root, "msg_id", "msg_id");
        if (msgId == null) {
            msgId = headerMessageId;
        }
        if (msgId == null || !CoderIds.isUuid(msgId)) {
            throw new InvalidNotificationException("msg_id", "msg_id (or the X-Message-Id header) must be a UUID");
        }
        JsonNode payload = root.get("payload");
        if (payload == null || !payload.isObject()) {
            throw new InvalidNotificationException("payload", "payload must be an object");
        }
        String templateId = text(payload, "notification_template_id", "payload.notification_template_id");
        String name = text(payload, "notification_name", "payload.notification_name");
        return new CoderNotification(msgId, NotificationKind.of(templateId, name), name, templateId,
                text(payload, "user_username", "payload.user_username"), labels(payload), targets(payload));
    }

    private static JsonNode readJson(byte[] body) throws InvalidNotificationException {
        try {
            JsonNode root = CoderJson.mapper().readTree(body);
            if (root == null || !root.isObject()) {
                throw new InvalidNotificationException("body", "the body must be a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new InvalidNotificationException("body", "the body is not JSON");
        }
    }

    private static String text(JsonNode node, String field, String path) throws InvalidNotificationException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidNotificationException(path, path + " must be a string");
        }
        return value.asText();
    }

    private static Map<String, String> labels(JsonNode payload) throws InvalidNotificationException {
        JsonNode labels = payload.get("labels");
        Map<String, String> result = new LinkedHashMap<>();
        if (labels == null || labels.isNull()) {
            return result;
        }
        if (!labels.isObject()) {
            throw new InvalidNotificationException("payload.labels", "payload.labels must be an object of strings");
        }
        for (Map.Entry<String, JsonNode> label : labels.properties()) {
            result.put(label.getKey(), text(labels, label.getKey(), "payload.labels." + label.getKey()));
        }
        result.values().removeIf(Objects::isNull);
        return result;
    }

    private static List<String> targets(JsonNode payload) throws InvalidNotificationException {
        JsonNode targets = payload.get("targets");
        List<String> result = new ArrayList<>();
        if (targets == null || targets.isNull()) {
            return result;
        }
        if (!targets.isArray()) {
            throw new InvalidNotificationException("payload.targets", "payload.targets must be an array of UUIDs");
        }
        for (int i = 0; i < targets.size(); i++) {
            JsonNode target = targets.get(i);
            if (!target.isTextual() || !CoderIds.isUuid(target.asText())) {
                throw new InvalidNotificationException("payload.targets[" + i + "]",
                        "payload.targets[" + i + "] must be a UUID");
            }
            result.add(target.asText().toLowerCase(Locale.ROOT));
        }
        return result;
    }
}
