package io.ameide.coderguard.idlereaper.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.ameide.coderguard.common.coder.CoderEndpoint;
import io.ameide.coderguard.idlereaper.bench.SweepBenchmark.Run;
import io.ameide.coderguard.idlereaper.bench.ThresholdBenchmark.Outcome;
import io.ameide.coderguard.idlereaper.decision.Reason;

/**
 * The idle-reaper's benchmark: it measures and prints, and asserts nothing about time. Its checks only make sure
 * each scenario is the one its numbers claim to describe.
 * <p> {@code ./mvnw -B -pl idle-reaper verify -Pbenchmark} runs it in about two and a half minutes and also
 * writes the results to {@code idle-reaper/target/benchmark-results.txt}. It takes {@code common} and {@code
 * sandbox} from the local Maven repository: in a fresh clone, or after changing either, run {@code ./mvnw -B
 * install -DskipTests} first.
 * <p> The stand-in runs in the same JVM and shares its cores, so the times include Coder's side of each
 * exchange as the stand-in plays it. The call counts carry over to a real Coder unchanged; times and delays
 * grow with its latency.
 */
@Tag("benchmark")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdleReaperBenchmark {

    /** Held, because the logging framework keeps loggers only weakly and would forget the level set on them. */
    private static final Logger SERVICE_LOGS = Logger.getLogger("io.ameide.coderguard");
    private static final Duration THROTTLE_WATCH = Duration.ofSeconds(10);

    private static BenchmarkReport report;

    @BeforeAll
    static void start() {
        // Every stop is an INFO line; 500 of them per sweep on the console would be measured as sweep time.
        SERVICE_LOGS.setLevel(Level.WARNING);
        report = new BenchmarkReport();
    }

    @AfterAll
    static void writeResults() {
        System.out.println("\nResults written to " + report.write().toAbsolutePath().normalize());
    }

    @Test
    @Order(1)
    void sweepOverTenThousandWorkspaces() {
        SweepBenchmark.warmUp(SweepBenchmark.PAGE_100);

        Map<SweepBenchmark.Config, List<Run>> runs = new LinkedHashMap<>();
        List.of(SweepBenchmark.PAGE_100, SweepBenchmark.PAGE_500)
                .forEach(config -> runs.put(config, SweepBenchmark.measure(config)));
        SweepBenchmark.Throttled throttled = SweepBenchmark.throttled(THROTTLE_WATCH);

        runs.values().forEach(IdleReaperBenchmark::checkTheFleet);
        assertThat(throttled.stoppedBySweep()).isEqualTo(SweepBenchmark.THROTTLED.maxStopsInFlight());
        report.section("Scenario 1: a sweep over 10,000 running workspaces", SweepReport.render(runs, throttled));
    }

    @Test
    @Order(2)
    void delayFromThresholdToStopRequest() {
        List<ThresholdBenchmark.Config> configs = List.of(new ThresholdBenchmark.Config(200, 1_000),
                new ThresholdBenchmark.Config(1_000, 2_000), new ThresholdBenchmark.Config(200, 3));

        List<Outcome> outcomes = configs.stream().map(ThresholdBenchmark::run).toList();

        outcomes.forEach(outcome -> assertThat(outcome.kept()).isEqualTo(outcome.config().workspaces()));
        report.section("Scenario 2: from threshold to stop request", ThresholdReport.render(outcomes));
    }

    /**
     * Each first sweep judged the whole fleet and stopped exactly its idle part, else the numbers mean nothing.
     */
    private static void checkTheFleet(List<Run> runs) {
        for (Run run : runs) {
            assertThat(run.first().judged()).isEqualTo(Fleet.TEN_THOUSAND.running());
            assertThat(run.first().reasons().get(Reason.IDLE)).isEqualTo((long) Fleet.TEN_THOUSAND.idle());
            assertThat(run.first().calls().of(CoderEndpoint.CREATE_WORKSPACE_BUILD))
                    .isEqualTo(Fleet.TEN_THOUSAND.idle());
        }
    }
}
