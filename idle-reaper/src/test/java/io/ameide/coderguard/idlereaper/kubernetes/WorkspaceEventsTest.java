package io.ameide.coderguard.idlereaper.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ameide.coderguard.idlereaper.decision.Decision;
import io.ameide.coderguard.idlereaper.decision.Reason;
import io.ameide.coderguard.idlereaper.decision.Verdict;
import io.ameide.coderguard.sandbox.kubernetes.WorkspaceObjects;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

/** The reaper's warnings and stops, written as Events where an SRE looks: on the workspace's Deployment. */
@EnableKubernetesMockClient(crud = true)
class WorkspaceEventsTest {

    private static final String ID = "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    private static final Instant NOW = Instant.parse("2026-12-04T13:00:00Z");
    private static final Instant IDLE_SINCE = Instant.parse("2026-12-04T12:30:00Z");

    KubernetesClient client;
    private WorkspaceObjects cluster;
    private final RecordingListener listener = new RecordingListener();
    private WorkspacePods pods;
    private WorkspaceEvents events;

    @BeforeEach
    void watch() {
        cluster = new WorkspaceObjects(client);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        pods = new WorkspacePods(client, List.of(WorkspaceObjects.NAMESPACE), "app.kubernetes.io/name=coder-workspace", clock,
                hint -> {
                }, listener);
        events = new WorkspaceEvents(client, pods::eventTarget, clock, listener, "idle-reaper-0");
    }

    @AfterEach
    void stop() {
        events.close();
        pods.close();
    }

    @Test
    void warnsOnTheWorkspaceDeploymentBeforeTheStop() throws Exception {
        cluster.envbuilderTemplate(ID, "bob", "forgotten", true);
        start();

        events.warnBeforeStop(keep(IDLE_SINCE, Duration.ofMinutes(25)));

        Event event = awaitOneEvent();
        assertThat(event.getType()).isEqualTo("Warning");
        assertThat(event.getReason()).isEqualTo("IdleStopScheduled");
        assertThat(event.getInvolvedObject().getKind()).isEqualTo("Deployment");
        assertThat(event.getInvolvedObject().getName()).isEqualTo("coder-" + ID);
        assertThat(event.getMessage()).isEqualTo("The idle-reaper will stop workspace bob/forgotten at 2026-12-04T13:00:00Z"
                + " unless it is used before then: idle for 25m (threshold 30m) since 2026-12-04T12:30:00Z. Coder has no"
                + " autostop for it (no TTL), so Coder sends its owner no reminder.");
        assertThat(event.getReportingComponent()).isEqualTo("idle-reaper");
        assertThat(event.getMetadata().getLabels()).containsEntry("com.coder.workspace.id", ID);
    }

    @Test
    void recordsTheStopOnTheDeploymentWithTheReasonInWords() throws Exception {
        cluster.kubernetesTemplate(ID, "bob", "forgotten", true);
        start();

        events.stopped(stop(IDLE_SINCE), false);

        Event event = awaitOneEvent();
        assertThat(event.getType()).isEqualTo("Normal");
        assertThat(event.getReason()).isEqualTo("IdleStopped");
        assertThat(event.getInvolvedObject().getKind()).isEqualTo("Deployment");
        assertThat(event.getMessage()).isEqualTo("The idle-reaper asked Coder to stop workspace bob/forgotten, idle for 30m"
                + " (threshold 30m) since 2026-12-04T12:30:00Z.");
        assertThat(event.getCount()).isEqualTo(1);
        assertThat(listener.events).containsExactly("idle_stopped:created");
    }

    @Test
    void countsARepeatOnTheSameEventRatherThanWritingAnother() throws Exception {
        cluster.envbuilderTemplate(ID, "bob", "forgotten", true);
        start();

        events.warnBeforeStop(keep(IDLE_SINCE, Duration.ofMinutes(25)));
        events.warnBeforeStop(keep(IDLE_SINCE, Duration.ofMinutes(26)));
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.events.size() == 2);

