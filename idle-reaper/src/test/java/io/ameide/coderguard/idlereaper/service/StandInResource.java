package io.ameide.coderguard.idlereaper.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.ameide.coderguard.idlereaper.CoderStandInResource;
import io.ameide.coderguard.sandbox.CoderStandIn;
import io.ameide.coderguard.sandbox.WorkspaceSpec;

/**
 * Starts the Coder stand-in on loopback for the service tests, seeded with one idle and one busy workspace, and points
 * the service at it.
 */
public class StandInResource extends CoderStandInResource {

    static final String IDLE = "bob/idle";
    static final String BUSY = "alice/busy";

    @Override
    protected void started(CoderStandIn standIn) {
        Instant now = standIn.clock().instant();
        standIn.workspaces().add(WorkspaceSpec.idle("bob", "idle", now.minus(Duration.ofHours(2))).template("k8s-devbox"));
        standIn.workspaces().add(WorkspaceSpec.idle("alice", "busy", now).active(true));
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("idle-reaper.sweep-interval", "1s", "idle-reaper.stop.follow-interval", "100ms");
    }
}
