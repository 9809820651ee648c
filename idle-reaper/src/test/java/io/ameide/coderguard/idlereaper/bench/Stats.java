package io.ameide.coderguard.idlereaper.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** Order statistics over measured durations, by nearest rank: every value printed is one that was measured. */
final class Stats {

    private final List<Duration> sorted;

    private Stats(Collection<Duration> values) {
        List<Duration> copy = new ArrayList<>(values);
        copy.sort(null);
        this.sorted = List.copyOf(copy);
    }

    static Stats of(Collection<Duration> values) {
        return new Stats(values);
    }

    int count() {
        return sorted.size();
    }

    Duration min() {
        return sorted.get(0);
    }

    Duration median() {
        return percentile(50);
    }

    Duration max() {
        return sorted.get(sorted.size() - 1);
    }

    /** The smallest value that at least {@code percent} % of the values do not exceed. */
    Duration percentile(double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size(), rank) - 1));
    }

    /** The median of whole numbers, the lower of the middle two for an even count. */
    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(sorted.length - 1) / 2];
    }

    /** Milliseconds with one decimal, e.g. {@code 12.3 ms}; seconds from ten seconds up. */
    static String format(Duration value) {
        double millis = value.toNanos() / 1_000_000.0;
        return millis >= 10_000 ? String.format("%.1f s", millis / 1000) : String.format("%.1f ms", millis);
    }

    /** {@code min / median / max}. */
    String spread() {
        return format(min()) + " / " + format(median()) + " / " + format(max());
    }
}
