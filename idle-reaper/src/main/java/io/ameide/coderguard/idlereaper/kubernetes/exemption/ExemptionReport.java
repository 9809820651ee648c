package io.ameide.coderguard.idlereaper.kubernetes.exemption;

import java.time.Instant;
import java.util.Optional;

/**
 * A {@link WorkspaceExemption} that entered a state: reported once per object and state.
 *
 * @param namespace the object's namespace
 * @param name the object's name
 * @param state the state it entered
 * @param until until when it is honoured; empty when invalid
 * @param capped whether its expiry was cut to the cap
 * @param message why, in words
 */
public record ExemptionReport(String namespace, String name, ExemptionState state, Optional<Instant> until, boolean capped,
        String message) {
}
