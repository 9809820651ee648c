package io.ameide.coderguard.idlereaper.reaper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ameide.coderguard.common.coder.contract.CoderSamples;
import io.ameide.coderguard.common.coder.contract.ScriptedCoderServer;
import io.ameide.coderguard.common.coder.contract.ScriptedCoderServer.Answer;
import io.ameide.coderguard.common.coder.contract.ScriptedCoderServer.RecordedRequest;
import io.ameide.coderguard.idlereaper.decision.Reason;
import io.ameide.coderguard.idlereaper.decision.Verdict;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The reaper against a scripted Coder that answers what a real one should not: the stop paths no stand-in reaches. */
class ReaperAgainstScriptedCoderTest {

    private static final String ID = CoderSamples.idFor("dev");
    private static final String BUILDS = "/api/v2/workspaces/" + ID + "/builds";
    private static final Instant LAST_USED = Instant.now().minus(Duration.ofHours(2));

    private final ScriptedCoderServer coder = ScriptedCoderServer.start();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Reaper reaper;

    @AfterEach
    void close() {
        if (reaper != null) {
            reaper.close();
        }
        coder.close();
    }

    @Test
    void recordsAStopWhoseAnswerNamesNoBuildAndNeverSendsASecondForThatPeriod() {
        assertStopRecordedOnceUnfollowed(Answer.json(201, "{\"build_number\":2,\"transition\":\"stop\"}"),
                "Coder's answer named no build, so the stop is not followed");
    }

    @Test
    void waitsTwoRequestTimeoutsAndLooksAfreshBeforeTryingAStopThatGotNoAnswer() {
        coder.respond("GET", "/api/v2/workspaces", request -> Answer.json(idlePage()));
        coder.respond("GET", "/api/v2/workspaces/" + ID, request -> Answer.json(idleWorkspace().toString()));
        coder.enqueue("POST", BUILDS, Answer.hang(), Answer.json(201, CoderSamples.workspaceBuild(ID, "dev", "stop", "pending")
                .toString()));
        reaper = ReaperFixture.reaper(coder.baseUrl(), "k3Jx9QvT2a-Zr8mW4pLs7nYc1dHf6bGe", registry,
                ReaperFixture.pairs("idle-reaper.coder.request-timeout", "300ms", "idle-reaper.stop.retry-initial-delay",
                        "10ms"));

        reaper.sweep();
        await().atMost(Duration.ofSeconds(10)).until(() -> coder.requests("POST", BUILDS).size() == 2);

        List<RecordedRequest> posts = coder.requests("POST", BUILDS);
        assertThat(Duration.ofNanos(posts.get(1).receivedNanos() - posts.get(0).receivedNanos()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(300 + 600));
        assertThat(coder.requests("GET", "/api/v2/workspaces/" + ID)).isNotEmpty();
    }

    @Test
    void recordsAStopWhoseAcceptingAnswerCannotBeReadAndNeverSendsASecondForThatPeriod() {
        assertStopRecordedOnceUnfollowed(Answer.text(201, "application/json", "{\"id\": \"b1"),
                "Coder accepted the stop but its answer could not be read: Coder POST /api/v2/workspaces/{workspace}/builds"
                        + " failed with status 201: Coder's response could not be read");
    }

    @Test
    void looksAfreshBeforeStoppingWhenTheListingTookLongerThanFiveSeconds() {
        coder.respond("GET", "/api/v2/workspaces", request -> slowly(Answer.json(idlePage())));
        ObjectNode usedMeanwhile = idleWorkspace().put("last_used_at", Instant.now().plusSeconds(5).toString());
        coder.respond("GET", "/api/v2/workspaces/" + ID, request -> Answer.json(usedMeanwhile.toString()));
        reaper = ReaperFixture.reaper(coder.baseUrl(), "k3Jx9QvT2a-Zr8mW4pLs7nYc1dHf6bGe", registry, Map.of());

        var listed = reaper.sweep().decisions().get(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> !coder.requests("GET", "/api/v2/workspaces/" + ID).isEmpty());

        assertThat(listed.verdict()).isEqualTo(Verdict.STOP);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> assertThat(reaper.upcomingStops()).extracting(UpcomingStop::workspaceId).containsExactly(ID));
        assertThat(coder.requests("POST", BUILDS)).isEmpty();
    }

    /**
     * Coder accepts the stop with {@code answer}, which names no build to follow: the request is recorded with
     * {@code why}, its slot given back, and the idle period never stopped a second time.
     */
    private void assertStopRecordedOnceUnfollowed(Answer answer, String why) {
        coder.respond("GET", "/api/v2/workspaces", request -> Answer.json(idlePage()));
        coder.enqueue("POST", BUILDS, answer);
        reaper = ReaperFixture.reaper(coder.baseUrl(), "k3Jx9QvT2a-Zr8mW4pLs7nYc1dHf6bGe", registry, Map.of());

        reaper.sweep();
        var second = reaper.sweep().decisions().get(0);

        assertThat(coder.requests("POST", BUILDS)).hasSize(1);
        assertThat(reaper.stopRecords(10)).singleElement().satisfies(record -> {
            assertThat(record.outcome()).isEqualTo("requested");
            assertThat(record.error()).startsWith(why);
        });
        assertThat(second.reason()).isEqualTo(Reason.STOP_ALREADY_REQUESTED);
        assertThat(registry.find("idle_reaper.stops.in.flight").gauge().value()).isZero();
    }

    /** Coder answering a list after the reaper's freshness bound: a fleet large enough, or a Coder slow enough. */
    private static Answer slowly(Answer answer) {
        try {
            Thread.sleep(Reaper.FRESH.plusMillis(300).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return answer;
    }

    private static String idlePage() {
        return CoderSamples.workspacesResponse(1, List.of(idleWorkspace())).toString();
    }

    private static ObjectNode idleWorkspace() {
        ObjectNode workspace = CoderSamples.workspace("dev");
        workspace.put("last_used_at", LAST_USED.toString());
        return workspace;
    }
}
