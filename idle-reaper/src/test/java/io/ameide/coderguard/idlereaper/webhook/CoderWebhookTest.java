package io.ameide.coderguard.idlereaper.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.ameide.coderguard.common.coder.CoderEndpoint;
import io.ameide.coderguard.sandbox.Fault;
import io.ameide.coderguard.sandbox.WorkspaceSpec;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** Coder's notification webhook as Coder delivers it: a hint that makes the reaper look, never a decision. */
@QuarkusTest
@QuarkusTestResource(value = WebhookStandInResource.class, restrictToAnnotatedClass = true)
class CoderWebhookTest {

    private static final String HOOK = "/hooks/coder/" + WebhookStandInResource.SECRET;

    @ParameterizedTest
    @ValueSource(strings = {"TemplateTemplateDeleted", "TemplateTemplateDeprecated", "TemplateTestNotification",
            "TemplateWorkspaceAutoUpdated", "TemplateWorkspaceAutobuildFailed", "TemplateWorkspaceAutostopReminder",
            "TemplateWorkspaceBuildsFailedReport", "TemplateWorkspaceCreated", "TemplateWorkspaceDeleted",
            "TemplateWorkspaceDormant", "TemplateWorkspaceManualBuildFailed", "TemplateWorkspaceManuallyUpdated",
            "TemplateWorkspaceMarkedForDeletion", "TemplateWorkspaceOutOfDisk", "TemplateWorkspaceOutOfMemory"})
    void acceptsEverySampleCoderSends(String sample) throws IOException {
        given().contentType(ContentType.JSON).header("X-Message-Id", UUID.randomUUID().toString())
                .body(sample(sample).replace("\"msg_id\": \"00000000-0000-0000-0000-000000000000\"",
                        "\"msg_id\": \"" + UUID.randomUUID() + "\""))
                .post(HOOK)
                .then().statusCode(202);
    }

    @Test
    void evaluatesADuplicatedDeliveryOnceAndStopsTheIdleWorkspaceItNames() {
        String id = WebhookStandInResource.coder.workspaces()
                .add(WorkspaceSpec.idle("dana", "idle", Instant.now().minus(Duration.ofHours(2))));
        long looksBefore = WebhookStandInResource.coder.requestCount(CoderEndpoint.GET_WORKSPACE);
        String body = notification(UUID.randomUUID().toString(), List.of(id), "dana", "idle");

        given().contentType(ContentType.JSON).body(body).post(HOOK).then().statusCode(202).body("outcome", equalTo("accepted"));
        given().contentType(ContentType.JSON).body(body).post(HOOK).then().statusCode(200).body("outcome",
                equalTo("duplicate"));

        await().atMost(Duration.ofSeconds(10)).until(() -> WebhookStandInResource.coder.stopBuilds().stream()
                .anyMatch(stop -> stop.workspaceId().equals(id)));
        assertThat(WebhookStandInResource.coder.requestCount(CoderEndpoint.GET_WORKSPACE) - looksBefore).isEqualTo(1);
    }

    @Test
    void findsTheWorkspaceByOwnerAndNameWhenTheNotificationCarriesNoId() {
        String id = WebhookStandInResource.coder.workspaces()
                .add(WorkspaceSpec.idle("erik", "nameless", Instant.now().minus(Duration.ofHours(2))));
        WebhookStandInResource.coder.workspaces()
                .add(WorkspaceSpec.idle("erik", "nameless-too", Instant.now().minus(Duration.ofHours(2))));

        given().contentType(ContentType.JSON).body(notification(UUID.randomUUID().toString(), List.of(), "erik", "nameless"))
                .post(HOOK).then().statusCode(202);

        await().atMost(Duration.ofSeconds(10)).until(() -> WebhookStandInResource.coder.stopBuilds().stream()
                .anyMatch(stop -> stop.workspaceId().equals(id)));
        assertThat(WebhookStandInResource.coder.stopBuilds()).extracting(stop -> stop.workspaceId()).containsOnlyOnce(id);
    }

    @Test
    void refusesAMalformedBodyWithAProblemNamingTheField() {
        given().contentType(ContentType.JSON).body("{\"msg_id\":\"" + UUID.randomUUID() + "\",\"payload\":{\"targets\":\"x\"}}")
                .post(HOOK)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("parameter", equalTo("payload.targets"))
                .body("detail", equalTo("payload.targets must be an array of UUIDs"));
    }

