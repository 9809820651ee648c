package io.ameide.coderguard.templatesync.decision;

/** Where a version's import job stands, as Coder reports its provisioner job. */
public enum ImportStatus {

    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELING,
    CANCELED,
    UNKNOWN;

    /** True while the job may still change. {@link #UNKNOWN} counts as unfinished: it is never promoted. */
    public boolean isUnfinished() {
        return this == PENDING || this == RUNNING || this == CANCELING || this == UNKNOWN;
    }
}
