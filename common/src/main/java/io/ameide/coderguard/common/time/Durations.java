package io.ameide.coderguard.common.time;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in the services' configuration and custom resources ({@code 30m}, {@code 1h30m},
 * {@code 90s}, {@code 500ms}, {@code 2d}, {@code PT30M}), and as the services say them in logs and Events
 * ({@code 3m55s}).
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d{1,12})(ms|d|h|m|s)");
    private static final Pattern WHOLE = Pattern.compile("(?:\\d{1,12}(?:ms|d|h|m|s))+");

    private Durations() {
    }

    /** {@code 1h2m}, {@code 3m55s}, {@code 0s}: whole seconds, largest units first. */
    public static String words(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        StringBuilder text = new StringBuilder();
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (minutes > 0) {
            text.append(minutes).append('m');
        }
        if (rest > 0 || text.length() == 0) {
            text.append(rest).append('s');
        }
        return text.toString();
    }

    /**
     * Reads a duration with its unit: parts such as {@code 1h30m} or {@code 500ms} ({@code d}, {@code h}, {@code m},
     * {@code s}, {@code ms}), or ISO-8601 ({@code PT30M}). A bare number is refused: {@code 30} meant as minutes would be
     * read as seconds elsewhere, and a timeout thirty times too short stops every workspace. Negative is refused too.
     *
     * @throws IllegalArgumentException naming the text when it is none of these
     */
    public static Duration parse(String text) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        try {
            Duration parsed = value.startsWith("p") ? Duration.parse(value.toUpperCase(Locale.ROOT)) : parts(value, text);
            if (parsed.isNegative()) {
                throw new IllegalArgumentException("a duration cannot be negative, was \"" + text + "\"");
            }
            return parsed;
        } catch (DateTimeParseException | ArithmeticException e) {
            throw unreadable(text);
        }
    }

    private static Duration parts(String value, String text) {
        if (!WHOLE.matcher(value).matches()) {
            throw unreadable(text);
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(value);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            });
        }
        return total;
    }

    private static IllegalArgumentException unreadable(String text) {
        return new IllegalArgumentException(
                "not a duration with a unit: \"" + text + "\" (try 30m, 1h30m, 90s, 2d or PT30M)");
    }
}
