package io.ameide.coderguard.idlereaper.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.ameide.coderguard.common.coder.CoderEndpoint;
import io.ameide.coderguard.idlereaper.decision.Verdict;
import io.ameide.coderguard.idlereaper.reaper.BenchmarkReaper;
import io.ameide.coderguard.sandbox.StopBuild;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;

/**
 * Scenario 2: workspaces reach the idle timeout at instants spread over {@link #SPREAD}, after one sweep armed
 * their timers; no other sweep runs. For each, the delay from its threshold (idle since plus timeout) to the
 * moment the stand-in received its stop request ({@link StopBuild#requestedAt()}). The reaper and the stand-in
 * read the same system clock.
 */
final class ThresholdBenchmark {

    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    static final Duration LEAD = Duration.ofSeconds(2);
    static final Duration SPREAD = Duration.ofSeconds(20);
    /** How long after the last threshold a run waits for stops still to come. */
    static final Duration GRACE = Duration.ofSeconds(10);

    private ThresholdBenchmark() {
    }

    /** How many workspaces, and the limit of stops in flight; a limit above the count is no limit. */
    record Config(int workspaces, int maxStopsInFlight) {

        String label() {
            String limit = maxStopsInFlight >= workspaces ? "no limit" : maxStopsInFlight + " in flight";
            return String.format("%,d workspaces, %s", workspaces, limit);
        }

        String[] settings() {
            return new String[]{"idle-reaper.idle-timeout", IDLE_TIMEOUT.toSeconds() + "s",
                    "idle-reaper.max-stops-in-flight", Integer.toString(maxStopsInFlight),
                    "idle-reaper.stop.follow-interval", "2s"};
        }
    }

    /**
     * What one run saw.
     *
     * @param thresholds each workspace's threshold, by id
     * @param requested when the stand-in received each workspace's first stop request, by id; none if it got none
     * @param end when the run stopped waiting
     * @param kept how many workspaces the arming sweep kept, each with a timer
     * @param getMean the mean exchange of the fresh looks, as the reaper's client measured it
     * @param postMean the mean exchange of the stop requests
     */
    record Outcome(Config config, Map<String, Instant> thresholds, Map<String, Instant> requested, Instant end,
            Calls calls, Optional<Duration> metricP50, Optional<Duration> metricP99, long kept, Duration getMean,
            Duration postMean) {

        int stopped() {
            return requested.size();
        }

        boolean complete() {
            return requested.size() == thresholds.size();
        }

        /**
         * The delays, a workspace not stopped by the end counted as stopped at the end. That is less than its
         * true delay, so with any such workspace each statistic is a lower bound.
         */
        Stats delays() {
            List<Duration> delays = new ArrayList<>();
            thresholds.forEach((id, at) -> delays.add(Duration.between(at, requested.getOrDefault(id, end))));
            return Stats.of(delays);
        }

        /**
         * Workspaces passed over: one that reached the timeout later had its stop requested first, while this one
         * still waited or was never stopped. A fair queue passes nobody over; concurrent fresh looks may swap
         * neighbours a few milliseconds apart.
         */
        long passedOver() {
            List<String> latestFirst = new ArrayList<>(thresholds.keySet());
            latestFirst.sort(Comparator.comparing(thresholds::get).reversed());
            Instant earliestLater = Instant.MAX;
            long passed = 0;
            for (String id : latestFirst) {
                Instant at = requested.getOrDefault(id, Instant.MAX);
                if (earliestLater.isBefore(at)) {
                    passed++;
                }
                earliestLater = earliestLater.isBefore(at) ? earliestLater : at;
            }
            return passed;
        }
    }

    static Outcome run(Config config) {
        try (BenchmarkReaper reaper = BenchmarkReaper.start(SweepBenchmark.JOB, config.settings())) {
            Map<String, Instant> thresholds = Fleet.reachingTheTimeout(reaper.coder(), config.workspaces(),
                    IDLE_TIMEOUT, LEAD, SPREAD);
            Calls atStart = Calls.of(reaper.coder());

            long kept = reaper.sweep().count(Verdict.KEEP);
            Instant last = thresholds.values().stream().max(Comparator.naturalOrder()).orElseThrow();
            Duration bound = Duration.between(reaper.coder().clock().instant(), last.plus(GRACE));
            Waiting.until(() -> reaper.coder().stopBuilds().size() >= thresholds.size(), bound);

            Instant end = reaper.coder().clock().instant();
            return outcome(config, reaper, thresholds, end, Calls.of(reaper.coder()).minus(atStart), kept);
        }
    }

    private static Outcome outcome(Config config, BenchmarkReaper reaper, Map<String, Instant> thresholds,
            Instant end, Calls calls, long kept) {
        MeterRegistry registry = reaper.registry();
        Timer metric = registry.find("idle_reaper.stop.delay").timer();
        return new Outcome(config, thresholds, firstRequests(reaper.coder().stopBuilds()), end, calls,
                percentile(metric, 0.5), percentile(metric, 0.99), kept,
                Exchanges.mean(registry, CoderEndpoint.GET_WORKSPACE),
                Exchanges.mean(registry, CoderEndpoint.CREATE_WORKSPACE_BUILD));
    }

    private static Map<String, Instant> firstRequests(List<StopBuild> stops) {
        Map<String, Instant> first = new HashMap<>();
        for (StopBuild stop : stops) {
            first.merge(stop.workspaceId(), stop.requestedAt(), (a, b) -> a.isBefore(b) ? a : b);
        }
        return first;
    }

    /** The reaper's own {@code idle_reaper_stop_delay} percentile, as Prometheus would scrape it. */
    private static Optional<Duration> percentile(Timer timer, double percentile) {
        if (timer == null) {
            return Optional.empty();
        }
        for (ValueAtPercentile value : timer.takeSnapshot().percentileValues()) {
            if (value.percentile() == percentile) {
                return Optional.of(Duration.ofNanos((long) value.value(TimeUnit.NANOSECONDS)));
            }
        }
        return Optional.empty();
    }
}
