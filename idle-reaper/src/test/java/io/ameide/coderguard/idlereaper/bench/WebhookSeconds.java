package io.ameide.coderguard.idlereaper.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.ameide.coderguard.idlereaper.bench.WebhookIntakeBenchmark.Phase;

/**
 * A phase cut into the seconds its deliveries were due in, each with what else happened in it: how late the
 * sender was, the collections, the stops the reaper requested. A slow second beside a late sender or a long
 * collection was a stall of the whole JVM; a slow second with neither points at the service.
 */
final class WebhookSeconds {

    /**
     * @param number counted from 1
     * @param latencies the answered deliveries due in this second; null when none was answered
     */
    record Second(int number, Stats latencies, Duration senderLate, int collections, Duration gcTime, int stops) {

        Duration p99() {
            return latencies == null ? Duration.ZERO : latencies.percentile(99);
        }
    }

    private WebhookSeconds() {
    }

    static List<Second> of(Phase phase, int perSecond) {
        WebhookLoad.Outcome load = phase.load();
        int count = (load.statuses().length + perSecond - 1) / perSecond;
        List<Second> seconds = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            Instant from = load.started().plusSeconds(s);
            Instant to = from.plusSeconds(1);
            List<GcPauses.Pause> pauses = phase.pauses().stream()
                    .filter(pause -> within(pause.start(), from, to))
                    .toList();
            seconds.add(new Second(s + 1, latencies(load, s * perSecond, (s + 1) * perSecond),
                    senderLate(load, s * perSecond, (s + 1) * perSecond), pauses.size(),
                    pauses.stream().map(GcPauses.Pause::duration).reduce(Duration.ZERO, Duration::plus),
                    (int) phase.stops().stream().filter(at -> within(at, from, to)).count()));
        }
        return seconds;
    }

    static List<Second> slowest(List<Second> seconds, int how) {
        return seconds.stream().sorted(Comparator.comparing(Second::p99).reversed()).limit(how).toList();
    }

    private static Stats latencies(WebhookLoad.Outcome load, int from, int to) {
        List<Duration> answered = new ArrayList<>();
        for (int i = from; i < Math.min(to, load.statuses().length); i++) {
            if (load.statuses()[i] > 0) {
                answered.add(Duration.ofNanos(load.latencies()[i]));
            }
        }
        return answered.isEmpty() ? null : Stats.of(answered);
    }

    private static Duration senderLate(WebhookLoad.Outcome load, int from, int to) {
        long most = 0;
        for (int i = from; i < Math.min(to, load.lateness().length); i++) {
            most = Math.max(most, load.lateness()[i]);
        }
        return Duration.ofNanos(most);
    }

    private static boolean within(Instant at, Instant from, Instant to) {
        return !at.isBefore(from) && at.isBefore(to);
    }
}
