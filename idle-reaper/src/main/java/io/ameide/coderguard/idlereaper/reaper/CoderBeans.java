package io.ameide.coderguard.idlereaper.reaper;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.ameide.coderguard.common.coder.CoderClient;
import io.ameide.coderguard.idlereaper.config.ReaperSettings;
import io.ameide.coderguard.idlereaper.health.CoderReachability;

/** The Coder client and the clock, as beans, so that tests can replace either. */
public class CoderBeans {

    @Produces
    @Singleton
    CoderClient coderClient(ReaperSettings settings, CoderReachability reachability) {
        return new CoderClient(settings.coderClientConfig(), reachability);
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
