package io.ameide.coderguard.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.ameide.coderguard.common.webhook.CoderNotification;
import io.ameide.coderguard.common.webhook.NotificationKind;
import io.ameide.coderguard.common.webhook.NotificationParser;

class WebhookDispatcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesWorkspaceCreatedInCodersWebhookShape() throws Exception {
        WebhookDispatcher.Message message = WebhookDispatcher.workspaceCreated("ivan", "hotfix", "devcontainer", "admin");

        JsonNode sent = JSON.readTree(message.json());
        JsonNode golden = golden("TemplateWorkspaceCreated.json");

        assertThat(fieldPaths(sent, "")).isEqualTo(fieldPaths(golden, ""));
        assertThat(sent.path("payload").path("labels")).isEqualTo(JSON.readTree(
                "{\"template\":\"devcontainer\",\"version\":\"v1\",\"workspace\":\"hotfix\",\"workspace_owner_username\":\"ivan\"}"));
    }

    @Test
    void writesABodyTheServicesReadAsAWorkspaceCreatedForThatWorkspace() throws Exception {
        WebhookDispatcher.Message message = WebhookDispatcher.workspaceCreated("ivan", "hotfix", "devcontainer", "admin");

        CoderNotification read = NotificationParser.parse(message.json().getBytes(StandardCharsets.UTF_8), message.id());

        assertThat(read.kind()).isEqualTo(NotificationKind.WORKSPACE_CREATED);
        assertThat(read.msgId()).isEqualTo(message.id());
        assertThat(read.workspaceOwner()).contains("ivan");
        assertThat(read.workspaceName()).contains("hotfix");
    }

    @Test
    void postsTheMessageWithItsIdAndReturnsTheAnswersStatus() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hooks/coder/secret", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + exchange.getRequestHeaders().getFirst("X-Message-Id"));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(received.size() == 1 ? 202 : 200, -1);
            exchange.close();
        });
        server.start();
        try {
            WebhookDispatcher dispatcher = new WebhookDispatcher(
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/coder/secret"));
            WebhookDispatcher.Message message = WebhookDispatcher.workspaceCreated("ivan", "hotfix", "devcontainer", "admin");

            assertThat(dispatcher.deliver(message)).isEqualTo(202);
            assertThat(dispatcher.deliver(message)).isEqualTo(200);
            assertThat(received).containsExactly("POST application/json " + message.id(),
                    "POST application/json " + message.id());
        } finally {
            server.stop(0);
        }
    }

    private static JsonNode golden(String name) throws IOException {
        try (InputStream in = WebhookDispatcherTest.class.getResourceAsStream("/coder-webhooks/" + name)) {
            return JSON.readTree(in);
        }
    }

    /** Every field's path, so that two bodies can be compared by shape rather than by value. */
    private static List<String> fieldPaths(JsonNode node, String prefix) {
        List<String> paths = new ArrayList<>();
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            JsonNode child = node.get(name);
            paths.add(prefix + name);
            if (child.isObject() && !"labels".equals(name)) {
                paths.addAll(fieldPaths(child, prefix + name + "."));
            }
        }
        return paths;
    }
}
