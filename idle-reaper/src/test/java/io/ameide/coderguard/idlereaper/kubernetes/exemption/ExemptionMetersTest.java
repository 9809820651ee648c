package io.ameide.coderguard.idlereaper.kubernetes.exemption;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The exemption gauge, one series per state and none per object. */
class ExemptionMetersTest {

    @Test
    void countsExemptionsByState() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ExemptionMeters meters = new ExemptionMeters(registry);

        meters.counted(Map.of(ExemptionState.ACTIVE, 2, ExemptionState.EXPIRED, 1, ExemptionState.INVALID, 0));

        assertThat(registry.get("idle_reaper.exemptions").tag("state", "active").gauge().value()).isEqualTo(2.0);
        assertThat(registry.get("idle_reaper.exemptions").tag("state", "expired").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("idle_reaper.exemptions").tag("state", "invalid").gauge().value()).isEqualTo(0.0);
        assertThat(registry.get("idle_reaper.exemptions").gauges()).hasSize(3);
    }
}