    @Test
    void refusesAnOversizedBody() {
        given().contentType(ContentType.JSON).body("{\"pad\":\"" + "x".repeat(20_000) + "\"}")
                .post(HOOK)
                .then().statusCode(413)
                .contentType("application/problem+json");
    }

    @Test
    void answersAWrongSecretAsIfNothingWereThere() {
        given().contentType(ContentType.JSON).body(notification(UUID.randomUUID().toString(), List.of(), "x", "y"))
                .post("/hooks/coder/not-the-secret-at-all")
                .then().statusCode(404);
    }

    @Test
    void answersAMethodOtherThanPostAndAPathWhereNothingIsWithProblems() {
        given().get(HOOK).then().statusCode(405).contentType("application/problem+json");
        given().get("/nothing/here").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void refusesAWrongSecretBeforeReadingAnyOfTheBody() throws IOException {
        assertThat(answerToAnnouncedBody("/hooks/coder/not-the-secret-at-all", 1_000_000)).startsWith("HTTP/1.1 404");
    }

    @Test
    void refusesAnAnnouncedOversizedBodyBeforeReadingIt() throws IOException {
        assertThat(answerToAnnouncedBody(HOOK, 1_000_000)).startsWith("HTTP/1.1 413");
    }

    @Test
    void neverLooksForAWorkspaceWhoseNamesCoderCouldNotHold() {
        // Ignored, not accepted: no hint is made, so nothing searches for the name or writes it to a log. (Counting the
        // stand-in's searches would not tell: the reaper's own sweeps search too.)
        given().contentType(ContentType.JSON)
                .body(notification(UUID.randomUUID().toString(), List.of(), "alice\\n12:00:00 INFO forged", "dev"))
                .post(HOOK).then().statusCode(202).body("outcome", equalTo("ignored"));
    }

    @Test
    void looksHintsUpOnABoundedPoolOfItsOwnSoThatASlowCoderLeavesTheServiceAnswering() {
        WebhookStandInResource.coder.inject(CoderEndpoint.GET_WORKSPACE, 8, Fault.delay(Duration.ofSeconds(2)));
        long looksBefore = WebhookStandInResource.coder.requestCount(CoderEndpoint.GET_WORKSPACE);
        try {
            for (int i = 0; i < 8; i++) {
                String id = UUID.randomUUID().toString();
                given().contentType(ContentType.JSON).body(notification(UUID.randomUUID().toString(), List.of(id), "x", "y"))
                        .post(HOOK).then().statusCode(202);
            }

            await().atMost(Duration.ofSeconds(1)).until(() -> looksSince(looksBefore) == 4);
            await().during(Duration.ofMillis(800)).atMost(Duration.ofMillis(1500)).until(() -> looksSince(looksBefore) == 4);
            given().get("/q/health/live").then().time(lessThan(1000L)).statusCode(200);
            await().atMost(Duration.ofSeconds(15)).until(() -> looksSince(looksBefore) == 8);
        } finally {
            WebhookStandInResource.coder.clearFaults();
        }
    }

    private static long looksSince(long before) {
        return WebhookStandInResource.coder.requestCount(CoderEndpoint.GET_WORKSPACE) - before;
    }

    /**
     * Sends the headers of a delivery announcing {@code length} bytes and one byte of body, then waits for an answer: the
     * service must answer without waiting for a body that never comes.
     */
    private static String answerToAnnouncedBody(String path, int length) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(5_000);
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + length + "\r\n\r\n{";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    private static String notification(String msgId, List<String> targets, String owner, String name) {
        String targetList = targets.stream().map(t -> "\"" + t + "\"").reduce((a, b) -> a + "," + b).orElse("");
        return """
                {"_version":"1.1","msg_id":"%s","payload":{"_version":"1.2","notification_name":"Workspace Autobuild Failed",
                 "notification_template_id":"381df2a9-c0c0-4749-420f-80a9280c66f9","user_username":"%s",
                 "labels":{"name":"%s","reason":"autostart"},"data":null,"targets":[%s]}}"""
                .formatted(msgId, owner, name, targetList);
    }

    private static String sample(String name) throws IOException {
        try (InputStream in = CoderWebhookTest.class.getResourceAsStream("/coder-webhooks/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
