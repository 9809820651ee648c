package io.ameide.coderguard.idlereaper.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Singleton;

import io.ameide.coderguard.common.coder.CoderCallListener;
import io.ameide.coderguard.common.coder.CoderEndpoint;
import io.ameide.coderguard.idlereaper.metrics.ReaperMetrics;

/**
 * Remembers how Coder answered the latest call, for the readiness check, and passes every call on to the metrics. Any
 * answer other than a 5xx counts as reachable, except 401 and 403: a token Coder rejects makes the reaper as useless as
 * an unreachable Coder.
 */
@Singleton
public class CoderReachability implements CoderCallListener {

    private final ReaperMetrics metrics;
    private final Clock clock;
    private final AtomicReference<Observation> latest = new AtomicReference<>();

    CoderReachability(ReaperMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void onCall(CoderEndpoint endpoint, int status, Duration duration) {
        metrics.onCall(endpoint, status, duration);
        latest.set(new Observation(endpoint, status, clock.instant()));
    }

    /** The latest answer, or null before the first call. */
    public Observation latest() {
        return latest.get();
    }

    public record Observation(CoderEndpoint endpoint, int status, Instant at) {

        public boolean reachable() {
            return status > 0 && status < 500 && status != 401 && status != 403;
        }

        public String describe() {
            String answer = status == 0 ? "no answer" : "status " + status;
            return endpoint.tag() + " got " + answer + " at " + at;
        }
    }
}
