package io.ameide.coderguard.idlereaper.security;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.ameide.coderguard.common.http.ApiRoles;
import io.ameide.coderguard.idlereaper.service.StandInResource;
import io.ameide.coderguard.sandbox.SandboxTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The service trusting a public key instead of a Keycloak realm, as a local run without Keycloak sets it up
 * ({@code QUARKUS_OIDC_PUBLIC_KEY}): the same roles and audience are checked, with tokens the runner signs itself.
 */
@QuarkusTest
@QuarkusTestResource(value = StandInResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = LocalKeyResource.class, restrictToAnnotatedClass = true)
class LocallySignedTokensTest {

    private static final Duration LIFETIME = Duration.ofMinutes(5);

    SandboxTokens tokens;

    @Test
    void letsAViewerTokenReadButNotSweep() {
        String viewer = tokens.token("viewer", LIFETIME, ApiRoles.VIEWER);

        given().auth().oauth2(viewer).get("/api/decisions").then().statusCode(200);
        given().auth().oauth2(viewer).post("/api/sweeps").then().statusCode(403);
    }

    @Test
    void letsAnAdminTokenSweep() {
        String admin = tokens.token("admin", LIFETIME, ApiRoles.VIEWER, ApiRoles.ADMIN);

        given().auth().oauth2(admin).post("/api/sweeps").then().statusCode(200);
    }

    @Test
    void refusesATokenSignedWithAnotherKey() {
        String stranger = new SandboxTokens().token("admin", LIFETIME, ApiRoles.VIEWER, ApiRoles.ADMIN);

        given().auth().oauth2(stranger).get("/api/decisions").then().statusCode(401);
    }

    @Test
    void refusesAnExpiredToken() {
        String expired = tokens.token("viewer", Instant.now().minus(Duration.ofHours(1)), LIFETIME, ApiRoles.VIEWER);

        given().auth().oauth2(expired).get("/api/decisions").then().statusCode(401);
    }
}
