package io.ameide.coderguard.sandbox;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure the stand-in plays instead of, or before, a normal answer: the ways Coder or the network in front
 * of it let a client down. Coder answers 429 when a user exceeds {@code CODER_API_RATE_LIMIT} (512 requests a
 * minute by default), 5xx when its database or a proxy fails, and a slow answer when it is overloaded.
 *
 * @see CoderStandIn#inject(io.ameide.coderguard.common.coder.CoderEndpoint, int, Fault)
 */
public final class Fault {

    private final int status;
    private final Duration delay;
    private final Duration retryAfter;

    private Fault(int status, Duration delay, Duration retryAfter) {
        this.status = status;
        this.delay = delay;
        this.retryAfter = retryAfter;
    }

    /** Answers with this status and an error body in Coder's shape, without touching the stand-in's state. */
    public static Fault status(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a fault status must be 4xx or 5xx, was " + status);
        }
        return new Fault(status, Duration.ZERO, null);
    }

    /** Answers 429 with a {@code Retry-After} header in whole seconds, rounded up. */
    public static Fault tooManyRequests(Duration retryAfter) {
        Objects.requireNonNull(retryAfter, "retryAfter");
        return new Fault(429, Duration.ZERO, retryAfter);
    }

    /** Waits this long, then answers normally: enough to run a client into its timeout. */
    public static Fault delay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a delay cannot be negative");
        }
        return new Fault(0, delay, null);
    }

    /** The same failure, played only after waiting this long: a slow error. */
    public Fault after(Duration wait) {
        return new Fault(status, wait, retryAfter);
    }

    int status() {
        return status;
    }

    Duration delay() {
        return delay;
    }

    /** Whether the normal answer is replaced, rather than only delayed. */
    boolean replacesAnswer() {
        return status != 0;
    }

    /** The {@code Retry-After} value in seconds, or -1 for none. */
    long retryAfterSeconds() {
        if (retryAfter == null) {
            return -1;
        }
        long seconds = retryAfter.toSeconds();
        return retryAfter.minusSeconds(seconds).isZero() ? seconds : seconds + 1;
    }

    @Override
    public String toString() {
        return replacesAnswer() ? "HTTP " + status + (delay.isZero() ? "" : " after " + delay) : "delay " + delay;
    }
}
