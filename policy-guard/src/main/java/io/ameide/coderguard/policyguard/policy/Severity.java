package io.ameide.coderguard.policyguard.policy;

import java.util.Locale;

/** How bad a finding is, in PolicyReport's words, from least to most severe. */
public enum Severity {

    INFO,
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    /** The lower-case name PolicyReport and the policy document use. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /** The severity a lower-case name stands for, or null. */
    public static Severity ofLabel(String label) {
        for (Severity severity : values()) {
            if (severity.label().equals(label)) {
                return severity;
            }
        }
        return null;
    }
}
