package io.ameide.coderguard.idlereaper.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.ameide.coderguard.idlereaper.bench.WebhookIntakeBenchmark.Phase;

/**
 * The webhook intake benchmark's results as people read them: printed, and appended to
 * {@code target/webhook-benchmark-results.txt}, so that several runs can be compared.
 */
final class WebhookReport {

    private static final Duration GOAL = Duration.ofMillis(20);
    private static final int SLOWEST = 3;

    private WebhookReport() {
    }

    static void publish(Phase warmUp, Phase measured) {
        String text = render(warmUp, measured);
        System.out.print(text);
        System.out.flush();
        System.out.println("Results appended to " + append(text).toAbsolutePath().normalize());
    }

    static String render(Phase warmUp, Phase measured) {
        List<WebhookSeconds.Second> seconds = WebhookSeconds.of(measured, WebhookIntakeBenchmark.RATE);
        return "\n== idle-reaper webhook intake, " + Instant.now() + " ==\n" + Jvm.machine() + "\n" + setup()
                + "\nAnswers and latency (due time to whole response)\n" + latencyTable(warmUp, measured).render()
                + timing(measured) + secondsOverview(seconds) + slowestTable(seconds).render()
                + "\nNone lost, each message looked at once (measured phase)\n"
                + onceTable(measured).render() + lookNote(measured)
                + "\nidle_reaper_webhook_deliveries_total, measured phase\n"
                + deliveriesTable(measured.deliveries()).render();
    }

    private static String setup() {
        int idleHalf = WebhookIntakeBenchmark.IDLE / 2;
        return String.format("""
                POST /hooks/coder/<secret> on 127.0.0.1, HTTP/1.1 keep-alive, open-loop at %d a second: delivery i
                is due at start + i/%d s whatever has come back; latency runs from that due time to the whole
                response. Even deliveries are new "Workspace Autobuild Failed" messages (about 1 KiB), targets[0]
                a workspace picked at random: one of %,d used minutes ago or one of %d idle for hours; odd ones
                re-deliver an earlier message of the phase picked at random, same body, same X-Message-Id. A %d s
                warm-up with its own messages comes first, naming the in-use workspaces and %d other idle ones.
                The sweep runs hourly, so every look at Coder comes from a webhook. Sender, service and Coder
                stand-in share this JVM and its cores.
                """, WebhookIntakeBenchmark.RATE, WebhookIntakeBenchmark.RATE, WebhookIntakeBenchmark.IN_USE,
                WebhookIntakeBenchmark.IDLE - idleHalf, WebhookIntakeBenchmark.WARM_UP_SECONDS, idleHalf);
    }

    private static Table latencyTable(Phase warmUp, Phase measured) {
        Table table = new Table("phase", "sent", "202 accepted", "200 duplicate", "other", "p50", "p90", "p99",
                "p99.9", "max", "over 20 ms");
        latencyRow(table, "warm-up (not counted)", warmUp);
        latencyRow(table, "measured, " + WebhookIntakeBenchmark.MEASURED_SECONDS + " s", measured);
        return table;
    }

    private static void latencyRow(Table table, String label, Phase phase) {
        WebhookLoad.Outcome load = phase.load();
        List<Duration> answered = load.answeredLatencies();
        long slow = answered.stream().filter(latency -> latency.compareTo(GOAL) > 0).count();
        long sent = load.statuses().length;
        long other = sent - load.count(202) - load.count(200);
        if (answered.isEmpty()) {
            table.row(label, count(sent), count(load.count(202)), count(load.count(200)), other(load, other),
                    "-", "-", "-", "-", "-", "-");
            return;
        }
        Stats stats = Stats.of(answered);
        table.row(label, count(sent), count(load.count(202)), count(load.count(200)), other(load, other),
                Stats.format(stats.median()), Stats.format(stats.percentile(90)),
                Stats.format(stats.percentile(99)), Stats.format(stats.percentile(99.9)),
                Stats.format(stats.max()), String.format("%,d (%.2f %%)", slow, 100.0 * slow / sent));
    }

