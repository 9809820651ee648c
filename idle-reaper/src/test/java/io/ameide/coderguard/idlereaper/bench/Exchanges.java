package io.ameide.coderguard.idlereaper.bench;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

import io.ameide.coderguard.common.coder.CoderEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The reaper's exchanges with Coder, from its own {@code idle_reaper_coder_requests} timers: request sent to
 * response read, so the time Coder (here the stand-in) and the connection take, without parsing.
 */
final class Exchanges {

    private Exchanges() {
    }

    /** Time spent in exchanges with one endpoint so far. */
    static Duration total(MeterRegistry registry, CoderEndpoint endpoint) {
        double nanos = timers(registry, endpoint).stream()
                .mapToDouble(timer -> timer.totalTime(TimeUnit.NANOSECONDS))
                .sum();
        return Duration.ofNanos((long) nanos);
    }

    /** The mean exchange with one endpoint so far, or zero before the first. */
    static Duration mean(MeterRegistry registry, CoderEndpoint endpoint) {
        long count = timers(registry, endpoint).stream().mapToLong(Timer::count).sum();
        return count == 0 ? Duration.ZERO : total(registry, endpoint).dividedBy(count);
    }

    private static Collection<Timer> timers(MeterRegistry registry, CoderEndpoint endpoint) {
        return registry.find("idle_reaper.coder.requests").tag("endpoint", endpoint.tag()).timers();
    }
}
