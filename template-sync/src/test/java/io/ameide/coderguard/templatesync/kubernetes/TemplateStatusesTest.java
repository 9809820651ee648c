package io.ameide.coderguard.templatesync.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import io.ameide.coderguard.templatesync.coder.SyncOutcome;
import io.ameide.coderguard.templatesync.coder.SyncOutcome.Failure;
import io.ameide.coderguard.templatesync.decision.Drift;
import io.ameide.coderguard.templatesync.decision.Drift.Kind;
import io.ameide.coderguard.templatesync.decision.SyncAction;
import io.ameide.coderguard.templatesync.decision.SyncPlan;
import io.ameide.coderguard.templatesync.decision.Tracking;
import io.fabric8.kubernetes.api.model.Condition;

/** The conditions a person reads, from each kind of outcome. */
class TemplateStatusesTest {

    private static final Instant T1 = Instant.parse("2026-12-04T12:00:00Z");
    private static final Instant T2 = Instant.parse("2026-12-04T12:05:00Z");

    @Test
    void aHandPromotionWithSelfHealOffIsDriftButNotAFailure() {
        CoderTemplateStatus status = after(plan(SyncAction.HOLD,
                new Drift(Kind.ACTIVE_VERSION_DIFFERS, "Coder active version hotfix != release 2026.12.04-1")));

        assertThat(state(status, "Drifted")).isEqualTo("True ActiveVersionDiffers");
        assertThat(state(status, "Synced")).isEqualTo("False DriftNotHealed");
        assertThat(state(status, "Failed")).isEqualTo("False NoFailure");
        assertThat(state(status, "Ready")).isEqualTo("False DriftNotHealed");
        assertThat(status.getDrift()).containsExactly("Coder active version hotfix != release 2026.12.04-1");
    }

    @Test
    void aStuckImportNeedsAPersonAndSaysWhy() {
        CoderTemplateStatus status = after(plan(SyncAction.HOLD,
                new Drift(Kind.IMPORT_STUCK, "import stuck: no provisioner matches tags"),
                new Drift(Kind.ACTIVE_VERSION_DIFFERS, "Coder active version a != release b")));

        assertThat(state(status, "Failed")).isEqualTo("True ImportStuck");
        assertThat(condition(status, "Failed").getMessage()).isEqualTo("import stuck: no provisioner matches tags");
        assertThat(condition(status, "Drifted").getMessage())
                .isEqualTo("import stuck: no provisioner matches tags; Coder active version a != release b");
    }

    @Test
    void coderUnreachableIsRetriedNotAFailure() {
        SyncOutcome outcome = outcome(null, Optional.of(new Failure(Failure.Kind.CODER_UNAVAILABLE,
                "Coder GET /api/v2/templates failed with no answer", true)));

        CoderTemplateStatus status = TemplateStatuses.after(new CoderTemplateStatus(), 3L, outcome, T1, 10);

        assertThat(state(status, "Synced")).isEqualTo("False CoderUnavailable");
        assertThat(state(status, "Failed")).isEqualTo("False NoFailure");
        assertThat(status.getObservedGeneration()).isEqualTo(3L);
        assertThat(condition(status, "Synced").getObservedGeneration()).isEqualTo(3L);
    }

    @Test
    void keepsTheTransitionTimeWhileAConditionKeepsItsStatus() {
        CoderTemplateStatus first = TemplateStatuses.after(new CoderTemplateStatus(), 1L,
                outcome(plan(SyncAction.NONE), Optional.empty()), T1, 10);
        CoderTemplateStatus second = TemplateStatuses.after(first, 1L, outcome(plan(SyncAction.NONE), Optional.empty()),
                T2, 10);
        CoderTemplateStatus drifted = TemplateStatuses.after(second, 1L, outcome(plan(SyncAction.HOLD,
                new Drift(Kind.CONTENT_MISMATCH, "version v exists with other content")), Optional.empty()), T2, 10);

        assertThat(condition(second, "Ready").getLastTransitionTime()).isEqualTo(T1.toString());
        assertThat(condition(drifted, "Ready").getLastTransitionTime()).isEqualTo(T2.toString());
        assertThat(state(drifted, "Failed")).isEqualTo("True ContentMismatch");
    }

    @Test
    void aMissingConfigMapKeepsWhatWasKnownAndFails() {
        CoderTemplateStatus synced = TemplateStatuses.after(new CoderTemplateStatus(), 1L,
                outcome(plan(SyncAction.NONE), Optional.empty()), T1, 10);

        CoderTemplateStatus unusable = TemplateStatuses.unusable(synced, 2L, "ConfigMapMissing",
                "ConfigMap coder/files does not exist", T2);

        assertThat(state(unusable, "Failed")).isEqualTo("True ConfigMapMissing");
        assertThat(state(unusable, "Drifted")).isEqualTo("False NoDrift");
        assertThat(unusable.getObservedGeneration()).isEqualTo(2L);
    }

    @Test
    void aDryRunSaysWhatItWouldDoAndIsNotSynced() {
        SyncOutcome outcome = new SyncOutcome(plan(SyncAction.PROMOTE,
                new Drift(Kind.ACTIVE_VERSION_DIFFERS, "Coder active version a != release b")), List.of(), Tracking.NONE,
                List.of(), List.of(), "sha256:00", Optional.empty(), Optional.empty(), Optional.empty(), true,
                OptionalInt.empty());

        CoderTemplateStatus status = TemplateStatuses.after(new CoderTemplateStatus(), 1L, outcome, T1, 10);

        assertThat(state(status, "Synced")).isEqualTo("False DryRun");
        assertThat(condition(status, "Synced").getMessage()).isEqualTo("[dry-run] would promote");
        assertThat(state(status, "Failed")).isEqualTo("False NoFailure");
    }

    private static CoderTemplateStatus after(SyncPlan plan) {
        return TemplateStatuses.after(new CoderTemplateStatus(), 1L, outcome(plan, Optional.empty()), T1, 10);
    }

    private static SyncPlan plan(SyncAction action, Drift... drift) {
        return new SyncPlan(action, "v", List.of(drift));
    }

    private static SyncOutcome outcome(SyncPlan plan, Optional<Failure> failure) {
        return new SyncOutcome(plan, List.of(), Tracking.NONE, List.of(), List.of(), "sha256:00", Optional.empty(),
                Optional.empty(), failure, false, OptionalInt.empty());
    }

    private static String state(CoderTemplateStatus status, String type) {
        Condition condition = condition(status, type);
        return condition.getStatus() + " " + condition.getReason();
    }

    private static Condition condition(CoderTemplateStatus status, String type) {
        return TemplateStatuses.condition(status, type).orElseThrow();
    }
}
