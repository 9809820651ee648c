package io.ameide.coderguard.templatesync.decision;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in config and custom resources: {@code 30m}, {@code 1h30m}, {@code 90s}, {@code PT30M}. */
public final class Durations {

    private static final Pattern PARTS = Pattern.compile("(\\d+)(ms|h|m|s)");
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|h|m|s))+");

    private Durations() {
    }

    /** @throws IllegalArgumentException for a bare number, a negative value or anything else unreadable */
    public static Duration parse(String text) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("p")) {
            try {
                Duration parsed = Duration.parse(value.toUpperCase(Locale.ROOT));
                if (parsed.isNegative()) {
                    throw new IllegalArgumentException("a duration cannot be negative, was \"" + text + "\"");
                }
                return parsed;
            } catch (DateTimeParseException e) {
                throw unreadable(text);
            }
        }
        if (!WHOLE.matcher(value).matches()) {
            throw unreadable(text);
        }
        Duration total = Duration.ZERO;
        Matcher part = PARTS.matcher(value);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMillis(amount);
            });
        }
        return total;
    }

    private static IllegalArgumentException unreadable(String text) {
        return new IllegalArgumentException(
                "expected a duration with its unit (30m, 1h30m, 90s, 500ms or PT30M), was \"" + text + "\"");
    }
}
