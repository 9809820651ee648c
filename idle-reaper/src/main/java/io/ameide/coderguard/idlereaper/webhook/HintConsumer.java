package io.ameide.coderguard.idlereaper.webhook;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.ameide.coderguard.idlereaper.reaper.Reaper;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Takes a fresh look at each workspace a hint names, off the HTTP threads. Looks run side by side on the worker pool,
 * so their rate is not bounded by one Coder round trip; the reaper acts on one workspace with one thread at a time.
 */
@Singleton
public class HintConsumer {

    private final Reaper reaper;

    HintConsumer(Reaper reaper) {
        this.reaper = reaper;
    }

    @Incoming(WorkspaceHint.CHANNEL)
    @Blocking(value = WorkspaceHint.POOL, ordered = false)
    public void lookAgain(WorkspaceHint hint) {
        if (hint.workspaceId() != null) {
            reaper.evaluate(hint.workspaceId());
        } else {
            reaper.evaluate(hint.owner(), hint.name());
        }
    }
}
