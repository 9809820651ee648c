package io.ameide.coderguard.common.coder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.ameide.coderguard.common.coder.TestClients.LongestWait;
import io.ameide.coderguard.common.coder.TestClients.NoWait;
import io.ameide.coderguard.common.coder.contract.CoderSamples;
import io.ameide.coderguard.common.coder.contract.ScriptedCoderServer;
import io.ameide.coderguard.common.coder.contract.ScriptedCoderServer.Answer;
import io.ameide.coderguard.common.coder.contract.ScriptedCoderServer.RecordedRequest;

/**
 * Which failures the client sends again, how long it waits in between, and when it gives up. GETs are retried
 * on any transient failure; a POST, which creates a build, only when Coder refused it unprocessed (429).
 */
class CoderClientRetryTest {

    private static final String WORKSPACE_ID = CoderSamples.idFor("dev");
    private static final String WORKSPACE_PATH = "/api/v2/workspaces/" + WORKSPACE_ID;
    private static final String BUILDS_PATH = WORKSPACE_PATH + "/builds";
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);
    private static final RetryPolicy BACKOFF = new RetryPolicy(4, Duration.ofMillis(20), Duration.ofMillis(50));

    private final ScriptedCoderServer coder = ScriptedCoderServer.start();

    @AfterEach
    void stopCoder() {
        coder.close();
    }

    @Test
    void retriesAGetAfter500And503WithGrowingBackoffThenReturnsTheAnswer() {
        coder.enqueue("GET", WORKSPACE_PATH,
                Answer.coderError(500, "Internal error fetching workspace.", "database: connection reset"),
                Answer.coderError(503, "Service unavailable.", null),
                Answer.json(CoderSamples.workspace("dev").toString()));
        LongestWait random = new LongestWait();

        CoderClient client = TestClients.client(coder, BACKOFF, TestClients.REQUEST_TIMEOUT, random);

        var workspace = client.getWorkspace(WORKSPACE_ID);

        assertThat(workspace).isPresent();
        assertThat(random.caps()).containsExactly(Duration.ofMillis(20), Duration.ofMillis(40));
        assertThat(pausesBetween(coder.requests())).satisfiesExactly(
                first -> assertThat(first).isGreaterThanOrEqualTo(Duration.ofMillis(20)),
                second -> assertThat(second).isGreaterThanOrEqualTo(Duration.ofMillis(40)));
    }

    @Test
    void retriesAGetThatTimedOut() {
        coder.enqueue("GET", WORKSPACE_PATH, Answer.hang(), Answer.json(CoderSamples.workspace("dev").toString()));

        var workspace = TestClients.client(coder, TestClients.QUICK_RETRY, SHORT_TIMEOUT, new NoWait())
                .getWorkspace(WORKSPACE_ID);

        assertThat(workspace).isPresent();
        assertThat(coder.requests()).hasSize(2);
    }

    @Test
    void givesUpAfterTheLastAttemptWithCodersMessageAndDetail() {
        Answer unavailable = Answer.coderError(503, "Internal error fetching workspace.", "database: down");
        coder.enqueue("GET", WORKSPACE_PATH, unavailable, unavailable, unavailable, unavailable);
        CoderClient client = TestClients.client(coder, BACKOFF, TestClients.REQUEST_TIMEOUT, new NoWait());

        CoderApiException failed = failureOf(() -> client.getWorkspace(WORKSPACE_ID));

        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.isTransient()).isTrue();
        assertThat(failed.getMessage())
                .contains("Internal error fetching workspace.")
                .contains("database: down");
        assertThat(coder.requests()).hasSize(BACKOFF.maxAttempts());
    }

    @Test
    void waitsAsLongAsRetryAfterAsksBeforeRetryingARateLimitedGet() {
        RetryPolicy patient = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(300));
        coder.enqueue("GET", WORKSPACE_PATH,
                Answer.coderError(429, "You've been rate limited.", null).withHeader("Retry-After", "1"),
                Answer.json(CoderSamples.workspace("dev").toString()));

        var workspace = TestClients.client(coder, patient, TestClients.REQUEST_TIMEOUT, new NoWait())
                .getWorkspace(WORKSPACE_ID);

        assertThat(workspace).isPresent();
        // The backoff alone would not wait at all; Retry-After's second, capped at maxDelay, is what was waited.
        assertThat(pausesBetween(coder.requests())).singleElement()
                .satisfies(pause -> assertThat(pause).isGreaterThanOrEqualTo(Duration.ofMillis(300)));
    }

    @Test
    void retriesARateLimitedPostBecauseCoderDidNotProcessIt() {
        coder.enqueue("POST", BUILDS_PATH,
                Answer.coderError(429, "You've been rate limited.", null).withHeader("Retry-After", "0"),
                Answer.json(201, CoderSamples.workspaceBuild(WORKSPACE_ID, "dev", "stop", "pending").toString()));

        var build = TestClients.client(coder).createStopBuild(WORKSPACE_ID);

        assertThat(build.workspaceId()).isEqualTo(WORKSPACE_ID);
        assertThat(coder.requests("POST", BUILDS_PATH)).hasSize(2);
    }

    @Test
    void doesNotRetryAPostThatFailedWith500() {
        coder.enqueue("POST", BUILDS_PATH, Answer.coderError(500, "Internal error creating build.", null));
        CoderClient client = TestClients.client(coder);

        CoderApiException failed = failureOf(() -> client.createStopBuild(WORKSPACE_ID));

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.getMessage()).contains("Internal error creating build.");
        assertThat(coder.requests("POST", BUILDS_PATH)).hasSize(1);
    }

    @Test
    void doesNotRetryAPostThatTimedOutBecauseItMayHaveCreatedTheBuild() {
        coder.enqueue("POST", BUILDS_PATH, Answer.hang());
        CoderClient client = TestClients.client(coder, TestClients.QUICK_RETRY, SHORT_TIMEOUT, new NoWait());

        CoderApiException failed = failureOf(() -> client.createStopBuild(WORKSPACE_ID));

        assertThat(failed.status()).isZero();
        assertThat(coder.requests("POST", BUILDS_PATH)).hasSize(1);
    }

    @Test
    void givesUpPromptlyWhenCoderDoesNotAnswerWithinTheRequestTimeout() {
        coder.enqueue("GET", WORKSPACE_PATH, Answer.hang());
        CoderClient client = TestClients.client(coder, RetryPolicy.NONE, SHORT_TIMEOUT, new NoWait());

        CoderApiException failed = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> failureOf(() -> client.getWorkspace(WORKSPACE_ID)));

        assertThat(failed.status()).isZero();
        assertThat(failed.isTransient()).isTrue();
        assertThat(failed).hasCauseInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void givesUpPromptlyWhenTheBodyStopsComingWithinTheRequestTimeout() {
        coder.enqueue("GET", WORKSPACE_PATH, Answer.stalledBody("{\"id\":\"" + WORKSPACE_ID + "\","));
        CoderClient client = TestClients.client(coder, RetryPolicy.NONE, SHORT_TIMEOUT, new NoWait());

        CoderApiException failed = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> failureOf(() -> client.getWorkspace(WORKSPACE_ID)));

        assertThat(failed.status()).isZero();
        assertThat(failed).hasCauseInstanceOf(HttpTimeoutException.class);
    }

    /** The time from each request's arrival to the next one's: the client's pause plus one exchange. */
    private static List<Duration> pausesBetween(List<RecordedRequest> requests) {
        return IntStream.range(1, requests.size())
                .mapToObj(i -> Duration.ofNanos(requests.get(i).receivedNanos()
                        - requests.get(i - 1).receivedNanos()))
                .toList();
    }

    private static CoderApiException failureOf(ThrowingCallable call) {
        return catchThrowableOfType(call, CoderApiException.class);
    }
}
