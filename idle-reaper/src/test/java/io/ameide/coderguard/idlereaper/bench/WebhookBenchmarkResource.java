package io.ameide.coderguard.idlereaper.bench;

import java.util.Map;

import io.ameide.coderguard.idlereaper.CoderStandInResource;
import io.ameide.coderguard.sandbox.CoderStandIn;

/**
 * The Coder stand-in and the settings for the webhook intake benchmark. The stand-in starts empty: the
 * benchmark adds the workspaces once the sweep at startup has run, so that every look it counts was asked for
 * by a webhook. The sweep then runs once an hour, after the benchmark has ended.
 */
public class WebhookBenchmarkResource extends CoderStandInResource {

    static final String SECRET = "bench-webhook-path-secret-0123456789";
    static volatile CoderStandIn coder;

    @Override
    protected void started(CoderStandIn standIn) {
        coder = standIn;
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of(
                "quarkus.http.host", "127.0.0.1",
                "idle-reaper.sweep-interval", "1h",
                "idle-reaper.webhook.secret", SECRET,
                // Every idle workspace a webhook names is stopped at once: a stop that waited for a slot would
                // get a second fresh look when the slot frees, and the count of looks would no longer be one
                // per message.
                "idle-reaper.max-stops-in-flight", "10000",
                "idle-reaper.stop.follow-interval", "200ms");
    }
}
