package io.ameide.coderguard.common.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Test {

    private static final Instant TWO_PM_UTC = Instant.parse("2026-12-04T14:00:00Z");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "2026-12-04T14:00:00Z",
            "2026-12-04T15:00:00+01:00",
            "2026-12-04T08:30:00-05:30",
            "2026-12-04T15:00:00+0100",
            "2026-12-04T14:00:00",
            "2026-12-04t14:00:00z",
            "2026-12-04 14:00:00Z",
            "  2026-12-04T14:00:00Z\n"})
    void readsEveryWayOfWritingTheSameInstant(String text) {
        assertThat(Rfc3339.parse(text)).contains(TWO_PM_UTC);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2026-12-04T14:00:00.1Z,         100000000",
            "2026-12-04T14:00:00.12Z,        120000000",
            "2026-12-04T14:00:00.123Z,       123000000",
            "2026-12-04T14:00:00.1234Z,      123400000",
            "2026-12-04T14:00:00.12345Z,     123450000",
            "2026-12-04T14:00:00.123456Z,    123456000",
            "2026-12-04T14:00:00.1234567Z,   123456700",
            "2026-12-04T14:00:00.12345678Z,  123456780",
            "2026-12-04T14:00:00.123456789Z, 123456789"})
    void keepsOneToNineFractionDigits(String text, int nanos) {
        assertThat(Rfc3339.parse(text)).contains(TWO_PM_UTC.plusNanos(nanos));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullSource
    @ValueSource(strings = {"", "   ", "0001-01-01T00:00:00Z"})
    void readsNothingBlankAndGosZeroTimeAsAbsent(String text) {
        assertThat(Rfc3339.parse(text)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"yesterday", "2026-12-04", "04.12.2026 14:00", "2026-13-04T14:00:00Z", "1733320800"})
    void refusesTextThatIsNoTimestampNamingIt(String text) {
        assertThatThrownBy(() -> Rfc3339.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + text + "\"");
    }
}
