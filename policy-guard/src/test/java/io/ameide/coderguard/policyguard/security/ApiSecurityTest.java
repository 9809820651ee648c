package io.ameide.coderguard.policyguard.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.ameide.coderguard.common.security.KeycloakResource;
import io.ameide.coderguard.common.security.KeycloakServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The read API behind Keycloak, with tokens from a real Keycloak on loopback. Probes and Prometheus need no token. */
@QuarkusTest
@QuarkusTestResource(value = KeycloakResource.class, restrictToAnnotatedClass = true)
class ApiSecurityTest {

    @Test
    void letsAViewerRead() {
        given().auth().oauth2(KeycloakServer.shared().accessToken("viewer")).get("/api/namespaces")
                .then()
                .statusCode(200);
    }

    @Test
    void forbidsReadingToAUserWithoutAGuardrailsRoleWithAProblem() {
        Response response = given().auth().oauth2(KeycloakServer.shared().accessToken("nobody")).get("/api/namespaces");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void refusesACallWithoutATokenAndATokenForAnotherApplication() {
        assertThat(given().get("/api/namespaces").statusCode()).isEqualTo(401);
        assertThat(given().auth().oauth2(KeycloakServer.shared().accessToken("admin", "unrelated-app"))
                .get("/api/namespaces").statusCode()).isEqualTo(401);
    }

    @Test
    void leavesProbesAndMetricsOpen() {
        assertThat(given().get("/q/health/live").statusCode()).isEqualTo(200);
        assertThat(given().get("/q/metrics").statusCode()).isEqualTo(200);
    }
}
