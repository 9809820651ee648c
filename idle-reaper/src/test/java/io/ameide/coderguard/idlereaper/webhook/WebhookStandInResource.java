package io.ameide.coderguard.idlereaper.webhook;

import java.util.Map;

import io.ameide.coderguard.idlereaper.CoderStandInResource;
import io.ameide.coderguard.sandbox.CoderStandIn;

/**
 * An empty Coder stand-in and a webhook secret for the webhook tests. The sweep runs once an hour, so what the
 * tests see evaluated was evaluated because of a webhook.
 */
public class WebhookStandInResource extends CoderStandInResource {

    static final String SECRET = "s3cret-path-segment-for-tests";
    static volatile CoderStandIn coder;

    @Override
    protected void started(CoderStandIn standIn) {
        coder = standIn;
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("idle-reaper.sweep-interval", "1h", "idle-reaper.webhook.secret", SECRET,
                "idle-reaper.webhook.max-body-bytes", "16384");
    }
}
