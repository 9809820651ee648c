package io.ameide.coderguard.idlereaper.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.ameide.coderguard.sandbox.CoderStandIn;
import io.ameide.coderguard.sandbox.StandInOptions;
import io.ameide.coderguard.sandbox.WorkspaceSpec;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the Coder stand-in on loopback for the service tests, seeded with one idle and one busy workspace, and points
 * the service at it.
 */
public class StandInResource implements QuarkusTestResourceLifecycleManager {

    static final String IDLE = "bob/idle";
    static final String BUSY = "alice/busy";

    private CoderStandIn coder;

    @Override
    public Map<String, String> start() {
        coder = CoderStandIn.start(StandInOptions.defaults().withJobDuration(Duration.ofMillis(100)));
        Instant now = coder.clock().instant();
        coder.workspaces().add(WorkspaceSpec.idle("bob", "idle", now.minus(Duration.ofHours(2))).template("k8s-devbox"));
        coder.workspaces().add(WorkspaceSpec.idle("alice", "busy", now).active(true));
        return Map.of(
                "idle-reaper.coder.url", coder.baseUrl().toString(),
                "idle-reaper.coder.token", coder.token(),
                "idle-reaper.sweep-interval", "1s",
                "idle-reaper.stop.follow-interval", "100ms");
    }

    @Override
    public void stop() {
        if (coder != null) {
            coder.close();
        }
    }
}
