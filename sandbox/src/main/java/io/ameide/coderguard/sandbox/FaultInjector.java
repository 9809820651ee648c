package io.ameide.coderguard.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import io.ameide.coderguard.common.coder.CoderEndpoint;

/** The faults waiting for the next requests to each endpoint, played in the order they were injected. */
final class FaultInjector {

    private final Map<CoderEndpoint, Deque<Fault>> planned = new EnumMap<>(CoderEndpoint.class);

    synchronized void inject(CoderEndpoint endpoint, int times, Fault fault) {
        Deque<Fault> faults = planned.computeIfAbsent(endpoint, e -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            faults.add(fault);
        }
    }

    synchronized Optional<Fault> next(CoderEndpoint endpoint) {
        Deque<Fault> faults = endpoint == null ? null : planned.get(endpoint);
        return faults == null ? Optional.empty() : Optional.ofNullable(faults.poll());
    }

    synchronized void clear() {
        planned.clear();
    }
}
