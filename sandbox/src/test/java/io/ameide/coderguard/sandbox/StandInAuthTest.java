package io.ameide.coderguard.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.ameide.coderguard.sandbox.StandInClient.Answer;

class StandInAuthTest {

    private static final String SIGNED_OUT = "You are signed out or your session has expired."
            + " Please sign in again to continue.";

    private final CoderStandIn standIn = CoderStandIn.start();

    @AfterEach
    void close() {
        standIn.close();
    }

    @Test
    void refusesARequestWithoutTokenWithCodersSignedOutBody() {
        Answer answer = new StandInClient(standIn.baseUrl(), null).get("/api/v2/workspaces");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().path("message").asText()).isEqualTo(SIGNED_OUT);
        assertThat(answer.json().path("detail").asText()).isEqualTo(TokenCheck.NO_TOKEN);
        assertThat(answer.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
    }

    @Test
    void refusesAWrongToken() {
        Answer answer = new StandInClient(standIn.baseUrl(),
                "abcdefghij-wrongwrongwrongwrongwr").get("/api/v2/workspaces");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.json().path("message").asText()).isEqualTo(SIGNED_OUT);
        assertThat(answer.json().path("detail").asText()).isEqualTo(TokenCheck.WRONG_TOKEN);
    }

    @Test
    void acceptsTheTokenAsAnAuthorizationBearer() {
        StandInClient anonymous = new StandInClient(standIn.baseUrl(), null);

        Answer answer = anonymous.send(anonymous.request("/api/v2/workspaces")
                .header("Authorization", "Bearer " + standIn.token())
                .GET());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("count").asInt()).isEqualTo(0);
    }

    @Test
    void answersBuildInfoWithoutAToken() {
        Answer answer = new StandInClient(standIn.baseUrl(), null).get("/api/v2/buildinfo");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("version").asText()).isEqualTo("v2.36.1-sandbox");
    }

    @Test
    void generatesTokensInCodersShape() {
        assertThat(standIn.token()).matches("[A-Za-z0-9]{10}-[A-Za-z0-9]{22}");
    }
}
