package io.ameide.coderguard.common.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the timestamps that reach the services as UTC instants, whatever their producer.
 * <p>
 * Coder writes RFC 3339 with a {@code Z} and up to nine fraction digits, but replayed webhooks, proxies and hand-written
 * files also bring offsets ({@code +01:00}), a space instead of {@code T}, lower-case letters, and no zone at all. A
 * timestamp without a zone is read as UTC: Coder's API speaks UTC, and reading it in the machine's zone would shift
 * every idle clock by that zone's offset. Go's zero time ({@code 0001-01-01T00:00:00Z}), which Coder uses for "never",
 * and a blank value read as absent.
 */
public final class Rfc3339 {

    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private static final DateTimeFormatter LENIENT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart()
            .appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HH:MM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HHMM", "Z")
            .optionalEnd()
            .toFormatter(Locale.ROOT);

    private Rfc3339() {
    }

    /**
     * Parses one timestamp.
     *
     * @return the instant, or empty for null, blank or Go's zero time
     * @throws IllegalArgumentException naming the text when it is no timestamp at all
     */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Instant instant = parseInstant(text.trim());
        return instant.equals(GO_ZERO_TIME) ? Optional.empty() : Optional.of(instant);
    }

    private static Instant parseInstant(String text) {
        try {
            var parsed = LENIENT.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
            if (parsed instanceof OffsetDateTime offsetDateTime) {
                return offsetDateTime.toInstant();
            }
            return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not an RFC 3339 timestamp: \"" + abbreviate(text) + "\"", e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
