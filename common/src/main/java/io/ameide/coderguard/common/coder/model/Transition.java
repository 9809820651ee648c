package io.ameide.coderguard.common.coder.model;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Coder's {@code codersdk.WorkspaceTransition}. A value that a newer Coder adds reads as {@link #UNKNOWN}. */
public enum Transition {
    @JsonProperty("start")
    START,
    @JsonProperty("stop")
    STOP,
    @JsonProperty("delete")
    DELETE,
    @JsonEnumDefaultValue
    UNKNOWN
}
