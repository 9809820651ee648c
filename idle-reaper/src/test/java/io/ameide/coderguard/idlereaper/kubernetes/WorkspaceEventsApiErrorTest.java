package io.ameide.coderguard.idlereaper.kubernetes;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ameide.coderguard.idlereaper.decision.Decision;
import io.ameide.coderguard.idlereaper.decision.Reason;
import io.ameide.coderguard.idlereaper.decision.Verdict;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

/** An API server that refuses or fails never reaches the reaper's caller: the Event is counted as failed, and that is all. */
@EnableKubernetesMockClient
class WorkspaceEventsApiErrorTest {

    private static final String ID = "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    private static final String EVENTS = "/api/v1/namespaces/coder-workspaces/events";
    private static final ObjectReference DEPLOYMENT = new ObjectReferenceBuilder().withApiVersion("apps/v1")
            .withKind("Deployment").withNamespace("coder-workspaces").withName("coder-" + ID).withUid("u-1").build();

    KubernetesClient client;
    KubernetesMockServer server;
    private final RecordingListener listener = new RecordingListener();
    private WorkspaceEvents events;

    private KubernetesClient impatient;

    /** The client retries a 5xx with back-off, for seconds; the outcome is the same, so the test does not wait for it. */
    @BeforeEach
    void recorder() {
        impatient = new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0).build()).build();
        events = new WorkspaceEvents(impatient, id -> Optional.of(DEPLOYMENT), Clock.systemUTC(), listener, "idle-reaper-0");
    }

    @AfterEach
    void close() {
        events.close();
        impatient.close();
    }

    @Test
    void aForbiddenWriteIsCountedAndNeverThrown() {
        String name = WorkspaceEvents.eventName(DEPLOYMENT, EventReason.IDLE_STOPPED, "3@2026-12-04T12:30:00Z");
        server.expect().get().withPath(EVENTS + "/" + name).andReturn(404, "").always();
        server.expect().post().withPath(EVENTS).andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"reason\":\"Forbidden\"}")
                .always();

        assertThatCode(() -> events.stopped(stop(), false)).doesNotThrowAnyException();

        await().atMost(Duration.ofSeconds(5)).until(() -> listener.events.contains("idle_stopped:failed"));
    }

    @Test
    void aFailingApiServerIsCountedAndNeverThrown() {
        server.expect().get().withPath(EVENTS + "/" + WorkspaceEvents.eventName(DEPLOYMENT, EventReason.IDLE_STOP_SCHEDULED,
                "3@2026-12-04T12:30:00Z")).andReturn(500, "{\"kind\":\"Status\",\"code\":500}").always();

        assertThatCode(() -> events.warnBeforeStop(new Decision(ID, "bob/forgotten", "bob", "devcontainer", Verdict.KEEP,
                Reason.IN_USE, "idle", 3, Instant.now(), Instant.parse("2026-12-04T12:30:00Z"), Duration.ofMinutes(25),
                Duration.ofMinutes(30), Instant.parse("2026-12-04T13:00:00Z"), null))).doesNotThrowAnyException();

        await().atMost(Duration.ofSeconds(5)).until(() -> listener.events.contains("idle_stop_scheduled:failed"));
    }

    private static Decision stop() {
        Instant idleSince = Instant.parse("2026-12-04T12:30:00Z");
        return new Decision(ID, "bob/forgotten", "bob", "devcontainer", Verdict.STOP, Reason.IDLE,
                "idle for 30m (threshold 30m) since " + idleSince, 3, Instant.now(), idleSince, Duration.ofMinutes(30),
                Duration.ofMinutes(30), idleSince.plus(Duration.ofMinutes(30)), null);
    }
}
