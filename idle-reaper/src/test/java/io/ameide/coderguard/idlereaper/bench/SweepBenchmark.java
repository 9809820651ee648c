package io.ameide.coderguard.idlereaper.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.ameide.coderguard.common.coder.CoderEndpoint;
import io.ameide.coderguard.idlereaper.decision.Decision;
import io.ameide.coderguard.idlereaper.decision.Reason;
import io.ameide.coderguard.idlereaper.reaper.BenchmarkReaper;
import io.ameide.coderguard.idlereaper.reaper.SweepResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Scenario 1: sweeps over the 10,000 running workspaces of {@link Fleet#TEN_THOUSAND}, each run on a fresh
 * stand-in and a fresh reaper, so that every first sweep meets the same fleet. A reaper's first sweep arms a
 * timer per workspace in use and requests the stops; the repeat sweep right after it is the steady state of
 * every {@code sweep-interval}.
 */
final class SweepBenchmark {

    /** The stand-in's jobs: short, so that provisioners never hold a stop back. */
    static final Duration JOB = Duration.ofMillis(10);
    static final int WARM_UPS = 3;
    static final int RUNS = 5;
    /** More slots than idle workspaces, so that the sweep itself requests every stop. */
    static final Config PAGE_100 = new Config("page 100", 100, 1_000);
    static final Config PAGE_500 = new Config("page 500", 500, 1_000);
    /** The service's defaults: 100 a page, 3 stops in flight. */
    static final Config THROTTLED = new Config("page 100, 3 in flight", 100, 3);

    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration DRAIN_BOUND = Duration.ofSeconds(30);

    private SweepBenchmark() {
    }

    /** What the reaper is configured with; everything else is the service's default. */
    record Config(String label, int pageSize, int maxStopsInFlight) {

        String[] settings() {
            return new String[]{"idle-reaper.page-size", Integer.toString(pageSize),
                    "idle-reaper.max-stops-in-flight", Integer.toString(maxStopsInFlight),
                    "idle-reaper.stop.follow-interval", "2s", "idle-reaper.exempt.owners", Fleet.EXEMPT_OWNER,
                    "idle-reaper.idle-timeout", IDLE_TIMEOUT.toMinutes() + "m"};
        }
    }

    /** What one sweep cost, measured around {@code Reaper.sweep()} on the calling thread. */
    record SweepCost(Duration wall, Calls calls, Duration inList, Duration inStops, Duration cpu, long allocated,
            int judged, Map<Reason, Long> reasons) {

        /** Parsing, judging, arming timers and bookkeeping: the sweep minus its time waiting for Coder. */
        Duration ownWork() {
            return wall.minus(inList).minus(inStops);
        }
    }

    /**
     * One run: the first and the repeat sweep; the heap in use before them, and after them with the stand-in's
     * threads stopped (its data stays, now with the stop builds); and, when awaited, the calls until every stop
     * the first sweep requested had finished.
     */
    record Run(SweepCost first, SweepCost repeat, long heapBefore, long heapAfter, Calls untilStopsFinished,
            Duration stopsFinishedAfter) {

        long retained() {
            return heapAfter - heapBefore;
        }
    }

    /** The throttled run: what the sweep did, and how the stops it deferred came through afterwards. */
    record Throttled(SweepCost first, int stoppedBySweep, int stoppedAfterWatch, Calls callsWhileWatched,
            Duration watch) {

        double stopsPerSecond() {
            return (stoppedAfterWatch - stoppedBySweep) / (watch.toMillis() / 1000.0);
        }
    }

    /** Runs whose numbers are dropped: the JIT compiles the hot paths, which every configuration shares. */
    static void warmUp(Config config) {
        for (int i = 0; i < WARM_UPS; i++) {
            run(config, false);
        }
    }

    static List<Run> measure(Config config) {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            runs.add(run(config, i == RUNS - 1));
        }
        return runs;
    }

    /**
     * A run with the default limit of stops in flight: the first sweep requests as many stops as there are slots,
     * and the rest follow one by one as slots free. Watched for {@code watch}; all of them would take minutes.
     */
    static Throttled throttled(Duration watch) {
        try (BenchmarkReaper reaper = start(THROTTLED)) {
            SweepCost first = sweep(reaper);
            int stoppedBySweep = reaper.coder().stopBuilds().size();
            Calls before = Calls.of(reaper.coder());

            Waiting.sleep(watch);

            Calls watched = Calls.of(reaper.coder()).minus(before);
            return new Throttled(first, stoppedBySweep, reaper.coder().stopBuilds().size(), watched, watch);
        }
    }

    private static Run run(Config config, boolean awaitStops) {
        try (BenchmarkReaper reaper = start(config)) {
            long heapBefore = Jvm.heapUsedAfterGc();
            Calls atStart = Calls.of(reaper.coder());
            long started = System.nanoTime();

            SweepCost first = sweep(reaper);
            SweepCost repeat = sweep(reaper);
            Calls untilStopsFinished = null;
            Duration finishedAfter = null;
            if (awaitStops) {
                long stops = first.reasons().getOrDefault(Reason.IDLE, 0L);
                Waiting.until(() -> finishedStops(reaper.registry()) >= stops, DRAIN_BOUND);
                finishedAfter = Duration.ofNanos(System.nanoTime() - started);
                untilStopsFinished = Calls.of(reaper.coder()).minus(atStart);
            }

            reaper.closeCoder();
            long heapAfter = Jvm.heapUsedAfterGc();
            return new Run(first, repeat, heapBefore, heapAfter, untilStopsFinished, finishedAfter);
        }
    }

    private static BenchmarkReaper start(Config config) {
        BenchmarkReaper reaper = BenchmarkReaper.start(JOB, config.settings());
        Fleet.populate(reaper.coder(), Fleet.TEN_THOUSAND, IDLE_TIMEOUT, JOB);
        return reaper;
    }

    private static SweepCost sweep(BenchmarkReaper reaper) {
        MeterRegistry registry = reaper.registry();
        Calls calls = Calls.of(reaper.coder());
        Duration inList = Exchanges.total(registry, CoderEndpoint.LIST_WORKSPACES);
        Duration inStops = Exchanges.total(registry, CoderEndpoint.CREATE_WORKSPACE_BUILD);
        Duration cpu = Jvm.cpuOfThisThread();
        long allocated = Jvm.allocatedByThisThread();
        long started = System.nanoTime();

        SweepResult result = reaper.sweep();

        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        return new SweepCost(wall, Calls.of(reaper.coder()).minus(calls),
                Exchanges.total(registry, CoderEndpoint.LIST_WORKSPACES).minus(inList),
                Exchanges.total(registry, CoderEndpoint.CREATE_WORKSPACE_BUILD).minus(inStops),
                Jvm.cpuOfThisThread().minus(cpu), Jvm.allocatedByThisThread() - allocated,
                result.decisions().size(), byReason(result));
    }

    private static Map<Reason, Long> byReason(SweepResult result) {
        return result.decisions().stream().collect(Collectors.groupingBy(Decision::reason,
                () -> new EnumMap<>(Reason.class), Collectors.counting()));
    }

    private static double finishedStops(MeterRegistry registry) {
        return registry.find("idle_reaper.stops").tag("result", "succeeded").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }
}
