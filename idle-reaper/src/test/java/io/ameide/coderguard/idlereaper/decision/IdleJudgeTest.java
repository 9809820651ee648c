package io.ameide.coderguard.idlereaper.decision;

import static io.ameide.coderguard.idlereaper.decision.TestWorkspaces.ID;
import static io.ameide.coderguard.idlereaper.decision.TestWorkspaces.build;
import static io.ameide.coderguard.idlereaper.decision.TestWorkspaces.running;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.ameide.coderguard.common.coder.model.JobStatus;
import io.ameide.coderguard.common.coder.model.Transition;
import io.ameide.coderguard.common.coder.model.Workspace;

class IdleJudgeTest {

    private static final Instant NOW = Instant.parse("2026-12-04T14:00:00Z");
    private static final Instant LONG_AGO = NOW.minus(Duration.ofHours(5));
    private static final IdleJudge JUDGE = new IdleJudge(new IdlePolicy(Duration.ofMinutes(30), Exemptions.NONE));

    @Test
    void stopsAWorkspaceIdleForExactlyTheTimeout() {
        Decision decision = decide(running(NOW.minus(Duration.ofMinutes(30)), LONG_AGO));

        assertThat(decision.verdict()).isEqualTo(Verdict.STOP);
        assertThat(decision.reason()).isEqualTo(Reason.IDLE);
        assertThat(decision.explanation()).isEqualTo("idle for 30m (threshold 30m) since 2026-12-04T13:30:00Z");
    }

