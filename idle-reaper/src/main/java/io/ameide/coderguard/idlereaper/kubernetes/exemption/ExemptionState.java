package io.ameide.coderguard.idlereaper.kubernetes.exemption;

import java.util.Locale;

/** Whether a {@link WorkspaceExemption} is in force; the metric label and the status word come from here. */
public enum ExemptionState {

    /** In force: valid, and its (possibly capped) expiry lies ahead. */
    ACTIVE,
    /** Its (possibly capped) expiry has passed; ignored. */
    EXPIRED,
    /** No reason, no readable expiry, or nothing to exempt; ignored. */
    INVALID;

    /** The metric label: {@code active}, {@code expired} or {@code invalid}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The word in the object's status: {@code Active}, {@code Expired} or {@code Invalid}. */
    public String word() {
        return name().charAt(0) + tag().substring(1);
    }
}
