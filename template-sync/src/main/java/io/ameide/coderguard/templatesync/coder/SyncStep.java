package io.ameide.coderguard.templatesync.coder;

/** The named steps of a sync, in their order; a pass runs those its plan calls for. */
public enum SyncStep {
    LINT,
    PACK,
    UPLOAD,
    CREATE_VERSION,
    WAIT_FOR_IMPORT,
    RENAME_VERSION,
    CREATE_TEMPLATE,
    PROMOTE,
    VERIFY,
    PATCH_SETTINGS,
    RECORD
}
