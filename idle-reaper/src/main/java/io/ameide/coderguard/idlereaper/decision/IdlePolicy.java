package io.ameide.coderguard.idlereaper.decision;

import java.time.Duration;
import java.util.Objects;

/**
 * What the reaper enforces: the idle timeout and who is exempt from it. The running service builds it from its
 * configuration and the plan mode from its command line, and both hand it to the same {@link IdleJudge}.
 */
public record IdlePolicy(Duration idleTimeout, Exemptions exemptions) {

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);

    public IdlePolicy {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(exemptions, "exemptions");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("the idle timeout must be positive, was " + idleTimeout);
        }
    }
}