    @Test
    void keepsAWorkspaceOneSecondShortOfTheTimeoutAndSaysWhenItWouldStop() {
        Decision decision = decide(running(NOW.minus(Duration.ofMinutes(30)).plusSeconds(1), LONG_AGO));

        assertThat(decision.verdict()).isEqualTo(Verdict.KEEP);
        assertThat(decision.stopAt()).isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    void carriesCodersOwnAutostopDeadlineSoThatTheWarningCanTellWhichStopComesFirst() {
        Workspace withTtl = TestWorkspaces.deadline(running(NOW.minus(Duration.ofMinutes(26)), LONG_AGO),
                NOW.plus(Duration.ofMinutes(2)));

        Decision decision = decide(withTtl);

        assertThat(decision.stopAt()).isEqualTo(NOW.plus(Duration.ofMinutes(4)));
        assertThat(decision.coderAutostopAt()).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
        assertThat(decision.coderAutostopInWords()).isEqualTo("Coder's own autostop is due first, at 2026-12-04T14:02:00Z;"
                + " Coder reminds the owner before it where the template sets an autostop reminder");
    }

    @Test
    void saysCoderSendsNoReminderWhenItsOwnAutostopComesAfterTheReapersStop() {
        Decision decision = decide(TestWorkspaces.deadline(running(NOW.minus(Duration.ofMinutes(26)), LONG_AGO),
                NOW.plus(Duration.ofMinutes(40))));

        assertThat(decision.coderAutostopInWords()).isEqualTo("Coder's own autostop is due later, at 2026-12-04T14:40:00Z,"
                + " so Coder sends no reminder before this stop");
    }

    @Test
    void saysCoderSendsNoReminderForAWorkspaceWithoutATtl() {
        Decision decision = decide(running(NOW.minus(Duration.ofMinutes(26)), LONG_AGO));

        assertThat(decision.coderAutostopAt()).isNull();
        assertThat(decision.coderAutostopInWords())
                .isEqualTo("Coder has no autostop for it (no TTL), so Coder sends its owner no reminder");
    }

    @Test
    void measuresFromTheStartWhenItCameAfterTheLastUse() {
        Decision decision = decide(running(NOW.minus(Duration.ofHours(3)), NOW.minus(Duration.ofMinutes(31))));

        assertThat(decision.verdict()).isEqualTo(Verdict.STOP);
        assertThat(decision.idleSince()).isEqualTo(NOW.minus(Duration.ofMinutes(31)));
    }

    @Test
    void neverStopsAWorkspaceWithoutALastUse() {
        Decision decision = decide(running(null, NOW.minus(Duration.ofHours(3))));

        assertThat(decision.verdict()).isEqualTo(Verdict.SKIP);
        assertThat(decision.reason()).isEqualTo(Reason.UNREADABLE);
    }

    @Test
    void readsALastUseFarInTheFutureAsADataErrorAndNeverStops() {
        Decision decision = decide(running(NOW.plus(Duration.ofDays(365 * 1000)), LONG_AGO));

        assertThat(decision.reason()).isEqualTo(Reason.UNREADABLE);
        assertThat(decision.explanation()).endsWith("is more than 1h in the future: a data error, not clock skew");
    }

    @Test
    void neverStopsAWorkspaceWhoseIdlenessCannotBeMeasured() {
        Decision decision = decide(running(null, null));

        assertThat(decision.verdict()).isEqualTo(Verdict.SKIP);
        assertThat(decision.reason()).isEqualTo(Reason.UNREADABLE);
    }

    @Test
    void skipsEveryBuildStateOtherThanASucceededStart() {
        List<Workspace> notRunning = List.of(
                TestWorkspaces.with(LONG_AGO, build(Transition.START, JobStatus.PENDING, null)),
                TestWorkspaces.with(LONG_AGO, build(Transition.START, JobStatus.RUNNING, null)),
                TestWorkspaces.with(LONG_AGO, build(Transition.START, JobStatus.FAILED, LONG_AGO)),
                TestWorkspaces.with(LONG_AGO, build(Transition.START, JobStatus.CANCELED, LONG_AGO)),
                TestWorkspaces.with(LONG_AGO, build(Transition.STOP, JobStatus.SUCCEEDED, LONG_AGO)),
                TestWorkspaces.with(LONG_AGO, build(Transition.STOP, JobStatus.FAILED, LONG_AGO)),
                TestWorkspaces.with(LONG_AGO, build(Transition.DELETE, JobStatus.RUNNING, null)),
                TestWorkspaces.with(LONG_AGO, null));

        assertThat(notRunning).extracting(w -> decide(w).reason()).containsOnly(Reason.NOT_RUNNING);
    }

    @Test
    void skipsAPrebuildMarkedAsSuchEvenWithAnotherOwner() {
        Decision decision = decide(TestWorkspaces.prebuild(running(LONG_AGO, LONG_AGO)));

        assertThat(decision.reason()).isEqualTo(Reason.PREBUILD);
    }

    @Test
    void skipsAWorkspaceOwnedByThePrebuildsUser() {
        Decision decision = decide(TestWorkspaces.owner(running(LONG_AGO, LONG_AGO), IdleJudge.PREBUILDS_USER_ID, "prebuilds"));

        assertThat(decision.reason()).isEqualTo(Reason.PREBUILD);
    }

    @Test
    void skipsDormantAndDeletingWorkspaces() {
        assertThat(decide(TestWorkspaces.dormant(running(LONG_AGO, LONG_AGO), LONG_AGO)).reason()).isEqualTo(Reason.DORMANT);
        assertThat(decide(TestWorkspaces.deleting(running(LONG_AGO, LONG_AGO), NOW.plusSeconds(60))).reason())
                .isEqualTo(Reason.DELETING);
    }

    @Test
    void skipsATaskWhoseAppReportsItIsWorkingButNotOneThatIsIdle() {
        assertThat(decide(TestWorkspaces.task(running(LONG_AGO, LONG_AGO), "working")).reason()).isEqualTo(Reason.TASK_WORKING);
        assertThat(decide(TestWorkspaces.task(running(LONG_AGO, LONG_AGO), "WORKING")).reason()).isEqualTo(Reason.TASK_WORKING);
        assertThat(decide(TestWorkspaces.task(running(LONG_AGO, LONG_AGO), "idle")).reason()).isEqualTo(Reason.IDLE);
    }

    @Test
    void skipsWorkspacesMatchedByOwnerWorkspaceOrTemplateExemptionsIgnoringCase() {
        Workspace idle = running(LONG_AGO, LONG_AGO);

        assertThat(decideExempting(Set.of("ALICE"), Set.of(), Set.of(), idle).reason()).isEqualTo(Reason.EXEMPT);
        assertThat(decideExempting(Set.of(), Set.of("alice/dev"), Set.of(), idle).reason()).isEqualTo(Reason.EXEMPT);
        assertThat(decideExempting(Set.of(), Set.of("dev"), Set.of(), idle).reason()).isEqualTo(Reason.EXEMPT);
        assertThat(decideExempting(Set.of(), Set.of(), Set.of("K8s"), idle).reason()).isEqualTo(Reason.EXEMPT);
        assertThat(decideExempting(Set.of("bob"), Set.of("bob/dev"), Set.of("docker"), idle).reason()).isEqualTo(Reason.IDLE);
    }

    @Test
    void skipsWorkspacesMatchedByExemptionsInForceInTheCluster() {
        Exemptions inTheCluster = new Exemptions(Set.of(), Set.of("alice/dev"), Set.of());

        Decision decision = JUDGE.decide(running(LONG_AGO, LONG_AGO), NOW, Optional.empty(), inTheCluster);

        assertThat(decision.reason()).isEqualTo(Reason.EXEMPT);
        assertThat(decision.explanation()).isEqualTo("workspace alice/dev is exempt");
    }

    @Test
    void requestsOneStopPerIdlePeriod() {
        Workspace idle = running(NOW.minus(Duration.ofMinutes(45)), LONG_AGO);
        StopRequest earlier = new StopRequest(ID, 7, NOW.minus(Duration.ofMinutes(45)), NOW.minusSeconds(60), false);

        Decision decision = JUDGE.decide(idle, NOW, Optional.of(earlier));

        assertThat(decision.verdict()).isEqualTo(Verdict.SKIP);
        assertThat(decision.reason()).isEqualTo(Reason.STOP_ALREADY_REQUESTED);
    }

    @Test
    void startsANewIdlePeriodWhenTheWorkspaceIsUsedAfterAStopRequest() {
        Workspace usedAgain = running(NOW.minus(Duration.ofMinutes(35)), LONG_AGO);
        StopRequest earlier = new StopRequest(ID, 7, NOW.minus(Duration.ofMinutes(80)), NOW.minus(Duration.ofMinutes(50)),
                true);

        assertThat(JUDGE.decide(usedAgain, NOW, Optional.of(earlier)).verdict()).isEqualTo(Verdict.STOP);
    }

    @Test
    void countsALastUseInTheFutureAsNow() {
        Decision decision = decide(running(NOW.plus(Duration.ofMinutes(3)), LONG_AGO));

        assertThat(decision.verdict()).isEqualTo(Verdict.KEEP);
        assertThat(decision.idleFor()).isEqualTo(Duration.ZERO);
        assertThat(decision.stopAt()).isEqualTo(NOW.plus(Duration.ofMinutes(33)));
    }

    private static Decision decide(Workspace workspace) {
        return JUDGE.decide(workspace, NOW, Optional.empty());
    }

    private static Decision decideExempting(Set<String> owners, Set<String> workspaces, Set<String> templates, Workspace w) {
        IdleJudge judge = new IdleJudge(new IdlePolicy(Duration.ofMinutes(30), new Exemptions(owners, workspaces, templates)));
        return judge.decide(w, NOW, Optional.empty());
    }
}
