package io.ameide.coderguard.common.coder;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with full jitter: attempt {@code n} waits a random time up to
 * {@code min(maxDelay, initialDelay * 2^(n-1))}, so that replicas and workspaces that failed together do not retry
 * together.
 *
 * @param maxAttempts how many times one call is sent at most, the first included
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(5));
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("delays must satisfy 0 <= initialDelay <= maxDelay");
        }
    }

    /** The wait before attempt {@code attempt} (2 for the first retry), between zero and its cap. */
    public Duration delayBefore(int attempt, RandomGenerator random) {
        Duration cap = cap(attempt);
        long capNanos = cap.toNanos();
        return capNanos <= 0 ? Duration.ZERO : Duration.ofNanos(random.nextLong(capNanos + 1));
    }

    /** The upper bound of the wait before attempt {@code attempt}. */
    public Duration cap(int attempt) {
        int doublings = Math.max(0, Math.min(attempt - 2, 30));
        Duration grown = initialDelay.multipliedBy(1L << doublings);
        return grown.compareTo(maxDelay) > 0 ? maxDelay : grown;
    }
}