        assertThat(events()).singleElement().satisfies(event -> {
            assertThat(event.getCount()).isEqualTo(2);
            assertThat(event.getMessage()).contains("idle for 26m");
        });
        assertThat(listener.events).containsExactly("idle_stop_scheduled:created", "idle_stop_scheduled:updated");
    }

    @Test
    void writesAFreshEventForANewIdlePeriod() throws Exception {
        cluster.envbuilderTemplate(ID, "bob", "forgotten", true);
        start();

        events.warnBeforeStop(keep(IDLE_SINCE, Duration.ofMinutes(25)));
        events.warnBeforeStop(keep(IDLE_SINCE.plus(Duration.ofHours(2)), Duration.ofMinutes(25)));
        await().atMost(Duration.ofSeconds(5)).until(() -> listener.events.size() == 2);

        assertThat(events()).hasSize(2).allSatisfy(event -> assertThat(event.getCount()).isEqualTo(1));
    }

    @Test
    void recordsOnThePodWhenTheWorkspaceHasNoDeployment() throws Exception {
        cluster.barePod(ID, true);
        start();
        await().atMost(Duration.ofSeconds(5)).until(() -> pods.runningPods().size() == 1);

        events.stopped(stop(IDLE_SINCE), false);

        Event event = awaitOneEvent();
        assertThat(event.getInvolvedObject().getKind()).isEqualTo("Pod");
        assertThat(event.getInvolvedObject().getName()).startsWith("coder-bare-");
    }

    @Test
    void marksAStopInDryRunAsOneThatDidNotHappen() throws Exception {
        cluster.envbuilderTemplate(ID, "bob", "forgotten", true);
        start();

        events.stopped(stop(IDLE_SINCE), true);

        Event event = awaitOneEvent();
        assertThat(event.getReason()).isEqualTo("IdleStopDryRun");
        assertThat(event.getMessage()).startsWith("[dry-run] The idle-reaper would have asked Coder to stop workspace"
                + " bob/forgotten, idle for 30m").endsWith("it was left running.");
    }

    @Test
    void writesNothingForAWorkspaceThatHasNoKubernetesObjects() throws Exception {
        start();

        events.stopped(stop(IDLE_SINCE), false);

        await().atMost(Duration.ofSeconds(5)).until(() -> listener.events.contains("idle_stopped:no_target"));
        assertThat(events()).isEmpty();
    }

    @Test
    void keepsALongMessageWithinItsBound() throws Exception {
        cluster.envbuilderTemplate(ID, "bob", "forgotten", true);
        start();
        Decision decision = stop(IDLE_SINCE);
        String longWhy = "x".repeat(5000);

        events.stopped(new Decision(ID, decision.workspace(), "bob", "devcontainer", Verdict.STOP, Reason.IDLE, longWhy, 3, NOW,
                IDLE_SINCE, Duration.ofMinutes(30), Duration.ofMinutes(30), NOW, null), false);

        assertThat(awaitOneEvent().getMessage()).hasSize(WorkspaceEvents.MAX_MESSAGE).endsWith("…");
    }

    private void start() throws Exception {
        pods.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private List<Event> events() {
        return client.v1().events().inNamespace(WorkspaceObjects.NAMESPACE).list().getItems();
    }

    private Event awaitOneEvent() {
        await().atMost(Duration.ofSeconds(5)).until(() -> events().size() == 1);
        return events().get(0);
    }

    private static Decision keep(Instant idleSince, Duration idleFor) {
        return new Decision(ID, "bob/forgotten", "bob", "devcontainer", Verdict.KEEP, Reason.IN_USE,
                "idle for " + idleFor.toMinutes() + "m (threshold 30m) since " + idleSince, 3, idleSince.plus(idleFor),
                idleSince,
                idleFor, Duration.ofMinutes(30), idleSince.plus(Duration.ofMinutes(30)), null);
    }

    private static Decision stop(Instant idleSince) {
        return new Decision(ID, "bob/forgotten", "bob", "devcontainer", Verdict.STOP, Reason.IDLE,
                "idle for 30m (threshold 30m) since " + idleSince, 3, NOW, idleSince, Duration.ofMinutes(30),
                Duration.ofMinutes(30), idleSince.plus(Duration.ofMinutes(30)), null);
    }
}
