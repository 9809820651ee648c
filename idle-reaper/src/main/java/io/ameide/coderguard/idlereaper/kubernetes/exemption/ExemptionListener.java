package io.ameide.coderguard.idlereaper.kubernetes.exemption;

import java.util.Map;

/** What the exemption watch reports, for metrics and tests. Every label comes from {@link ExemptionState}. */
public interface ExemptionListener {

    /** Reports nothing. */
    ExemptionListener NONE = new ExemptionListener() {
    };

    /** An exemption entered a state; called once per object and state, never while holding a lock of the watch. */
    default void entered(ExemptionReport report) {
    }

    /** How many exemptions are in each state, after every look at them; every state is present. */
    default void counted(Map<ExemptionState, Integer> counts) {
    }
}
