package io.ameide.coderguard.policyguard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The defaults a deployment gets when it sets nothing (off, and harmless), and values that stop startup. */
@QuarkusTest
class GuardConfigTest {

    @Inject
    GuardConfig config;

    @Test
    void pinsTheDefaults() {
        assertThat(config.kubernetes().enabled()).isFalse();
        assertThat(config.policyFile()).isEmpty();
        assertThat(config.debounce()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.resyncInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.reportMaxResults()).isEqualTo(200);
        assertThat(config.coder().url()).isEmpty();
        assertThat(config.kubernetes().lease().enabled()).isFalse();
        assertThat(config.kubernetes().lease().name()).isEqualTo("policy-guard");
        assertThat(config.kubernetes().lease().duration()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.kubernetes().lease().renewDeadline()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.kubernetes().lease().retryPeriod()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void refusesAnUnsureSwitchAndADurationWithoutItsUnitNamingTheValue() {
        // SmallRye's own converters would read "ture" as false and a bare "30" as seconds: a cluster left unwatched, or
        // a debounce of half a minute, without a word.
        assertThatThrownBy(() -> load("policy-guard.kubernetes.enabled", "ture")).hasMessageContaining("ture");
        assertThatThrownBy(() -> load("policy-guard.kubernetes.lease.enabled", "yes")).hasMessageContaining("yes");
        assertThatThrownBy(() -> load("policy-guard.debounce", "30")).hasMessageContaining("\"30\"");
    }

    private static GuardConfig load(String key, String value) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(GuardConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(Map.of(key, value), "test", 100))
                .build();
        return config.getConfigMapping(GuardConfig.class);
    }
}
