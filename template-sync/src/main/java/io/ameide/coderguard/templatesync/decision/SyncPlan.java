package io.ameide.coderguard.templatesync.decision;

import java.util.List;
import java.util.Optional;

/**
 * The decision for one template at one moment: the next action and what differs.
 *
 * @param action the next step; {@link SyncAction#PATCH_SETTINGS} comes only when no version step is due
 * @param versionId the version the action concerns (to promote, rename or create the template from), or null
 * @param drift everything that differs from the release, most important first; empty when in sync
 */
public record SyncPlan(SyncAction action, String versionId, List<Drift> drift) {

    public SyncPlan {
        drift = List.copyOf(drift);
    }

    static SyncPlan of(SyncAction action, String versionId, List<Drift> drift) {
        return new SyncPlan(action, versionId, drift);
    }

    public boolean isInSync() {
        return action == SyncAction.NONE && drift.isEmpty();
    }

    /** The first, most important drift. */
    public Optional<Drift> primaryDrift() {
        return drift.isEmpty() ? Optional.empty() : Optional.of(drift.get(0));
    }

    public boolean hasDrift(Drift.Kind kind) {
        return drift.stream().anyMatch(d -> d.kind() == kind);
    }
}
