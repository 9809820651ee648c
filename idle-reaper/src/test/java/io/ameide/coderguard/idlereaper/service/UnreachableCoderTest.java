package io.ameide.coderguard.idlereaper.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With nothing listening where Coder should be, the service stays up, not ready, and says why. */
@QuarkusTest
@TestProfile(UnreachableCoderTest.NothingListening.class)
class UnreachableCoderTest {

    @Test
    void reportsNotReadyWithTheReason() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/ready")
                .then().statusCode(503)
                .body("checks.find { it.name == 'coder' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'coder' }.data.latest", containsString("list_workspaces got no answer")));
    }

    @Test
    void countsTheFailedSweeps() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("idle_reaper_sweep_seconds_count{outcome=\"failure\"}"))
                .body(containsString(
                        "idle_reaper_coder_requests_seconds_count{endpoint=\"list_workspaces\",status=\"none\"}")));
    }

    public static class NothingListening implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "idle-reaper.coder.url", "http://127.0.0.1:" + freePort(),
                    "idle-reaper.coder.token", "unused-token",
                    "idle-reaper.coder.max-attempts", "1",
                    "idle-reaper.sweep-interval", "1s");
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
