package io.ameide.coderguard.idlereaper.health;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while Coder answered the latest call with something other than an outage or a rejected token. */
@Readiness
@Singleton
public class CoderReadinessCheck implements HealthCheck {

    private final CoderReachability reachability;

    CoderReadinessCheck(CoderReachability reachability) {
        this.reachability = reachability;
    }

    @Override
    public HealthCheckResponse call() {
        CoderReachability.Observation latest = reachability.latest();
        if (latest == null) {
            return HealthCheckResponse.named("coder").down().withData("latest", "no call to Coder yet").build();
        }
        return HealthCheckResponse.named("coder").status(latest.reachable()).withData("latest", latest.describe()).build();
    }
}
