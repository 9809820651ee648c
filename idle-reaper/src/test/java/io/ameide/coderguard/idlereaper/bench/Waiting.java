package io.ameide.coderguard.idlereaper.bench;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded waits: a benchmark waits for the system under test, but never without an end. */
final class Waiting {

    private static final Duration POLL = Duration.ofMillis(50);

    private Waiting() {
    }

    /** Waits until {@code done} holds or {@code bound} has passed, whichever comes first. */
    static void until(BooleanSupplier done, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() - deadline < 0) {
            sleep(POLL);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
