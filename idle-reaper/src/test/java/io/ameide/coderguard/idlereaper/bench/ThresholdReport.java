package io.ameide.coderguard.idlereaper.bench;

import java.util.List;

import io.ameide.coderguard.common.coder.CoderEndpoint;
import io.ameide.coderguard.idlereaper.bench.ThresholdBenchmark.Outcome;

/** Scenario 2's results as text: the delays from threshold to stop request, then the calls they took. */
final class ThresholdReport {

    private ThresholdReport() {
    }

    static String render(List<Outcome> outcomes) {
        return setup() + "\nDelay from threshold to stop request\n" + delayTable(outcomes).render()
                + "\nCoder API requests from the arming sweep on; mean exchanges as the reaper measured them\n"
                + callTable(outcomes).render();
    }

    private static String setup() {
        return String.format("""
                Idle timeout %d s. Thresholds fall at random instants over %d s, from %d s after the one sweep that
                arms the timers; no other sweep runs. Delay = the stand-in's time of the stop request minus
                (idle since + timeout). A run waits at most %d s past the last threshold; where some workspaces
                were still not stopped then, each delay statistic is only a lower bound (>=). "passed over":
                workspaces whose stop came after that of one that reached the timeout later. "metric": the
                reaper's own idle_reaper_stop_delay, taken after the POST returned. Stop follow-interval 2s.
                """, ThresholdBenchmark.IDLE_TIMEOUT.toSeconds(), ThresholdBenchmark.SPREAD.toSeconds(),
                ThresholdBenchmark.LEAD.toSeconds(), ThresholdBenchmark.GRACE.toSeconds());
    }

    private static Table delayTable(List<Outcome> outcomes) {
        Table table = new Table("run", "stopped", "p50", "p99", "max", "passed over", "metric p50 / p99");
        for (Outcome outcome : outcomes) {
            Stats delays = outcome.delays();
            String bound = outcome.complete() ? "" : ">= ";
            table.row(outcome.config().label(), outcome.stopped() + " of " + outcome.thresholds().size(),
                    bound + Stats.format(delays.median()), bound + Stats.format(delays.percentile(99)),
                    bound + Stats.format(delays.max()), outcome.passedOver(),
                    outcome.metricP50().map(Stats::format).orElse("-") + " / "
                            + outcome.metricP99().map(Stats::format).orElse("-"));
        }
        return table;
    }

    private static Table callTable(List<Outcome> outcomes) {
        Table table = new Table("run", "list pages", "GET workspace", "stop POSTs", "GET build",
                "GET workspace / POST mean");
        for (Outcome outcome : outcomes) {
            table.row(outcome.config().label(), outcome.calls().of(CoderEndpoint.LIST_WORKSPACES),
                    outcome.calls().of(CoderEndpoint.GET_WORKSPACE),
                    outcome.calls().of(CoderEndpoint.CREATE_WORKSPACE_BUILD),
                    outcome.calls().of(CoderEndpoint.GET_WORKSPACE_BUILD),
                    Stats.format(outcome.getMean()) + " / " + Stats.format(outcome.postMean()));
        }
        return table;
    }
}
