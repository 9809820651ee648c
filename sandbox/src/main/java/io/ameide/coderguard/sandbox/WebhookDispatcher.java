package io.ameide.coderguard.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Delivers Coder notifications to a webhook the way Coder's dispatcher does with {@code CODER_NOTIFICATIONS_METHOD=webhook}
 * (see {@code API-NOTES.md}): one unsigned JSON {@code POST} per message and recipient, the body in Coder's webhook
 * shape ({@code _version} 1.1, a {@code payload} of version 1.2 naming the notification template, its labels and
 * targets), the message id in the body and in {@code X-Message-Id}. A message that was not acknowledged is sent again
 * with the same id, as Coder's at-least-once delivery does.
 */
public final class WebhookDispatcher {

    /** Coder's built-in "Workspace Created" template: sent to template admins when they opted in. */
    public static final String WORKSPACE_CREATED = "281fdf73-c6d6-4cbb-8ff5-888baf8a2fff";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** Delivers to {@code endpoint}, which should be on loopback. */
    public WebhookDispatcher(URI endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * One message: what Coder sends when {@code workspace} of {@code owner} was created from {@code template}, addressed
     * to {@code recipient}. Its labels carry names only; Coder puts no ids in this notification's targets.
     */
    public static Message workspaceCreated(String owner, String workspace, String template, String recipient) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("template", template);
        labels.put("version", "v1");
        labels.put("workspace", workspace);
        labels.put("workspace_owner_username", owner);
        return new Message(Ids.random(), WORKSPACE_CREATED, "Workspace Created", recipient, labels,
                "Workspace '" + workspace + "' has been created",
                "The workspace " + workspace + " has been created from the template " + template + " using version v1.");
    }

    /** Sends one delivery of the message and returns the HTTP status the webhook answered. */
    public int deliver(Message message) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("X-Message-Id", message.id())
                .POST(HttpRequest.BodyPublishers.ofString(message.json()))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * A notification message for one recipient.
     *
     * @param id the message id; Coder keeps it across re-deliveries
     * @param templateId the id of Coder's notification template
     */
    public record Message(String id, String templateId, String name, String recipient, Map<String, String> labels,
            String title, String body) {

        /** The body as Coder's webhook dispatcher writes it. */
        public String json() {
            ObjectNode root = JSON.createObjectNode().put("_version", "1.1").put("msg_id", id);
            ObjectNode payload = root.putObject("payload").put("_version", "1.2")
                    .put("notification_name", name)
                    .put("notification_template_id", templateId)
                    .put("user_id", Ids.derived("user", recipient))
                    .put("user_email", recipient + "@example.com")
                    .put("user_name", recipient)
                    .put("user_username", recipient);
            payload.putArray("actions");
            labels.forEach(payload.putObject("labels")::put);
            payload.putNull("data");
            payload.putNull("targets");
            root.put("title", title).put("title_markdown", title).put("body", body).put("body_markdown", body);
            try {
                return JSON.writeValueAsString(root);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
