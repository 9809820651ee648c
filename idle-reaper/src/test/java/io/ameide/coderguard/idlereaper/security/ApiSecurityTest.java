package io.ameide.coderguard.idlereaper.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.ameide.coderguard.common.security.KeycloakResource;
import io.ameide.coderguard.common.security.KeycloakServer;
import io.ameide.coderguard.idlereaper.service.StandInResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The HTTP API behind Keycloak, with tokens from a real Keycloak on loopback: who may read, who may sweep, and how a
 * refusal reads. Probes and Prometheus need no token.
 */
@QuarkusTest
@QuarkusTestResource(value = StandInResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = true)
class ApiSecurityTest {

    private static final String CHALLENGE = "Bearer realm=\"coder-guardrails\"";

    @ParameterizedTest
    @ValueSource(strings = {"GET /api/decisions", "GET /api/upcoming-stops", "POST /api/sweeps"})
    void refusesACallWithoutATokenWithAProblemAndAChallenge(String call) {
        Response response = send(call, null);

        assertProblem(response, 401, "Unauthorized");
        assertThat(response.headers().getValues("WWW-Authenticate")).containsExactly(CHALLENGE);
        assertThat(response.jsonPath().getString("detail")).contains("Authorization: Bearer");
    }

    @Test
    void refusesSomethingThatIsNotAToken() {
        Response response = send("GET /api/decisions", "not-a-token");

        assertProblem(response, 401, "Unauthorized");
        assertThat(response.headers().getValues("WWW-Authenticate")).containsExactly(CHALLENGE + ", error=\"invalid_token\"");
    }

    @Test
    void refusesAViewerTokenEditedToClaimTheAdminRole() {
        String[] parts = keycloak().accessToken("viewer").split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims.replace("\"guardrails-viewer\"", "\"guardrails-admin\"").getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];

        assertProblem(send("POST /api/sweeps", forged), 401, "Unauthorized");
    }

    @Test
    void refusesATokenIssuedForAnotherApplicationOfTheRealm() {
        String token = keycloak().accessToken("admin", "unrelated-app");

        assertProblem(send("GET /api/decisions", token), 401, "Unauthorized");
    }

    @Test
    void forbidsReadingToAUserWithoutAGuardrailsRole() {
        Response response = send("GET /api/upcoming-stops", keycloak().accessToken("nobody"));

        assertProblem(response, 403, "Forbidden");
        assertThat(response.jsonPath().getString("detail")).endsWith("guardrails-viewer, guardrails-admin");
    }

    @Test
    void letsAViewerReadTheDecisionsAndTheUpcomingStops() {
        String token = keycloak().accessToken("viewer");

        send("GET /api/decisions", token).then().statusCode(200).contentType("application/json");
        send("GET /api/upcoming-stops", token).then().statusCode(200).contentType("application/json");
    }

    @Test
    void forbidsAViewerToStartASweep() {
        Response response = send("POST /api/sweeps", keycloak().accessToken("viewer"));

        assertProblem(response, 403, "Forbidden");
        assertThat(response.jsonPath().getString("detail")).endsWith("the realm role guardrails-admin");
    }

    @Test
    void letsAnAdminStartASweepAndReadWhatItDecided() {
        String token = keycloak().accessToken("admin");

        send("POST /api/sweeps", token).then().statusCode(200)
                .body("running", greaterThanOrEqualTo(1))
                .body("unreadable", equalTo(0))
                .body("keep", greaterThanOrEqualTo(1))
                .body("took", startsWith("PT"));
        send("GET /api/decisions", token).then().statusCode(200);
    }

    @Test
    void protectsAnEndpointThatCarriesNoSecurityAnnotationByPathAndMethod() {
        String viewer = keycloak().accessToken("viewer");
        String admin = keycloak().accessToken("admin");

        assertProblem(send("GET /api/test-only-unannotated", null), 401, "Unauthorized");
        assertProblem(send("GET /api/test-only-unannotated", keycloak().accessToken("nobody")), 403, "Forbidden");
        send("GET /api/test-only-unannotated", viewer).then().statusCode(200);
        assertProblem(send("POST /api/test-only-unannotated", viewer), 403, "Forbidden");
        send("POST /api/test-only-unannotated", admin).then().statusCode(200);
    }

    @Test
    void neverLogsABearerTokenOrTheCoderToken() {
        String admin = keycloak().accessToken("admin");
        String viewer = keycloak().accessToken("viewer");
        String coderToken = ConfigProvider.getConfig().getValue("idle-reaper.coder.token", String.class);

        List<String> lines;
        try (CapturedLog log = CapturedLog.open()) {
            send("POST /api/sweeps", admin).then().statusCode(200);
            send("POST /api/sweeps", viewer).then().statusCode(403);
            send("GET /api/decisions", viewer + "x").then().statusCode(401);
            send("GET /api/decisions", "not-a-token").then().statusCode(401);
            lines = log.lines();
        }

        assertThat(lines).as("the sweep's own lines were captured").anyMatch(line -> line.contains("by=admin"));
        assertThat(lines).noneMatch(line -> line.contains(signature(admin)) || line.contains(signature(viewer))
                || line.contains(coderToken) || line.contains("not-a-token"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/health/live", "/q/health/ready", "/q/metrics"})
    void keepsProbesAndMetricsOpenWithoutAToken(String path) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(path).then().statusCode(200));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/health/ready", "/q/metrics"})
    void ignoresATokenSentToProbesAndMetrics(String path) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> given().auth().oauth2("a-service-account-token").get(path).then().statusCode(200));
    }

    private static Response send(String call, String token) {
        String[] methodAndPath = call.split(" ");
        var request = given();
        if (token != null) {
            request.auth().oauth2(token);
        }
        return request.request(methodAndPath[0], methodAndPath[1]);
    }

    private static void assertProblem(Response response, int status, String title) {
        response.then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("title", equalTo(title));
        assertThat(response.asString()).doesNotContain("Exception", "io.quarkus", "\tat ");
    }

    /** A token's signature: unique to the token, and in any line that carries the token whole. */
    private static String signature(String token) {
        return token.substring(token.lastIndexOf('.') + 1);
    }

    private static KeycloakServer keycloak() {
        return KeycloakServer.shared();
    }
}
