package io.ameide.coderguard.templatesync.coder;

import java.time.Instant;

/**
 * A version template-sync made active; Coder CE keeps no audit log, so the custom resource's status keeps these.
 *
 * @param cause why: the release's sync, a template created from it, or undoing a change made by hand
 * @param replacedVersionName the version Coder served just before, or null for a new template
 */
public record Promotion(String versionId, String versionName, Instant at, Cause cause, String replacedVersionName) {

    public enum Cause {
        /** The template was created from the release's version. */
        TEMPLATE_CREATED,
        /** The release's version was promoted as the sync's last step. */
        RELEASE,
        /** The release was promoted back after someone made another version active. */
        SELF_HEAL
    }
}
