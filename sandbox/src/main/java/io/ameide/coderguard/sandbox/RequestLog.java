package io.ameide.coderguard.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What clients asked of the stand-in: a counter per method and path template (so that a benchmark can count
 * Coder API calls whatever the ids), and every stop build created.
 */
final class RequestLog {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final List<StopBuild> stops = new ArrayList<>();

    void record(String routeKey) {
        counts.computeIfAbsent(routeKey, key -> new LongAdder()).increment();
    }

    long count(String routeKey) {
        LongAdder adder = counts.get(routeKey);
        return adder == null ? 0 : adder.sum();
    }

    Map<String, Long> counts() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((key, adder) -> copy.put(key, adder.sum()));
        return copy;
    }

    synchronized void recordStop(StopBuild stop) {
        stops.add(stop);
    }

    synchronized List<StopBuild> stops() {
        return List.copyOf(stops);
    }

    synchronized void reset() {
        counts.clear();
        stops.clear();
    }
}
