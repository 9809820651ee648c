package io.ameide.coderguard.policyguard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The defaults a deployment gets when it sets nothing: off, and harmless. */
@QuarkusTest
class GuardConfigTest {

    @Inject
    GuardConfig config;

    @Test
    void pinsTheDefaults() {
        assertThat(config.kubernetesEnabled()).isFalse();
        assertThat(config.policyFile()).isEmpty();
        assertThat(config.debounce()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.resyncInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.reportMaxResults()).isEqualTo(200);
        assertThat(config.coder().url()).isEmpty();
        assertThat(config.lease().enabled()).isFalse();
        assertThat(config.lease().name()).isEqualTo("policy-guard");
        assertThat(config.lease().leaseDuration()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.lease().renewDeadline()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.lease().retryPeriod()).isEqualTo(Duration.ofSeconds(2));
    }
}
