package io.ameide.coderguard.templatesync.decision;

import java.util.Set;

/**
 * What template-sync remembers between passes (in the custom resource's status), so that it follows versions by id.
 *
 * @param versionId the id Coder returned when template-sync created the release's version, or null
 * @param versionName the release that version was created for; a version created for an older release is not promoted
 * @param promotedVersionIds the versions template-sync has promoted before; a different active version after one of
 *     them is a change made by hand
 */
public record Tracking(String versionId, String versionName, Set<String> promotedVersionIds) {

    public static final Tracking NONE = new Tracking(null, null, Set.of());

    public Tracking {
        promotedVersionIds = promotedVersionIds == null ? Set.of() : Set.copyOf(promotedVersionIds);
    }

    /** The tracked version id, if it was created for this release. */
    public String versionFor(String releaseName) {
        return versionId != null && releaseName.equals(versionName) ? versionId : null;
    }
}
