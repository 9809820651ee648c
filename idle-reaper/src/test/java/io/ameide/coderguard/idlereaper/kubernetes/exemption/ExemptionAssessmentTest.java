package io.ameide.coderguard.idlereaper.kubernetes.exemption;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Judging one exemption at an instant, without a cluster. */
class ExemptionAssessmentTest {

    private static final Instant CREATED = Instant.parse("2026-12-01T09:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);

    @Test
    void anExemptionBeforeItsExpiryIsInForceUntilThen() {
        ExemptionAssessment assessment = ExemptionAssessment.of(spec("2026-12-02T09:00:00+01:00"), CREATED,
                CREATED.plusSeconds(60), WEEK);

        assertThat(assessment.state()).isEqualTo(ExemptionState.ACTIVE);
        assertThat(assessment.until()).contains(Instant.parse("2026-12-02T08:00:00Z"));
        assertThat(assessment.capped()).isFalse();
        assertThat(assessment.exemptions().owners()).containsExactly("alice");
    }

    @Test
    void anExemptionAtItsExpiryHasExpired() {
        ExemptionAssessment assessment = ExemptionAssessment.of(spec("2026-12-02T09:00:00Z"), CREATED,
                Instant.parse("2026-12-02T09:00:00Z"), WEEK);

        assertThat(assessment.state()).isEqualTo(ExemptionState.EXPIRED);
        assertThat(assessment.exemptions().owners()).isEmpty();
    }

    @Test
    void anExpiryBeyondTheCapEndsAtCreationPlusTheCap() {
        ExemptionAssessment assessment = ExemptionAssessment.of(spec("2027-01-01T00:00:00Z"), CREATED, CREATED, WEEK);

        assertThat(assessment.state()).isEqualTo(ExemptionState.ACTIVE);
        assertThat(assessment.until()).contains(CREATED.plus(WEEK));
        assertThat(assessment.capped()).isTrue();
    }

    @Test
    void anExpiryWithoutAZoneIsInvalid() {
        ExemptionAssessment assessment = ExemptionAssessment.of(spec("2026-12-02T09:00:00"), CREATED, CREATED, WEEK);

        assertThat(assessment.state()).isEqualTo(ExemptionState.INVALID);
        assertThat(assessment.until()).isEqualTo(Optional.empty());
        assertThat(assessment.message()).contains("spec.expiresAt");
    }

    @Test
    void aBlankReasonIsInvalid() {
        WorkspaceExemptionSpec spec = spec("2026-12-02T09:00:00Z");
        spec.setReason("  ");

        assertThat(ExemptionAssessment.of(spec, CREATED, CREATED, WEEK).state()).isEqualTo(ExemptionState.INVALID);
    }

    @Test
    void anExemptionNamingNothingIsInvalid() {
        WorkspaceExemptionSpec spec = spec("2026-12-02T09:00:00Z");
        spec.setOwners(List.of(" "));

        ExemptionAssessment assessment = ExemptionAssessment.of(spec, CREATED, CREATED, WEEK);

        assertThat(assessment.state()).isEqualTo(ExemptionState.INVALID);
        assertThat(assessment.message()).isEqualTo("it names no owner, workspace or template");
    }

    private static WorkspaceExemptionSpec spec(String expiresAt) {
        WorkspaceExemptionSpec spec = new WorkspaceExemptionSpec();
        spec.setOwners(List.of("Alice"));
        spec.setReason("demo to the board");
        spec.setExpiresAt(expiresAt);
        return spec;
    }
}
