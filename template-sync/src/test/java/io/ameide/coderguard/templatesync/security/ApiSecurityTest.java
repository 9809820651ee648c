package io.ameide.coderguard.templatesync.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.ameide.coderguard.common.security.KeycloakResource;
import io.ameide.coderguard.common.security.KeycloakServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The read API behind Keycloak, with tokens from a real Keycloak on loopback and the realm in deploy/keycloak: the same
 * roles as the idle-reaper's, refusals as problems, probes and metrics open.
 */
@QuarkusTest
@QuarkusTestResource(value = CoderOnlyResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = true)
class ApiSecurityTest {

    private static final String CHALLENGE = "Bearer realm=\"coder-guardrails\"";

    @Test
    void refusesACallWithoutATokenWithAProblemAndAChallenge() {
        Response response = given().get("/api/templates");

        assertProblem(response, 401, "Unauthorized");
        assertThat(response.headers().getValues("WWW-Authenticate")).containsExactly(CHALLENGE);
    }

    @Test
    void refusesATokenIssuedForAnotherApplicationOfTheRealm() {
        String token = keycloak().accessToken("admin", "unrelated-app");

        assertProblem(given().auth().oauth2(token).get("/api/templates"), 401, "Unauthorized");
    }

    @Test
    void forbidsReadingToAUserWithoutAGuardrailsRole() {
        Response response = given().auth().oauth2(keycloak().accessToken("nobody")).get("/api/templates");

        assertProblem(response, 403, "Forbidden");
        assertThat(response.jsonPath().getString("detail")).endsWith("guardrails-viewer, guardrails-admin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"viewer", "admin"})
    void letsAViewerAndAnAdminReadTheTemplates(String user) {
        given().auth().oauth2(keycloak().accessToken(user)).get("/api/templates").then().statusCode(200)
                .contentType("application/json").body("size()", equalTo(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/q/health/live", "/q/metrics"})
    void keepsProbesAndMetricsOpenWithoutAToken(String path) {
        given().get(path).then().statusCode(200);
    }

    private static void assertProblem(Response response, int status, String title) {
        response.then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("title", equalTo(title));
        assertThat(response.asString()).doesNotContain("Exception", "io.quarkus", "\tat ");
    }

    private static KeycloakServer keycloak() {
        return KeycloakServer.shared();
    }
}
