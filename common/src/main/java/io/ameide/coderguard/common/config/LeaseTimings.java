package io.ameide.coderguard.common.config;

import java.time.Duration;

import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/**
 * How a service's Lease is timed: the same three keys, with the same defaults, under each service's
 * {@code kubernetes.lease} group, which extends this. {@code LeaseSettings} checks how they relate (whole seconds, the
 * renew deadline shorter than the duration, the retry period shorter than the deadline).
 */
public interface LeaseTimings {

    /** How long a follower waits after the holder's last renewal before it takes the Lease (whole seconds). */
    @WithDefault("15s")
    @WithConverter(StrictConverters.DurationWithUnit.class)
    Duration duration();

    /**
     * How long the holder goes on acting after its last renewal: shorter than the duration, so that it has stopped
     * acting before anyone else may start.
     */
    @WithDefault("10s")
    @WithConverter(StrictConverters.DurationWithUnit.class)
    Duration renewDeadline();

    /** How often followers try for the Lease and the holder renews it; shorter than the renew deadline. */
    @WithDefault("2s")
    @WithConverter(StrictConverters.DurationWithUnit.class)
    Duration retryPeriod();
}
