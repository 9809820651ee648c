package io.ameide.coderguard.idlereaper.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.ameide.coderguard.common.http.ApiRoles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;

/**
 * The service as deployed: its scheduler, HTTP API, metrics and readiness, against the Coder stand-in. Tokens are not
 * the subject here (ApiSecurityTest checks them against a real Keycloak): the API is called as a viewer.
 */
@QuarkusTest
@QuarkusTestResource(value = StandInResource.class, restrictToAnnotatedClass = true)
@TestSecurity(user = "viewer", roles = ApiRoles.VIEWER)
class IdleReaperServiceTest {

    @Test
    void stopsTheIdleWorkspaceOnItsOwnScheduleAndServesTheRecord() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/decisions")
                .then().statusCode(200)
                .body("[0].decision.workspace", equalTo(StandInResource.IDLE))
                .body("[0].decision.template", equalTo("k8s-devbox"))
                .body("[0].decision.reason", equalTo("idle"))
                .body("[0].decision.threshold", equalTo("PT30M"))
                .body("[0].outcome", equalTo("succeeded")));
    }

    @Test
    void listsTheBusyWorkspaceAmongTheUpcomingStops() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/api/upcoming-stops")
                .then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].workspace", equalTo(StandInResource.BUSY)));
    }

    @Test
    void refusesAMalformedLimitWithAProblemNamingTheParameter() {
        given().get("/api/decisions?limit=many")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("parameter", equalTo("limit"))
                .body("detail", equalTo("limit must be a whole number from 1 to 10000"));
    }

    @Test
    void isReadyOnceCoderAnswered() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.name", hasItem("coder")));
    }

    @Test
    void exposesStopsAndCoderCallsAsPrometheusMetrics() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("idle_reaper_stops_total{result=\"requested\"} 1.0"))
                .body(containsString("idle_reaper_coder_requests_seconds_count{endpoint=\"list_workspaces\",status=\"2xx\"}"))
                .body(containsString("idle_reaper_decisions_total{reason=\"in_use\",verdict=\"keep\"}"))
                .body(containsString("idle_reaper_workspaces_running "))
                .body(containsString("idle_reaper_sweep_seconds_count{outcome=\"success\"}")));
    }
}
