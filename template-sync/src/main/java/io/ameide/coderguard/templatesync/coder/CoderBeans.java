package io.ameide.coderguard.templatesync.coder;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.ameide.coderguard.common.coder.CoderClient;
import io.ameide.coderguard.templatesync.config.SyncSettings;
import io.ameide.coderguard.templatesync.config.TemplateSyncConfig;
import io.ameide.coderguard.templatesync.decision.SyncPlanner;
import io.ameide.coderguard.templatesync.decision.TemplateLint;
import io.ameide.coderguard.templatesync.metrics.SyncMetrics;

/** The Coder client, the clock and the syncer, as beans, so that tests can replace any of them. */
public class CoderBeans {

    @Produces
    @Singleton
    CoderClient coderClient(SyncSettings settings, SyncMetrics metrics) {
        return new CoderClient(settings.coderClientConfig(), metrics);
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    TemplateSyncer syncer(CoderClient coder, SyncSettings settings, Clock clock) {
        TemplateSyncConfig config = settings.config();
        return new TemplateSyncer(coder, config.coder().organization(), new SyncPlanner(config.importTimeout()),
                new TemplateLint(config.requiredResources()), clock, config.dryRun());
    }
}
