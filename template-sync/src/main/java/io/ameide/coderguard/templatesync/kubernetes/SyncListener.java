package io.ameide.coderguard.templatesync.kubernetes;

import java.time.Duration;

import io.ameide.coderguard.templatesync.coder.SyncOutcome;

/** What the controller reports as it works; the metrics implement it. */
public interface SyncListener {

    SyncListener NONE = new SyncListener() {
    };

    /** A pass over one template finished. */
    default void passed(String templateName, SyncOutcome outcome, boolean drifted, Duration took) {
    }

    /** An Event was written ({@code created}, {@code updated}) or not ({@code failed}). */
    default void event(EventReason reason, String outcome) {
    }

    /** The CoderTemplate could not be synced: its ConfigMap is missing or its spec unusable. */
    default void unusable(String templateName, String reason) {
    }

    /**
     * A stream following an import ended other than by this service closing it: {@code import_ended} (Coder closed it
     * because the import ended), {@code closed} (Coder closed it early) or {@code failed} (not opened, or broke).
     */
    default void importStreamEnded(String outcome) {
    }

    /** The CoderTemplate is gone: its per-template gauges go too. */
    default void forgotten(String templateName) {
    }
}
