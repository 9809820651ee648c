package io.ameide.coderguard.idlereaper.decision;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations in the words people use: {@code 3m55s}, {@code 1h2m}, {@code 0s}. */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");

    private Durations() {
    }

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
     * Reads a duration as the service's configuration does: {@code 30m}, {@code 90s}, {@code 1h}, {@code 2d},
     * {@code 500ms}, or ISO-8601 ({@code PT30M}). A bare number is refused: {@code 30} meant as minutes would be read as
     * seconds elsewhere, and a timeout thirty times too short stops every workspace.
     *
     * @throws IllegalArgumentException naming the text when it is none of these
     */
    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Matcher matcher = SHORT.matcher(trimmed);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
        try {
            return Duration.parse(trimmed.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a duration with a unit: \"" + text + "\" (try 30m, 90s or PT30M)", e);
        }
    }
}
