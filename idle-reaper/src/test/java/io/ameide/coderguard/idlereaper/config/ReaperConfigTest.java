package io.ameide.coderguard.idlereaper.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.ameide.coderguard.idlereaper.decision.IdlePolicy;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class ReaperConfigTest {

    @Test
    void pinsTheDefaultsThatTheReadmeDocuments() {
        ReaperConfig config = load(Map.of("idle-reaper.coder.url", "https://coder.example", "idle-reaper.coder.token", "t"));

        assertThat(config.idleTimeout()).isEqualTo(Duration.ofMinutes(30)).isEqualTo(IdlePolicy.DEFAULT_IDLE_TIMEOUT);
        assertThat(config.sweepInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.dryRun()).isFalse();
        assertThat(config.maxStopsInFlight()).isEqualTo(3);
        assertThat(config.pageSize()).isEqualTo(100);
        assertThat(config.decisionHistory()).isEqualTo(1000);
        assertThat(config.exempt().owners()).isEmpty();
        assertThat(config.stop().followInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.stop().followTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.stop().retryInitialDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.stop().retryMaxDelay()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.coder().url()).isEqualTo(URI.create("https://coder.example"));
        assertThat(config.coder().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.coder().requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.coder().maxAttempts()).isEqualTo(4);
        assertThat(config.coder().retryInitialDelay()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.coder().retryMaxDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(ReaperSettings.problems(config)).isEmpty();
    }

    @Test
    void namesEachKeyWhoseValueIsOutOfRange() {
        ReaperConfig config = load(Map.of("idle-reaper.coder.url", "ftp://coder.example", "idle-reaper.idle-timeout", "0s",
                "idle-reaper.max-stops-in-flight", "0", "idle-reaper.page-size", "-1"));

        assertThat(ReaperSettings.problems(config)).containsExactlyInAnyOrder(
                "idle-reaper.idle-timeout must be a positive duration, was PT0S",
                "idle-reaper.max-stops-in-flight must be at least 1, was 0",
                "idle-reaper.page-size must be at least 1, was -1",
                "idle-reaper.coder.url must be an http or https URL, was ftp://coder.example",
                "set exactly one of idle-reaper.coder.token-file and idle-reaper.coder.token");
    }

    @Test
    void refusesToStartWithAnInvalidConfigurationAndSaysWhy() {
        ReaperConfig config = load(Map.of("idle-reaper.coder.url", "https://coder.example", "idle-reaper.coder.token", "t",
                "idle-reaper.sweep-interval", "PT0.5S"));

        assertThatThrownBy(() -> new ReaperSettings(config))
                .hasMessage("Invalid idle-reaper configuration: idle-reaper.sweep-interval must be at least 1s, was PT0.5S");
    }

    @Test
    void refusesADryRunSwitchThatIsNeitherTrueNorFalse() {
        assertThatThrownBy(() -> load(Map.of("idle-reaper.coder.url", "https://coder.example", "idle-reaper.dry-run", "maybe")))
                .hasMessageContaining("idle-reaper.dry-run")
                .hasMessageContaining("expected true or false, was \"maybe\"");
    }

    @Test
    void refusesADurationWithoutAUnit() {
        assertThatThrownBy(
                () -> load(Map.of("idle-reaper.coder.url", "https://coder.example", "idle-reaper.idle-timeout", "30")))
                .hasMessageContaining("idle-reaper.idle-timeout")
                .hasMessageContaining("not a duration with a unit: \"30\" (try 30m, 1h30m, 90s, 2d or PT30M)");
    }

    @Test
    void refusesATokenFileThatCannotBeReadNamingTheKeyButNotTheValue(@TempDir Path folder) throws IOException {
        ReaperConfig missing = load(Map.of("idle-reaper.coder.url", "https://coder.example",
                "idle-reaper.coder.token-file", folder.resolve("absent").toString()));
        ReaperConfig twoLines = load(Map.of("idle-reaper.coder.url", "https://coder.example",
                "idle-reaper.coder.token-file", Files.writeString(folder.resolve("token"), "SECRET-TOKEN\nsecond").toString()));

        assertThatThrownBy(() -> new ReaperSettings(missing))
                .hasMessageStartingWith("Invalid idle-reaper configuration: idle-reaper.coder.token-file: cannot read");
        assertThatThrownBy(() -> new ReaperSettings(twoLines))
                .hasMessageContaining("idle-reaper.coder.token-file: the Coder token holds characters")
                .hasMessageNotContaining("SECRET-TOKEN");
    }

    @Test
    void readsExemptionsAsCommaSeparatedLists() {
        ReaperConfig config = load(Map.of("idle-reaper.coder.url", "https://coder.example", "idle-reaper.coder.token", "t",
                "idle-reaper.exempt.owners", "alice,Bob", "idle-reaper.exempt.templates", "gpu"));

        IdlePolicy policy = new ReaperSettings(config).policy();

        assertThat(policy.exemptions().owners()).containsExactlyInAnyOrder("alice", "bob");
        assertThat(policy.exemptions().templates()).containsExactly("gpu");
        assertThat(policy.exemptions().workspaces()).isEmpty();
    }

    private static ReaperConfig load(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(ReaperConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        return config.getConfigMapping(ReaperConfig.class);
    }
}
