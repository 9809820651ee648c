package io.ameide.coderguard.idlereaper.reaper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.ameide.coderguard.common.coder.CoderEndpoint;
import io.ameide.coderguard.idlereaper.decision.Decision;
import io.ameide.coderguard.idlereaper.decision.Reason;
import io.ameide.coderguard.idlereaper.decision.Verdict;
import io.ameide.coderguard.sandbox.Fault;
import io.ameide.coderguard.sandbox.WorkspaceSpec;

/** The reaper against the Coder stand-in: what it stops, what it leaves, and the rails around each stop. */
class ReaperTest {

    private static final Duration QUICK_JOBS = Duration.ofMillis(50);

    @Test
    void stopsTheIdleWorkspacesAndNothingElse() {
        // Jobs that outlast the test: carol's start must still be running when the sweep lists.
        try (ReaperFixture fixture = ReaperFixture.start(Duration.ofMinutes(1), "idle-reaper.exempt.owners", "erin")) {
            Instant now = fixture.coder.clock().instant();
            Instant longAgo = now.minus(Duration.ofHours(3));
            String idle = fixture.coder.workspaces().add(WorkspaceSpec.idle("bob", "idle", longAgo));
            fixture.coder.workspaces().add(WorkspaceSpec.idle("alice", "in-use", now.minusSeconds(60)));
            fixture.coder.workspaces().add(WorkspaceSpec.building("carol", "building").lastUsedAt(longAgo));
            fixture.coder.workspaces().add(WorkspaceSpec.prebuild("kubernetes", "prebuilt").lastUsedAt(longAgo));
            fixture.coder.workspaces().add(WorkspaceSpec.idle("erin", "exempt", longAgo));
            fixture.coder.workspaces().add(WorkspaceSpec.idle("dave", "dormant", longAgo).dormantAt(longAgo));
            fixture.coder.workspaces().add(WorkspaceSpec.idle("frank", "task", longAgo).appStatus("working"));
            fixture.coder.workspaces().add(WorkspaceSpec.stopped("gina", "stopped").lastUsedAt(longAgo));

            SweepResult sweep = fixture.reaper.sweep();

            assertThat(byName(sweep)).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "bob/idle", Reason.IDLE,
                    "alice/in-use", Reason.IN_USE,
                    "prebuilds/prebuilt", Reason.PREBUILD,
                    "erin/exempt", Reason.EXEMPT,
                    "dave/dormant", Reason.DORMANT,
                    "frank/task", Reason.TASK_WORKING));
            assertThat(fixture.stoppedIds()).containsExactly(idle);
        }
    }

    @Test
    void keepsARecordOfEachStopWithItsReasons() {
        try (ReaperFixture fixture = ReaperFixture.start(QUICK_JOBS)) {
            Instant lastUsed = fixture.coder.clock().instant().minus(Duration.ofMinutes(45));
            fixture.coder.workspaces().add(WorkspaceSpec.idle("bob", "idle", lastUsed).template("k8s-devbox"));

            fixture.reaper.sweep();

            await().untilAsserted(() -> assertThat(fixture.reaper.stopRecords(10)).singleElement()
                    .satisfies(record -> assertThat(record.outcome()).isEqualTo("succeeded")));
            StopRecord record = fixture.reaper.stopRecords(10).get(0);
            assertThat(record.decision().workspace()).isEqualTo("bob/idle");
            assertThat(record.decision().template()).isEqualTo("k8s-devbox");
            assertThat(record.decision().idleSince()).isEqualTo(lastUsed);
            assertThat(record.decision().threshold()).isEqualTo(Duration.ofMinutes(30));
            assertThat(record.stopBuildNumber()).isEqualTo(2);
            assertThat(fixture.counter("idle_reaper.stops", "result", "requested")).isEqualTo(1);
            assertThat(fixture.counter("idle_reaper.stops", "result", "succeeded")).isEqualTo(1);
        }
    }

    @Test
    void sweepsWithTheListPagesAndOneRequestPerStopOnly() {
        try (ReaperFixture fixture = ReaperFixture.start(QUICK_JOBS, "idle-reaper.page-size", "10",
                "idle-reaper.max-stops-in-flight", "5", "idle-reaper.stop.follow-interval", "1h")) {
            Instant now = fixture.coder.clock().instant();
            IntStream.range(0, 45).forEach(i -> fixture.coder.workspaces().add(WorkspaceSpec.idle("u" + i, "busy", now)));
            IntStream.range(0, 5).forEach(i -> fixture.coder.workspaces()
                    .add(WorkspaceSpec.idle("v" + i, "idle", now.minus(Duration.ofHours(1)))));

            fixture.reaper.sweep();

            assertThat(fixture.coder.requestCount(CoderEndpoint.LIST_WORKSPACES)).isEqualTo(6);
            assertThat(fixture.coder.requestCount(CoderEndpoint.CREATE_WORKSPACE_BUILD)).isEqualTo(5);
            assertThat(fixture.coder.requestCount(CoderEndpoint.GET_WORKSPACE)).isZero();
        }
    }

    @Test
    void stopsAWorkspaceWhenItsTimerSaysItReachedTheTimeoutWithoutWaitingForASweep() {
        try (ReaperFixture fixture = ReaperFixture.start(QUICK_JOBS, "idle-reaper.idle-timeout", "2s")) {
            String id = fixture.coder.workspaces().add(WorkspaceSpec.idle("bob", "soon", fixture.coder.clock().instant()));

            assertThat(fixture.reaper.sweep().decisions()).extracting(Decision::verdict).containsExactly(Verdict.KEEP);
            assertThat(fixture.reaper.upcomingStops()).extracting(UpcomingStop::workspaceId).containsExactly(id);

            await().atMost(Duration.ofSeconds(10)).until(() -> fixture.stoppedIds().contains(id));
            assertThat(fixture.coder.requestCount(CoderEndpoint.LIST_WORKSPACES)).isEqualTo(1);
            assertThat(fixture.coder.requestCount(CoderEndpoint.GET_WORKSPACE)).isEqualTo(1);
        }
    }

    @Test
    void warnsOncePerIdlePeriodWhenTheStopIsWithinTheLeadTime() {
        try (ReaperFixture fixture = ReaperFixture.start(QUICK_JOBS, "idle-reaper.idle-timeout", "10m",
                "idle-reaper.warning.lead-time", "5m")) {
            Instant now = fixture.coder.clock().instant();
            String soon = fixture.coder.workspaces().add(WorkspaceSpec.idle("bob", "soon", now.minus(Duration.ofMinutes(7))));
            fixture.coder.workspaces().add(WorkspaceSpec.idle("alice", "later", now.minus(Duration.ofMinutes(2))));

            fixture.reaper.sweep();
            fixture.reaper.sweep();
            assertThat(fixture.counter("idle_reaper.warnings")).isEqualTo(1);

            fixture.coder.workspaces().touch(soon, fixture.coder.clock().instant().minus(Duration.ofMinutes(6)));
            fixture.reaper.sweep();
            assertThat(fixture.counter("idle_reaper.warnings")).isEqualTo(2);
        }
    }

    @Test
    void warnsTheLeadTimeBeforeTheStopOfAWorkspaceFirstSeenLongBeforeIt() {
        try (ReaperFixture fixture = ReaperFixture.start(QUICK_JOBS, "idle-reaper.idle-timeout", "6s",
                "idle-reaper.warning.lead-time", "3s")) {
            String id = fixture.coder.workspaces().add(WorkspaceSpec.idle("bob", "later", fixture.coder.clock().instant()));

            fixture.reaper.sweep();
            assertThat(fixture.counter("idle_reaper.warnings")).isZero();

            await().atMost(Duration.ofSeconds(10)).until(() -> fixture.counter("idle_reaper.warnings") == 1);
            assertThat(fixture.stoppedIds()).doesNotContain(id);
            await().atMost(Duration.ofSeconds(10)).until(() -> fixture.stoppedIds().contains(id));
            assertThat(fixture.counter("idle_reaper.warnings")).isEqualTo(1);
            assertThat(fixture.coder.requestCount(CoderEndpoint.LIST_WORKSPACES)).isEqualTo(1);
        }
    }

    @Test
    void keepsAWorkspaceUsedBeforeItsTimerFiredAndSetsTheTimerAgain() {
        try (ReaperFixture fixture = ReaperFixture.start(QUICK_JOBS, "idle-reaper.idle-timeout", "2s")) {
            Instant start = fixture.coder.clock().instant();
            String id = fixture.coder.workspaces().add(WorkspaceSpec.idle("bob", "used", start));
            fixture.reaper.sweep();

            Instant usedAt = start.plusMillis(1500);
            fixture.coder.workspaces().touch(id, usedAt);

            await().atMost(Duration.ofSeconds(10)).until(() -> fixture.coder.requestCount(CoderEndpoint.GET_WORKSPACE) >= 1);
            await().untilAsserted(() -> assertThat(fixture.reaper.upcomingStops())
                    .containsExactly(new UpcomingStop(id, "bob/used", usedAt.plusSeconds(2))));
            assertThat(fixture.coder.stopBuilds()).isEmpty();
        }
    }

    @Test
    void holdsStopsBeyondTheInFlightLimitUntilASlotFrees() {
        try (ReaperFixture fixture = ReaperFixture.start(Duration.ofMillis(300), "idle-reaper.max-stops-in-flight", "3")) {
            Instant longAgo = fixture.coder.clock().instant().minus(Duration.ofHours(2));
            List<String> ids = IntStream.range(0, 8)
                    .mapToObj(i -> fixture.coder.workspaces().add(WorkspaceSpec.idle("u" + i, "idle", longAgo)))
                    .toList();

            fixture.coder.provisioners(0);
            fixture.reaper.sweep();

            assertThat(fixture.stoppedIds()).hasSize(3);
            fixture.coder.provisioners(3);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(fixture.stoppedIds())
                    .containsExactlyInAnyOrderElementsOf(ids));
            await().untilAsserted(() -> assertThat(fixture.counter("idle_reaper.stops", "result", "succeeded")).isEqualTo(8));
        }
    }

    /**
     * With one slot, three workspaces idle at the sweep queue up. A fourth reaches the timeout while the third waits;
     * each fresh look takes a second, long enough for the fourth's look to end first. The fourth still goes last.
     */
    @Test
    void servesWaitingStopsFirstComeFirstServed() {
        try (ReaperFixture fixture = ReaperFixture.start(Duration.ofMillis(1500), "idle-reaper.max-stops-in-flight", "1",
                "idle-reaper.idle-timeout", "3700ms")) {
            Instant now = fixture.coder.clock().instant();
            List<String> idleAtTheSweep = IntStream.range(0, 3)
                    .mapToObj(i -> fixture.coder.workspaces().add(WorkspaceSpec.idle("u" + i, "idle", now.minusSeconds(60))))
                    .toList();
            String idleLater = fixture.coder.workspaces().add(WorkspaceSpec.idle("late", "idle", now));
            fixture.coder.inject(CoderEndpoint.GET_WORKSPACE, 10, Fault.delay(Duration.ofSeconds(1)));

            fixture.reaper.sweep();

            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.stoppedIds().size() == 4);
            assertThat(fixture.stoppedIds()).containsExactly(idleAtTheSweep.get(0), idleAtTheSweep.get(1),
                    idleAtTheSweep.get(2), idleLater);
        }
    }

    @Test
    void neverRequestsASecondStopForTheSameIdlePeriodInDryRun() {
        try (ReaperFixture fixture = ReaperFixture.start(QUICK_JOBS, "idle-reaper.dry-run", "true")) {
            Instant longAgo = fixture.coder.clock().instant().minus(Duration.ofHours(2));
            fixture.coder.workspaces().add(WorkspaceSpec.idle("bob", "idle", longAgo));

            Decision first = fixture.reaper.sweep().decisions().get(0);
            Decision second = fixture.reaper.sweep().decisions().get(0);

            assertThat(first.verdict()).isEqualTo(Verdict.STOP);
            assertThat(second.reason()).isEqualTo(Reason.STOP_ALREADY_REQUESTED);
            assertThat(fixture.coder.stopBuilds()).isEmpty();
            assertThat(fixture.reaper.stopRecords(10)).extracting(StopRecord::outcome).containsExactly("dry_run");
        }
    }

    @Test
    void skipsAStopThatMeetsAnActiveBuildAndDoesNotRetryIt() {
        try (ReaperFixture fixture = ReaperFixture.start(QUICK_JOBS)) {
            Instant longAgo = fixture.coder.clock().instant().minus(Duration.ofHours(2));
            fixture.coder.workspaces().add(WorkspaceSpec.idle("dune", "kestrel", longAgo));
            fixture.coder.inject(CoderEndpoint.CREATE_WORKSPACE_BUILD, 1, Fault.status(409));

            fixture.reaper.sweep();

            assertThat(fixture.coder.requestCount(CoderEndpoint.CREATE_WORKSPACE_BUILD)).isEqualTo(1);
            assertThat(fixture.coder.stopBuilds()).isEmpty();
            assertThat(fixture.counter("idle_reaper.stops", "result", "build_active")).isEqualTo(1);
            assertThat(fixture.reaper.stopRecords(10)).isEmpty();
        }
    }

    @Test
    void backsOffAfterAFailedStopInsteadOfRetryingInATightLoop() {
        try (ReaperFixture fixture = ReaperFixture.start(QUICK_JOBS, "idle-reaper.stop.retry-initial-delay", "1s")) {
            Instant longAgo = fixture.coder.clock().instant().minus(Duration.ofHours(2));
            String id = fixture.coder.workspaces().add(WorkspaceSpec.idle("bob", "idle", longAgo));
            fixture.coder.inject(CoderEndpoint.CREATE_WORKSPACE_BUILD, 1, Fault.status(500));

            fixture.reaper.sweep();
            fixture.reaper.sweep();

            assertThat(fixture.coder.requestCount(CoderEndpoint.CREATE_WORKSPACE_BUILD)).isEqualTo(1);
            assertThat(fixture.reaper.stopRecords(10)).extracting(StopRecord::outcome).containsExactly("failed");
            await().atMost(Duration.ofSeconds(10)).until(() -> fixture.stoppedIds().contains(id));
            assertThat(fixture.coder.requestCount(CoderEndpoint.CREATE_WORKSPACE_BUILD)).isEqualTo(2);
        }
    }

    @Test
    void shutsDownWithoutAStopHalfSentAndStartsNoNewOne() throws Exception {
        try (ReaperFixture fixture = ReaperFixture.start(QUICK_JOBS)) {
            Instant longAgo = fixture.coder.clock().instant().minus(Duration.ofHours(2));
            fixture.coder.workspaces().add(WorkspaceSpec.idle("a", "first", longAgo));
            fixture.coder.workspaces().add(WorkspaceSpec.idle("b", "second", longAgo));
            fixture.coder.inject(CoderEndpoint.CREATE_WORKSPACE_BUILD, 1, Fault.delay(Duration.ofSeconds(1)));
            Thread sweep = new Thread(fixture.reaper::sweep);
            sweep.start();
            await().until(() -> fixture.coder.requestCount(CoderEndpoint.CREATE_WORKSPACE_BUILD) == 1);

            fixture.reaper.close();

            assertThat(fixture.reaper.stopRecords(10)).extracting(StopRecord::outcome).containsExactly("requested");
            sweep.join(Duration.ofSeconds(5).toMillis());
            assertThat(fixture.coder.stopBuilds()).hasSize(1);
            assertThat(fixture.coder.requestCount(CoderEndpoint.CREATE_WORKSPACE_BUILD)).isEqualTo(1);
        }
    }

    @Test
    void stopsAndRecordsAWorkspaceIdleSinceAnAncientDate() {
        try (ReaperFixture fixture = ReaperFixture.start(QUICK_JOBS)) {
            Instant ancient = Instant.parse("1500-01-01T00:00:00Z");
            String id = fixture.coder.workspaces().add(WorkspaceSpec.idle("old", "timer", ancient));
            String other = fixture.coder.workspaces()
                    .add(WorkspaceSpec.idle("zed", "idle", fixture.coder.clock().instant().minus(Duration.ofHours(1))));

            fixture.reaper.sweep();

            assertThat(fixture.stoppedIds()).containsExactlyInAnyOrder(id, other);
            assertThat(fixture.reaper.stopRecords(10)).extracting(StopRecord::outcome).hasSize(2)
                    .isSubsetOf("requested", "succeeded");
        }
    }

    @Test
    void leavesEverythingAsItWasWhenCoderCannotListWorkspaces() {
        try (ReaperFixture fixture = ReaperFixture.start(QUICK_JOBS, "idle-reaper.coder.max-attempts", "2")) {
            fixture.coder.workspaces().add(WorkspaceSpec.idle("bob", "idle", Instant.EPOCH));
            fixture.coder.inject(CoderEndpoint.LIST_WORKSPACES, 2, Fault.status(503));

            assertThatThrownBy(fixture.reaper::sweep)
                    .hasMessageContaining("status 503");

            assertThat(fixture.coder.stopBuilds()).isEmpty();
            assertThat(fixture.registry.find("idle_reaper.sweep").tags("outcome", "failure").timer().count()).isEqualTo(1);
        }
    }

    private static Map<String, Reason> byName(SweepResult sweep) {
        return sweep.decisions().stream().collect(Collectors.toMap(Decision::workspace, Decision::reason,
                (a, b) -> a, TreeMap::new));
    }
}
