package io.ameide.coderguard.idlereaper.bench;

import java.time.Duration;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import io.ameide.coderguard.common.coder.CoderEndpoint;
import io.ameide.coderguard.idlereaper.bench.SweepBenchmark.Config;
import io.ameide.coderguard.idlereaper.bench.SweepBenchmark.Run;
import io.ameide.coderguard.idlereaper.bench.SweepBenchmark.SweepCost;
import io.ameide.coderguard.idlereaper.bench.SweepBenchmark.Throttled;
import io.ameide.coderguard.idlereaper.decision.Reason;

/** Scenario 1's results as text: what was run, then time, Coder API requests, heap and decisions. */
final class SweepReport {

    private static final Fleet.Mix MIX = Fleet.TEN_THOUSAND;

    private SweepReport() {
    }

    static String render(Map<Config, List<Run>> runs, Throttled throttled) {
        return setup()
                + "\nWall time and where it goes (median of the runs, but for the min / median / max column)\n"
                + timeTable(runs).render()
                + "\nCoder API requests (min-max where the runs differ)\n"
                + callTable(runs, throttled).render()
                + "\nHeap in use after System.gc(), the stand-in's 10,200 workspaces included: before the\n"
                + "first sweep, and after the repeat sweep with the stand-in's threads stopped. What stays is\n"
                + "the reaper's 9,200 timers and 500 stop records and the stand-in's 500 stop builds.\n"
                + heapTable(runs).render()
                + "\nDecisions of every first sweep\n" + decisionTable(runs).render()
                + throttledNote(throttled);
    }

    private static String setup() {
        return String.format("""
                Fleet: %,d running (%,d in use, %,d idle past the 30m timeout, %,d of an exempt owner,
                %,d prebuilds, %,d working AI tasks), plus %,d building and %,d stopped that q=status:running
                leaves out. Stop follow-interval 2s; stand-in stop jobs take %d ms on 3 provisioners;
                max-stops-in-flight 1000 unless said. %d warm-up runs dropped, then %d runs per configuration,
                each on a fresh stand-in and reaper. "first" is a reaper's first sweep: it arms %,d timers and
                requests %,d stops. "repeat" is the sweep right after: the steady state, %,d running, timers set.
                """, MIX.running(), MIX.inUse(), MIX.idle(), MIX.exempt(), MIX.prebuild(), MIX.taskWorking(),
                MIX.building(), MIX.stopped(), SweepBenchmark.JOB.toMillis(), SweepBenchmark.WARM_UPS,
                SweepBenchmark.RUNS, MIX.inUse(), MIX.idle(), MIX.running() - MIX.idle());
    }

    private static Table timeTable(Map<Config, List<Run>> runs) {
        Table table = new Table("config", "sweep", "wall min / median / max", "list exchanges", "stop POSTs",
                "own work", "thread CPU", "allocated");
        runs.forEach((config, list) -> {
            timeRow(table, config.label(), "first", each(list, Run::first));
            timeRow(table, config.label(), "repeat", each(list, Run::repeat));
        });
        return table;
    }

    private static void timeRow(Table table, String config, String sweep, List<SweepCost> costs) {
        long allocated = Stats.median(costs.stream().mapToLong(SweepCost::allocated).toArray());
        table.row(config, sweep, Stats.of(each(costs, SweepCost::wall)).spread(), median(costs, SweepCost::inList),
                median(costs, SweepCost::inStops), median(costs, SweepCost::ownWork),
                median(costs, SweepCost::cpu), Jvm.mib(allocated));
    }

    private static Table callTable(Map<Config, List<Run>> runs, Throttled throttled) {
        Table table = new Table("config", "what", "list pages (no overlap)", "stop POSTs", "GET workspace",
                "GET build", "other");
        runs.forEach((config, list) -> {
            callRow(table, config.label(), "first sweep", each(list, run -> run.first().calls()),
                    pages(MIX.running(), config));
            callRow(table, config.label(), "repeat sweep", each(list, run -> run.repeat().calls()),
                    pages(MIX.running() - MIX.idle(), config));
            Run last = list.get(list.size() - 1);
            String untilDone = "both, until stops done (" + Stats.format(last.stopsFinishedAfter()) + ")";
            callRow(table, config.label(), untilDone, List.of(last.untilStopsFinished()), -1);
        });
        Config limited = SweepBenchmark.THROTTLED;
        callRow(table, limited.label(), "first sweep", List.of(throttled.first().calls()),
                pages(MIX.running(), limited));
        callRow(table, limited.label(), "next " + throttled.watch().toSeconds() + " s",
                List.of(throttled.callsWhileWatched()), -1);
        return table;
    }

