package io.ameide.coderguard.templatesync.decision;

/**
 * A way in which Coder differs from the release, with a sentence a person understands.
 *
 * @param kind the kind, a bounded set for metrics and condition reasons
 * @param message what differs, naming versions by name
 */
public record Drift(Kind kind, String message) {

    public enum Kind {
        /** Coder serves another version than the release (a hand promotion, a CLI push, or not yet promoted). */
        ACTIVE_VERSION_DIFFERS,
        /** The version Coder serves has a failed import job, whatever its name. */
        ACTIVE_VERSION_FAILED_IMPORT,
        /** The release's version failed to import: Coder's error is in the message. */
        RELEASE_IMPORT_FAILED,
        /** The release's import did not finish within the import timeout. */
        IMPORT_STUCK,
        /** A version carries the release's name with other content than the release's files. */
        CONTENT_MISMATCH,
        /** The version template-sync created carries another name than the release's. */
        NAME_MISMATCH,
        /** A managed template setting differs. */
        SETTINGS_DIFFER,
        /** The template template-sync created and promoted into is gone from Coder (deleted by hand). */
        TEMPLATE_MISSING,
        /** The release cannot be pushed as declared: a name Coder refuses, or lint findings. */
        RELEASE_INVALID
    }
}
