package io.ameide.coderguard.common.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"30m, PT30M", "1h30m, PT1H30M", "90s, PT1M30S", "500ms, PT0.5S", "2d, PT48H", "' 1H ', PT1H",
            "PT30M, PT30M", "pt2m, PT2M", "1d2h3m4s5ms, PT26H3M4.005S"})
    void readsADurationWithItsUnit(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "", "m", "30 m", "1h-30m", "-PT30M", "PT-1M", "9999999999999d", "soon"})
    void refusesAnythingElseNamingTheText(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + text + "\"");
    }

    @ParameterizedTest
    @CsvSource({"PT0S, 0s", "PT3M55S, 3m55s", "PT1H2M, 1h2m", "PT26H, 26h", "PT0.9S, 0s"})
    void saysADurationInWholeSecondsLargestUnitsFirst(Duration duration, String expected) {
        assertThat(Durations.words(duration)).isEqualTo(expected);
    }
}
