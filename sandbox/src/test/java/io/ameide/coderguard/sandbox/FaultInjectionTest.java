package io.ameide.coderguard.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.ameide.coderguard.common.coder.CoderEndpoint;

class FaultInjectionTest {

    private final CoderStandIn standIn = CoderStandIn.start();
    private final StandInClient client = new StandInClient(standIn);

    @AfterEach
    void close() {
        standIn.close();
    }

    @Test
    void answersTheInjectedStatusForTheNextRequestsThenServesNormally() {
        standIn.inject(CoderEndpoint.LIST_WORKSPACES, 2, Fault.status(503));

        assertThat(client.get("/api/v2/workspaces").status()).isEqualTo(503);
        assertThat(client.get("/api/v2/workspaces").json().path("message").asText()).isNotBlank();
        assertThat(client.get("/api/v2/workspaces").status()).isEqualTo(200);
    }

    @Test
    void sendsRetryAfterInWholeSecondsWithA429() {
        standIn.inject(CoderEndpoint.LIST_WORKSPACES, 1, Fault.tooManyRequests(Duration.ofMillis(1500)));

        StandInClient.Answer answer = client.get("/api/v2/workspaces");

        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.header("Retry-After")).isEqualTo("2");
    }

    @Test
    void delaysAnAnswerLongEnoughForAClientToTimeOut() {
        String id = standIn.workspaces().add(WorkspaceSpec.running("alice", "dev"));
        standIn.inject(CoderEndpoint.GET_WORKSPACE, 1, Fault.delay(Duration.ofSeconds(2)));

        assertThatThrownBy(() -> client.send(client.request("/api/v2/workspaces/"
                + id).timeout(Duration.ofMillis(300)).GET()))
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(HttpTimeoutException.class);
        assertThat(client.get("/api/v2/workspaces/" + id).status()).isEqualTo(200);
    }

    @Test
    void leavesOtherEndpointsAlone() {
        String id = standIn.workspaces().add(WorkspaceSpec.running("alice", "dev"));
        standIn.inject(CoderEndpoint.CREATE_WORKSPACE_BUILD, 1, Fault.status(500));

        assertThat(client.get("/api/v2/workspaces/" + id).status()).isEqualTo(200);
        assertThat(client.stop(id).status()).isEqualTo(500);
        assertThat(standIn.stopBuilds()).isEmpty();
    }
}
