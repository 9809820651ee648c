package io.ameide.coderguard.idlereaper.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.ameide.coderguard.common.coder.CoderEndpoint;
import io.ameide.coderguard.idlereaper.bench.WebhookTraffic.Target;
import io.ameide.coderguard.sandbox.CoderStandIn;
import io.ameide.coderguard.sandbox.StopBuild;
import io.ameide.coderguard.sandbox.WorkspaceSpec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Coder's notification webhook under load: 500 deliveries a second on loopback for {@link #MEASURED_SECONDS} s,
 * half of them re-deliveries of a message already sent, after a warm-up of {@link #WARM_UP_SECONDS} s that is
 * not counted. It reports the latency of each delivery, what the webhook answered, and whether every message
 * led to exactly one fresh look at its workspace in Coder (the stand-in's count of
 * {@code GET /api/v2/workspaces/{id}}) once the hint queue has drained. It asserts nothing about time; it fails
 * only when a message was lost or looked at twice.
 * <p>
 * Run alone, in about a minute, it appends the tables to {@code idle-reaper/target/webhook-benchmark-results.txt}:
 *
 * <pre>
 * ./mvnw -B -pl idle-reaper verify -Pbenchmark -Dtest=WebhookIntakeBenchmark \
 * -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * The sender, the service and the stand-in share the JVM and its cores, so the latencies include the sender's own
 * work.
 */
@QuarkusTest
@QuarkusTestResource(value = WebhookBenchmarkResource.class, restrictToAnnotatedClass = true)
@Tag("benchmark")
class WebhookIntakeBenchmark {

    static final int RATE = 500;
    static final int WARM_UP_SECONDS = 10;
    static final int MEASURED_SECONDS = 25;
    static final int IN_USE = 950;
    static final int IDLE = 50;
    /** How long the fresh looks may take to catch up with the last accepted message. */
    static final Duration DRAIN_BOUND = Duration.ofSeconds(60);
    /** Watched after the looks caught up: a look beyond one per message would arrive now. */
    static final Duration QUIET = Duration.ofSeconds(2);

    private static final long FLEET_SEED = 20_261_204L;
    private static final long WARM_UP_SEED = 1L;
    private static final long MEASURED_SEED = 2L;

    @TestHTTPResource("/")
    URL root;

    @Inject
    MeterRegistry registry;

    /**
     * What one phase saw.
     *
     * @param looks fresh looks at Coder from the phase's start until the quiet period after it ended
     * @param drained from the last answer until the looks had caught up with the accepted messages
     * @param stops when the stand-in received each stop request in the same time
     * @param deliveries {@code idle_reaper_webhook_deliveries_total} increments, by "kind outcome"
     * @param machine collections and CPU while the deliveries were sent and answered
     * @param pauses the collections while the deliveries were sent and answered
     * @param loadAverage the machine's one-minute load average as the last answer came
     * @param lookExchange the mean {@code GET /api/v2/workspaces/{id}} exchange, as the reaper's client
     *     measured it: the fresh looks run one at a time, so this bounds how many a second the reaper can take
     */
    record Phase(WebhookTraffic traffic, WebhookLoad.Outcome load, long looks, Duration drained, boolean caughtUp,
            List<Instant> stops, Map<String, Long> deliveries, MachineUse machine, List<GcPauses.Pause> pauses,
            double loadAverage, Duration lookExchange) {
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void takesInFiveHundredDeliveriesASecondHalfOfThemRepeatsAndLooksOncePerMessage() {
        List<Target> fleet = populateAfterTheStartupSweep();
        WebhookLoad load = new WebhookLoad(hook());

        Phase warmUp = phase(load, WebhookTraffic.of(targets(fleet, 0), RATE * WARM_UP_SECONDS, WARM_UP_SEED));
        Phase measured = phase(load, WebhookTraffic.of(targets(fleet, 1), RATE * MEASURED_SECONDS, MEASURED_SEED));

        WebhookReport.publish(warmUp, measured);
        assertThat(measured.load().count(202)).isEqualTo(measured.traffic().messages());
        assertThat(measured.load().count(200)).isEqualTo(measured.traffic().redeliveries());
        assertThat(measured.looks()).isEqualTo(measured.traffic().messages());
    }

    /**
     * Waits (bounded) for the sweep at startup, which met an empty stand-in, then adds the fleet: most
     * workspaces used minutes ago, whose timers the fresh looks arm for half an hour later, and a few idle for
     * hours, which the first fresh look stops.
     */
    private List<Target> populateAfterTheStartupSweep() {
        CoderStandIn coder = WebhookBenchmarkResource.coder;
        Waiting.until(() -> coder.requestCount(CoderEndpoint.LIST_WORKSPACES) > 0, Duration.ofSeconds(15));
        Instant now = coder.clock().instant();
        Random random = new Random(FLEET_SEED);
        List<Target> fleet = new ArrayList<>();
        for (int i = 0; i < IN_USE + IDLE; i++) {
            boolean idle = i >= IN_USE;
            Duration unused = idle
                    ? Duration.ofHours(2).plusMinutes(random.nextInt(120))
                    : Duration.ofSeconds(60 + random.nextInt(240));
            String owner = "user-" + i % 200;
            String name = "ws-" + i;
            String id = coder.workspaces().add(WorkspaceSpec.idle(owner, name, now.minus(unused)));
            fleet.add(new Target(id, owner, name, idle));
        }
        return fleet;
    }

    /** Sends the traffic, waits for the looks to catch up, and watches a little longer for looks beyond those. */
    private Phase phase(WebhookLoad load, WebhookTraffic traffic) {
        Counts before = counts();
        MachineUse machineBefore = MachineUse.now();
        GcPauses pauses = GcPauses.watch();

        WebhookLoad.Outcome outcome = load.run(traffic, RATE, this::looks);
        MachineUse machine = MachineUse.now().minus(machineBefore);
        pauses.close();
        double loadAverage = MachineUse.loadAverage();

        long answered = System.nanoTime();
        boolean caughtUp = awaitLooks(before.looks() + traffic.messages());
        Duration drained = Duration.ofNanos(System.nanoTime() - answered);
        Waiting.sleep(QUIET);
        Counts during = counts().since(before);

        return new Phase(traffic, outcome, during.looks(), drained, caughtUp, stopsSince(before.stops()),
                during.deliveries(), machine, pauses.all(), loadAverage, during.meanExchange());
    }

    /**
     * What the stand-in and the service had counted: fresh looks, stop requests, webhook deliveries by "kind
     * outcome", and the time the reaper's client spent in fresh looks.
     */
    private record Counts(long looks, int stops, Map<String, Long> deliveries, Duration inLooks) {

        Counts since(Counts earlier) {
            Map<String, Long> difference = new TreeMap<>();
            deliveries.forEach((key, count) -> difference.put(key,
                    count - earlier.deliveries.getOrDefault(key, 0L)));
            difference.values().removeIf(count -> count == 0);
            return new Counts(looks - earlier.looks, stops - earlier.stops, difference,
                    inLooks.minus(earlier.inLooks));
        }

        Duration meanExchange() {
            return looks == 0 ? Duration.ZERO : inLooks.dividedBy(looks);
        }
    }

    private Counts counts() {
        return new Counts(looks(), WebhookBenchmarkResource.coder.stopBuilds().size(), deliveries(),
                Exchanges.total(registry, CoderEndpoint.GET_WORKSPACE));
    }

    /** Waits, bounded, until the stand-in has seen {@code expected} fresh looks in all; says whether it did. */
    private boolean awaitLooks(long expected) {
        Waiting.until(() -> looks() >= expected, DRAIN_BOUND);
        return looks() >= expected;
    }

    private URI hook() {
        String path = "/hooks/coder/" + WebhookBenchmarkResource.SECRET;
        return URI.create("http://127.0.0.1:" + root.getPort() + path);
    }

    /**
     * The workspaces a phase names: all those in use, and one half of the idle ones. The warm-up thus runs the
     * code that stops a workspace as well, and the measured phase still finds idle workspaces to stop.
     */
    private static List<Target> targets(List<Target> fleet, int half) {
        List<Target> idle = fleet.stream().filter(Target::idle).toList();
        List<Target> targets = new ArrayList<>(fleet.stream().filter(target -> !target.idle()).toList());
        targets.addAll(half == 0 ? idle.subList(0, idle.size() / 2) : idle.subList(idle.size() / 2, idle.size()));
        return targets;
    }

    private long looks() {
        return WebhookBenchmarkResource.coder.requestCount(CoderEndpoint.GET_WORKSPACE);
    }

    private static List<Instant> stopsSince(int earlier) {
        List<StopBuild> stops = WebhookBenchmarkResource.coder.stopBuilds();
        return stops.subList(earlier, stops.size()).stream().map(StopBuild::requestedAt).toList();
    }

    /** The service's own {@code idle_reaper_webhook_deliveries_total}, by "kind outcome". */
    private Map<String, Long> deliveries() {
        Map<String, Long> counts = new TreeMap<>();
        for (Counter counter : registry.find("idle_reaper.webhook.deliveries").counters()) {
            String key = counter.getId().getTag("kind") + " " + counter.getId().getTag("outcome");
            counts.merge(key, (long) counter.count(), Long::sum);
        }
        return counts;
    }
}
