package io.ameide.coderguard.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The options of {@code ./run-sandbox}, read as the services read their durations. */
class SandboxRunOptionsTest {

    @Test
    void aRunLengthIsReadWithAnyUnitTheServicesAccept() {
        assertThat(SandboxRun.Options.parse(new String[]{"--for", "2m"}).runFor()).isEqualTo(Duration.ofMinutes(2));
        assertThat(SandboxRun.Options.parse(new String[]{"--for", "150s"}).runFor()).isEqualTo(Duration.ofSeconds(150));
        assertThat(SandboxRun.Options.parse(new String[]{"--for", "PT90S"}).runFor()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void aRunLengthWithoutAUnitOrABadPortIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> SandboxRun.Options.parse(new String[]{"--for", "2"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--for: not a duration with a unit");
        assertThatThrownBy(() -> SandboxRun.Options.parse(new String[]{"--sync-port", "http"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"http\"");
    }
}
