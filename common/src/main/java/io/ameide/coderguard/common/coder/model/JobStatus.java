package io.ameide.coderguard.common.coder.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Coder's {@code codersdk.ProvisionerJobStatus}. A value that a newer Coder adds reads as {@link #UNKNOWN}. */
public enum JobStatus {

    @JsonProperty("pending")
    PENDING,
    @JsonProperty("running")
    RUNNING,
    @JsonProperty("succeeded")
    SUCCEEDED,
    @JsonProperty("canceling")
    CANCELING,
    @JsonProperty("canceled")
    CANCELED,
    @JsonProperty("failed")
    FAILED,
    @JsonProperty("unknown")
    @JsonEnumDefaultValue
    UNKNOWN;

    /** Pending, running and canceling jobs block any new build of the workspace (Coder answers 409). */
    public boolean isActive() {
        return this == PENDING || this == RUNNING || this == CANCELING;
    }

    /** Succeeded, failed and canceled jobs will not change again. */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELED;
    }
}
