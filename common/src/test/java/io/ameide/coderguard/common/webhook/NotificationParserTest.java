package io.ameide.coderguard.common.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NotificationParserTest {

    private static final String WORKSPACE = "7d0c9a4e-1f2b-4c3d-9e8f-0a1b2c3d4e5f";
    private static final String MSG = "3f1e2d3c-0000-4000-8000-000000000001";

    @ParameterizedTest
    @CsvSource({
            "TemplateWorkspaceCreated, WORKSPACE_CREATED",
            "TemplateWorkspaceManuallyUpdated, WORKSPACE_MANUALLY_UPDATED",
            "TemplateWorkspaceAutoUpdated, WORKSPACE_AUTOMATICALLY_UPDATED",
            "TemplateWorkspaceAutobuildFailed, WORKSPACE_AUTOBUILD_FAILED",
            "TemplateWorkspaceDeleted, WORKSPACE_DELETED",
            "TemplateWorkspaceDormant, WORKSPACE_DORMANT",
            "TemplateWorkspaceMarkedForDeletion, WORKSPACE_MARKED_FOR_DELETION",
            "TemplateTemplateDeleted, TEMPLATE_DELETED",
            "TemplateTemplateDeprecated, TEMPLATE_DEPRECATED",
            "TemplateWorkspaceAutostopReminder, OTHER",
            "TemplateWorkspaceOutOfMemory, OTHER",
            "TemplateWorkspaceOutOfDisk, OTHER",
            "TemplateWorkspaceManualBuildFailed, OTHER",
            "TemplateWorkspaceBuildsFailedReport, OTHER",
            "TemplateTestNotification, OTHER"})
    void readsEveryBodyCoderSendsAndTellsItsKind(String sample, NotificationKind kind) throws Exception {
        CoderNotification notification = NotificationParser.parse(sample(sample), null);

        assertThat(notification.kind()).isEqualTo(kind);
        assertThat(notification.msgId()).isEqualTo("00000000-0000-0000-0000-000000000000");
    }

    @Test
    void takesTheWorkspaceFromTheFirstTargetAndItsNameAndOwnerFromTheLabels() throws Exception {
        String body = """
                {"_version":"1.1","msg_id":"%s","payload":{"_version":"1.2","notification_name":"Workspace Autobuild Failed",
                 "notification_template_id":"381df2a9-c0c0-4749-420f-80a9280c66f9","user_username":"alice",
                 "labels":{"name":"dev","reason":"autostart"},"data":null,
                 "targets":["%s","1a2b3c4d-0000-4000-8000-00000000aaaa"]}}""".formatted(MSG, WORKSPACE.toUpperCase());

        CoderNotification notification = NotificationParser.parse(body.getBytes(StandardCharsets.UTF_8), null);

        assertThat(notification.workspaceId()).contains(WORKSPACE);
        assertThat(notification.workspaceName()).contains("dev");
        assertThat(notification.workspaceOwner()).contains("alice");
    }

    @Test
    void knowsNoWorkspaceIdWhenCoderZeroedItOrSentNoTargets() throws Exception {
        assertThat(NotificationParser.parse(sample("TemplateWorkspaceDeleted"), null).workspaceId()).isEmpty();
        assertThat(NotificationParser.parse(sample("TemplateWorkspaceCreated"), null).workspaceId()).isEmpty();
        assertThat(NotificationParser.parse(sample("TemplateWorkspaceCreated"), null).workspaceName())
                .contains("bobby-workspace");
    }

    @Test
    void takesTheMessageIdFromTheHeaderWhenTheBodyHasNone() throws Exception {
        String body = "{\"payload\":{\"notification_name\":\"Workspace Deleted\"}}";

        assertThat(NotificationParser.parse(body.getBytes(StandardCharsets.UTF_8), MSG).msgId()).isEqualTo(MSG);
    }

    @Test
    void namesTheFieldOfEveryMalformedBody() {
        Map<String, String> fields = new TreeMap<>();
        fields.put("not json", "body");
        fields.put("[1,2]", "body");
        fields.put("{\"payload\":{}}", "msg_id");
        fields.put("{\"msg_id\":\"nope\",\"payload\":{}}", "msg_id");
        fields.put("{\"msg_id\":\"" + MSG + "\"}", "payload");
        fields.put("{\"msg_id\":\"" + MSG + "\",\"payload\":[]}", "payload");
        fields.put("{\"msg_id\":\"" + MSG + "\",\"payload\":{\"notification_name\":7}}", "payload.notification_name");
        fields.put("{\"msg_id\":\"" + MSG + "\",\"payload\":{\"labels\":{\"name\":{}}}}", "payload.labels.name");
        fields.put("{\"msg_id\":\"" + MSG + "\",\"payload\":{\"targets\":\"x\"}}", "payload.targets");
        fields.put("{\"msg_id\":\"" + MSG + "\",\"payload\":{\"targets\":[\"" + WORKSPACE + "\",\"x\"]}}",
                "payload.targets[1]");

        fields.forEach(
                (body, field) -> assertThatThrownBy(() -> NotificationParser.parse(body.getBytes(StandardCharsets.UTF_8), null))
                        .as(body)
                        .isInstanceOfSatisfying(InvalidNotificationException.class,
                                e -> assertThat(e.field()).isEqualTo(field)));
    }

    private static byte[] sample(String name) throws IOException {
        try (InputStream in = NotificationParserTest.class.getResourceAsStream("/coder-webhooks/" + name + ".json")) {
            return in.readAllBytes();
        }
    }
}
