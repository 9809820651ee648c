package io.ameide.coderguard.templatesync.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.ameide.coderguard.templatesync.decision.Drift.Kind;

class SyncPlannerTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final String HASH = ContentHash.of(new byte[]{1});
    private static final SyncPlanner PLANNER = new SyncPlanner(Duration.ofMinutes(15));
    private static final ObservedVersion OLD = version("old", "2026.11.01-1", HASH, ImportStatus.SUCCEEDED);
    private static final ObservedVersion NEW = version("new", "2026.12.04-1", HASH, ImportStatus.SUCCEEDED);

    @Test
    void refusesAReleaseNameCoderWouldRejectBeforeCallingCoder() {
        Release release = release("release/1.2", Release.Promotion.AUTOMATIC, true);

        SyncPlan plan = PLANNER.plan(release, Optional.empty(), Optional.empty(), Tracking.NONE, NOW);

        assertThat(plan.action()).isEqualTo(SyncAction.HOLD);
        assertThat(plan.drift()).extracting(Drift::kind).containsExactly(Kind.RELEASE_INVALID);
        assertThat(plan.drift().get(0).message()).contains("release/1.2", "breaks Coder's rules");
    }

    @Test
    void createsTheFirstVersionOfATemplateCoderDoesNotHave() {
        SyncPlan plan = PLANNER.plan(release("2026.12.04-1", Release.Promotion.AUTOMATIC, true), Optional.empty(),
                Optional.empty(), Tracking.NONE, NOW);

        assertThat(plan).isEqualTo(new SyncPlan(SyncAction.CREATE_VERSION, null, List.of()));
    }

    @Test
    void promotesASucceededReleaseVersionAndReportsTheActiveOneAsDifferent() {
        SyncPlan plan = PLANNER.plan(release("2026.12.04-1", Release.Promotion.AUTOMATIC, false),
                Optional.of(template(OLD, NEW)), Optional.empty(), Tracking.NONE, NOW);

        assertThat(plan.action()).isEqualTo(SyncAction.PROMOTE);
        assertThat(plan.versionId()).isEqualTo("new");
        assertThat(plan.drift()).extracting(Drift::kind).containsExactly(Kind.ACTIVE_VERSION_DIFFERS);
    }

    @Test
    void neverPromotesAVersionThatCarriesTheReleaseNameWithOtherContent() {
        ObservedVersion pushedByHand = version("cli", "2026.12.04-1", "Uploaded from the CLI", ImportStatus.SUCCEEDED);

        SyncPlan plan = PLANNER.plan(release("2026.12.04-1", Release.Promotion.AUTOMATIC, true),
                Optional.of(template(OLD, pushedByHand)), Optional.empty(), Tracking.NONE, NOW);

        assertThat(plan.action()).isEqualTo(SyncAction.HOLD);
        assertThat(plan.drift()).extracting(Drift::kind).containsExactly(Kind.CONTENT_MISMATCH,
                Kind.ACTIVE_VERSION_DIFFERS);
        assertThat(plan.drift().get(0).message()).contains("records no content hash");
    }

    @Test
    void healsAHandPromotionWhenSelfHealIsOn() {
        Tracking promotedBefore = new Tracking("new", "2026.12.04-1", Set.of("new"));

        SyncPlan plan = PLANNER.plan(release("2026.12.04-1", Release.Promotion.AUTOMATIC, true),
                Optional.of(template(OLD, NEW)), Optional.empty(), promotedBefore, NOW);

        assertThat(plan.action()).isEqualTo(SyncAction.PROMOTE);
        assertThat(plan.drift()).containsExactly(
                new Drift(Kind.ACTIVE_VERSION_DIFFERS, "Coder active version 2026.11.01-1 != release 2026.12.04-1"));
    }

    @Test
    void onlyReportsAHandPromotionWhenSelfHealIsOff() {
        Tracking promotedBefore = new Tracking("new", "2026.12.04-1", Set.of("new"));

        SyncPlan plan = PLANNER.plan(release("2026.12.04-1", Release.Promotion.AUTOMATIC, false),
                Optional.of(template(OLD, NEW)), Optional.empty(), promotedBefore, NOW);

        assertThat(plan.action()).isEqualTo(SyncAction.HOLD);
        assertThat(plan.drift()).extracting(Drift::kind).containsExactly(Kind.ACTIVE_VERSION_DIFFERS);
    }

    @Test
    void leavesThePromotionToAPersonUnderTheManualPolicy() {
        SyncPlan plan = PLANNER.plan(release("2026.12.04-1", Release.Promotion.MANUAL, true),
                Optional.of(template(OLD, NEW)), Optional.empty(), Tracking.NONE, NOW);

        assertThat(plan.action()).isEqualTo(SyncAction.AWAIT_MANUAL_PROMOTION);
    }

    @Test
    void waitsForAnImportUnderWayUntilTheTimeout() {
        ObservedVersion importing = new ObservedVersion("new", "2026.12.04-1", HASH, ImportStatus.RUNNING,
                NOW.minus(Duration.ofMinutes(14)), "", 3, Map.of());

        SyncPlan plan = PLANNER.plan(release("2026.12.04-1", Release.Promotion.AUTOMATIC, true),
                Optional.of(template(OLD, importing)), Optional.empty(), Tracking.NONE, NOW);
        SyncPlan late = PLANNER.plan(release("2026.12.04-1", Release.Promotion.AUTOMATIC, true),
                Optional.of(template(OLD, importing)), Optional.empty(), Tracking.NONE, NOW.plusSeconds(60));

        assertThat(plan).isEqualTo(new SyncPlan(SyncAction.WAIT_FOR_IMPORT, "new",
                List.of(new Drift(Kind.ACTIVE_VERSION_DIFFERS, "Coder active version 2026.11.01-1 != release 2026.12.04-1"))));
        assertThat(late.action()).isEqualTo(SyncAction.HOLD);
        assertThat(late.drift().get(0).message()).startsWith("import stuck: not finished within the import timeout");
    }

    @Test
    void patchesSettingsThatDifferOnceTheReleaseIsActive() {
        Release release = new Release("t", "2026.12.04-1", HASH,
                new TemplateSettings(null, null, null, Duration.ofMinutes(30), Duration.ofMinutes(30)),
                Release.Promotion.AUTOMATIC, true, Map.of());
        ObservedTemplate observed = new ObservedTemplate("t-id", "new",
                new TemplateSettings("T", "", "", Duration.ZERO, Duration.ofHours(1)), List.of(NEW));

        SyncPlan plan = PLANNER.plan(release, Optional.of(observed), Optional.empty(), Tracking.NONE, NOW);

        assertThat(plan.action()).isEqualTo(SyncAction.PATCH_SETTINGS);
        assertThat(plan.drift()).containsExactly(
                new Drift(Kind.SETTINGS_DIFFER, "template settings differ: defaultTtl, activityBump"));
    }

    @Test
    void isInSyncWhenTheActiveVersionIsTheSucceededReleaseWithItsContent() {
        SyncPlan plan = PLANNER.plan(release("2026.12.04-1", Release.Promotion.AUTOMATIC, true),
                Optional.of(new ObservedTemplate("t-id", "new", TemplateSettings.UNMANAGED, List.of(OLD, NEW))),
                Optional.empty(), Tracking.NONE, NOW);

        assertThat(plan.isInSync()).isTrue();
    }

    @Test
    void followsTheNewerReleaseAndLeavesAnOlderVersionThatFinishesLaterAlone() {
        ObservedVersion older = version("older", "2026.12.03-1", HASH, ImportStatus.SUCCEEDED);
        ObservedVersion newer = version("newer", "2026.12.04-1", HASH, ImportStatus.SUCCEEDED);
        Tracking trackingOlder = new Tracking("older", "2026.12.03-1", Set.of());

        SyncPlan plan = PLANNER.plan(release("2026.12.04-1", Release.Promotion.AUTOMATIC, true),
                Optional.of(new ObservedTemplate("t-id", "newer", TemplateSettings.UNMANAGED, List.of(older, newer))),
                Optional.empty(), trackingOlder, NOW);

        assertThat(trackingOlder.versionFor("2026.12.04-1")).isNull();
        assertThat(plan.isInSync()).isTrue();
    }

    @Test
    void reportsATemplateDeletedByHandWithoutRecreatingItWhenSelfHealIsOff() {
        Tracking promotedBefore = new Tracking("new", "2026.12.04-1", Set.of("new"));

        SyncPlan off = PLANNER.plan(release("2026.12.04-1", Release.Promotion.AUTOMATIC, false), Optional.empty(),
                Optional.empty(), promotedBefore, NOW);
        SyncPlan on = PLANNER.plan(release("2026.12.04-1", Release.Promotion.AUTOMATIC, true), Optional.empty(),
                Optional.empty(), promotedBefore, NOW);

        assertThat(off).isEqualTo(new SyncPlan(SyncAction.HOLD, null, List.of(new Drift(Kind.TEMPLATE_MISSING,
                "template t was deleted in Coder after template-sync promoted into it"))));
        assertThat(on.action()).isEqualTo(SyncAction.CREATE_VERSION);
    }

    private static Release release(String name, Release.Promotion promotion, boolean selfHeal) {
        return new Release("t", name, HASH, TemplateSettings.UNMANAGED, promotion, selfHeal, Map.of());
    }

    private static ObservedTemplate template(ObservedVersion active, ObservedVersion other) {
        return new ObservedTemplate("t-id", active.id(), TemplateSettings.UNMANAGED, List.of(active, other));
    }

    private static ObservedVersion version(String id, String name, String message, ImportStatus status) {
        return new ObservedVersion(id, name, message, status, NOW.minusSeconds(600), "", 3, Map.of());
    }
}