    /** The pages a list of {@code workspaces} would take without the client's overlap between pages. */
    private static int pages(int workspaces, Config config) {
        return (workspaces + config.pageSize() - 1) / config.pageSize();
    }

    private static void callRow(Table table, String config, String what, List<Calls> calls, int pagesWithout) {
        String pages = range(calls, c -> c.of(CoderEndpoint.LIST_WORKSPACES));
        table.row(config, what, pagesWithout < 0 ? pages : pages + " (" + pagesWithout + ")",
                range(calls, c -> c.of(CoderEndpoint.CREATE_WORKSPACE_BUILD)),
                range(calls, c -> c.of(CoderEndpoint.GET_WORKSPACE)),
                range(calls, c -> c.of(CoderEndpoint.GET_WORKSPACE_BUILD)), range(calls, Calls::others));
    }

    private static Table heapTable(Map<Config, List<Run>> runs) {
        Table table = new Table("config", "before", "after", "retained min / median / max",
                "per running workspace");
        runs.forEach((config, list) -> {
            long[] retained = list.stream().mapToLong(Run::retained).sorted().toArray();
            long median = Stats.median(retained);
            table.row(config.label(), Jvm.mib(Stats.median(list.stream().mapToLong(Run::heapBefore).toArray())),
                    Jvm.mib(Stats.median(list.stream().mapToLong(Run::heapAfter).toArray())),
                    Jvm.mib(retained[0]) + " / " + Jvm.mib(median) + " / "
                            + Jvm.mib(retained[retained.length - 1]),
                    retained[0] / MIX.running() + " B / " + median / MIX.running() + " B");
        });
        return table;
    }

    private static Table decisionTable(Map<Config, List<Run>> runs) {
        Table table = new Table("verdict / reason", "count");
        Map<Reason, Long> reasons = runs.values().iterator().next().get(0).first().reasons();
        reasons.forEach((reason, count) -> table.row(reason.verdict() + " " + reason.tag(),
                String.format("%,d", count)));
        return table;
    }

    private static String throttledNote(Throttled throttled) {
        int deferred = MIX.idle() - throttled.stoppedBySweep();
        double rate = throttled.stopsPerSecond();
        String drain = rate > 0 ? String.format("%.0f s", deferred / rate) : "never";
        return String.format("""

                With max-stops-in-flight 3, the default, the first sweep took %s, requested %d stops and
                deferred %d. In the %d s after it %d more were requested, %.2f a second: a slot frees only
                when the follow poll, every 2 s, finds the stop build done, and each deferred stop starts with
                a fresh GET of the workspace. All %d deferred stops would take about %s.
                """, Stats.format(throttled.first().wall()), throttled.stoppedBySweep(), deferred,
                throttled.watch().toSeconds(), throttled.stoppedAfterWatch() - throttled.stoppedBySweep(), rate,
                deferred, drain);
    }

    private static <T, R> List<R> each(List<T> values, Function<T, R> measure) {
        return values.stream().map(measure).toList();
    }

    private static <T> String median(List<T> values, Function<T, Duration> measure) {
        return Stats.format(Stats.of(each(values, measure)).median());
    }

    /** One number when every run agrees, else {@code min-max}. */
    private static String range(List<Calls> calls, ToLongFunction<Calls> measure) {
        LongSummaryStatistics stats = calls.stream().mapToLong(measure).summaryStatistics();
        return stats.getMin() == stats.getMax()
                ? String.format("%,d", stats.getMin())
                : String.format("%,d-%,d", stats.getMin(), stats.getMax());
    }
}
