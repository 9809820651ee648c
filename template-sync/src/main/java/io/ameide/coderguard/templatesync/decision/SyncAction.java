package io.ameide.coderguard.templatesync.decision;

/** The next step towards the release. Only the first five change Coder. */
public enum SyncAction {

    /** Upload the packed files and create the release's version (creating the template later, if absent). */
    CREATE_VERSION(true),
    /** Give the version template-sync created the release's name. */
    RENAME_VERSION(true),
    /** Create the template from the release's version, whose import succeeded. */
    CREATE_TEMPLATE(true),
    /** Make the release's version the active one. */
    PROMOTE(true),
    /** Patch the managed template settings. */
    PATCH_SETTINGS(true),
    /** The release's import is under way: look again later. */
    WAIT_FOR_IMPORT(false),
    /** The release is ready and the policy leaves its promotion to a person. */
    AWAIT_MANUAL_PROMOTION(false),
    /** Nothing can be done until a person acts: the drift says why. */
    HOLD(false),
    /** Coder matches the release. */
    NONE(false);

    private final boolean changesCoder;

    SyncAction(boolean changesCoder) {
        this.changesCoder = changesCoder;
    }

    public boolean changesCoder() {
        return changesCoder;
    }
}
