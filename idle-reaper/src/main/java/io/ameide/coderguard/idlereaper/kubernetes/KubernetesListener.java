package io.ameide.coderguard.idlereaper.kubernetes;

/**
 * What the Kubernetes side reports for metrics. Every argument comes from a fixed set, never a workspace or pod name.
 */
public interface KubernetesListener {

    /** Reports nothing; for tests that do not look at metrics. */
    KubernetesListener NONE = new KubernetesListener() {
    };

    /**
     * A workspace pod became ready.
     *
     * @param outcome {@code sent} (a hint to look at its workspace), {@code unmapped} (no workspace found for the pod) or
     *     {@code overloaded} (the hint queue was full)
     */
    default void podReady(String outcome) {
    }

    /**
     * An Event the reaper meant to write.
     *
     * @param reason the Event's reason tag, e.g. {@code idle_stopped} ({@link EventReason#tag()})
     * @param outcome {@code created}, {@code updated} (a repeat: its count went up), {@code no_target} (no Deployment or
     *     pod of the workspace is watched), {@code failed} (the API server refused or did not answer) or {@code dropped}
     *     (too many Events waiting to be written)
     */
    default void event(String reason, String outcome) {
    }

    /** Running workspace pods whose workspace Coder reports not running, as of the last complete sweep. */
    default void orphanPods(int count) {
    }

    /** This replica joined the election and does not hold the Lease yet: not leading, though nothing was lost. */
    default void candidate() {
    }

    /** This replica gained (true) or lost (false) the Lease that lets it stop workspaces. */
    default void leader(boolean leading) {
    }
}
