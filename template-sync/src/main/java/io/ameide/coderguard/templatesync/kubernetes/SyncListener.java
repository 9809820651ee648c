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

    /** The CoderTemplate is gone: its per-template gauges go too. */
    default void forgotten(String templateName) {
    }
}