    /** The count of other answers, with each status that occurred: 503, 0 (no answer), -1 (exchange failed). */
    private static String other(WebhookLoad.Outcome load, long other) {
        if (other == 0) {
            return "0";
        }
        Map<Integer, Long> byStatus = new TreeMap<>();
        for (int status : load.statuses()) {
            if (status != 202 && status != 200) {
                byStatus.merge(status, 1L, Long::sum);
            }
        }
        return count(other) + " " + byStatus;
    }

    private static String timing(Phase measured) {
        WebhookLoad.Outcome load = measured.load();
        MachineUse machine = measured.machine();
        Duration planned = Duration.ofSeconds(WebhookIntakeBenchmark.MEASURED_SECONDS);
        return String.format("""
                Measured phase: sending took %s (planned %s); the sender fell behind its timetable by at most %s.
                While sending: %d garbage collections, %d ms in all; JIT compilers busy for %d ms.
                This JVM (sender, service, stand-in) used %.2f cores on average; all cores were %s busy,
                by any process; load average (1 min) at the end %.2f.
                """, Stats.format(load.sending()), Stats.format(planned), Stats.format(load.senderLag()),
                machine.collections(), machine.gcTime().toMillis(), machine.jitTime().toMillis(),
                machine.jvmCores(), busy(machine), measured.loadAverage());
    }

    private static String secondsOverview(List<WebhookSeconds.Second> seconds) {
        long over = seconds.stream().filter(second -> second.p99().compareTo(GOAL) > 0).count();
        return String.format("\nSeconds of the measured phase with p99 over 20 ms: %d of %d. The slowest:%n", over,
                seconds.size());
    }

    private static Table slowestTable(List<WebhookSeconds.Second> seconds) {
        Table table = new Table("second", "p99", "max", "sender late by", "collections", "stop requests");
        for (WebhookSeconds.Second second : WebhookSeconds.slowest(seconds, SLOWEST)) {
            String max = second.latencies() == null ? "-" : Stats.format(second.latencies().max());
            table.row(second.number(), Stats.format(second.p99()), max, Stats.format(second.senderLate()),
                    second.collections() + " (" + second.gcTime().toMillis() + " ms)", second.stops());
        }
        return table;
    }

    private static String busy(MachineUse machine) {
        return machine.machineBusy() < 0 ? "(unknown)" : String.format("%.0f %%", 100 * machine.machineBusy());
    }

    private static Table onceTable(Phase measured) {
        long messages = measured.traffic().messages();
        Table table = new Table("messages", "re-deliveries", "fresh looks", "lost", "looked twice",
                "most waiting for a look", "looks caught up", "stops requested");
        table.row(count(messages), count(measured.traffic().redeliveries()), count(measured.looks()),
                count(Math.max(0, messages - measured.looks())), count(Math.max(0, measured.looks() - messages)),
                count(measured.load().maxBacklog()),
                (measured.caughtUp() ? "" : "not within ") + Stats.format(measured.drained())
                        + " after the last answer",
                measured.stops().size() + " (idle workspaces named: " + measured.traffic().idleNamed().size()
                        + ")");
        return table;
    }

    /** The looks run one at a time on the workspace-hints channel, so their exchange bounds their rate. */
    private static String lookNote(Phase measured) {
        Duration exchange = measured.lookExchange();
        String ceiling = exchange.isZero() ? "-" : String.format("%,.0f", 1.0 / (exchange.toNanos() / 1e9));
        return String.format("""
                A fresh look's GET /api/v2/workspaces/{id} took %s on average (the reaper's own timer); the looks
                run one at a time, so this stand-in allows at most about %s looks a second.
                """, Stats.format(exchange), ceiling);
    }

    private static Table deliveriesTable(Map<String, Long> deliveries) {
        Table table = new Table("kind", "outcome", "count");
        deliveries.forEach((key, count) -> {
            String[] parts = key.split(" ", 2);
            table.row(parts[0], parts[1], count(count));
        });
        return table;
    }

    private static String count(long value) {
        return String.format("%,d", value);
    }

    private static Path append(String text) {
        Path file = Path.of(System.getProperty("basedir", "."), "target", "webhook-benchmark-results.txt");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }
}
