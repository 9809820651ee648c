package io.ameide.coderguard.idlereaper.kubernetes.exemption;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import io.ameide.coderguard.common.time.Durations;
import io.ameide.coderguard.idlereaper.decision.Exemptions;

/**
 * What one {@link WorkspaceExemption} amounts to at an instant: a pure function of its spec, its creation and the cap,
 * so that it can be tested without a cluster.
 *
 * @param state whether it is in force
 * @param exemptions what it exempts while in force; {@link Exemptions#NONE} otherwise
 * @param until until when it is honoured (its expiry, or creation plus the cap when that is earlier); empty when invalid
 * @param capped whether its expiry lay beyond the cap, so that it ends earlier than it asks
 * @param message why, in words, for the log and the object's status
 */
public record ExemptionAssessment(ExemptionState state, Exemptions exemptions, Optional<Instant> until, boolean capped,
        String message) {

    /**
     * Judges an exemption.
     *
     * @param spec the object's spec; may be null or incomplete, since the API server's schema check is not the only
     *     way in (an older CRD, a mock server)
     * @param created when the object was created; the cap counts from here, so re-applying an object does not extend it
     * @param now the instant to judge at
     * @param maxLifetime how long after its creation an exemption may last at most
     */
    public static ExemptionAssessment of(WorkspaceExemptionSpec spec, Instant created, Instant now, Duration maxLifetime) {
        if (spec == null) {
            return invalid("it has no spec");
        }
        if (spec.getReason() == null || spec.getReason().isBlank()) {
            return invalid("spec.reason is missing: an exemption must say why");
        }
        if (spec.getExpiresAt() == null || spec.getExpiresAt().isBlank()) {
            return invalid("spec.expiresAt is missing: an exemption must end");
        }
        Optional<Instant> expiresAt = rfc3339(spec.getExpiresAt());
        if (expiresAt.isEmpty()) {
            return invalid("spec.expiresAt is not an RFC 3339 time with a zone, like 2026-12-11T18:00:00Z");
        }
        Exemptions exemptions = Exemptions.of(names(spec.getOwners()), names(spec.getWorkspaces()), names(spec.getTemplates()));
        if (exemptions.equals(Exemptions.NONE)) {
            return invalid("it names no owner, workspace or template");
        }

        Instant cap = created.plus(maxLifetime);
        boolean capped = expiresAt.get().isAfter(cap);
        Instant until = capped ? cap : expiresAt.get();
        String cappedWords = capped
                ? " (capped: spec.expiresAt lies more than " + Durations.words(maxLifetime) + " after its creation)"
                : "";
        if (!now.isBefore(until)) {
            return new ExemptionAssessment(ExemptionState.EXPIRED, Exemptions.NONE, Optional.of(until), capped,
                    "expired at " + until + cappedWords);
        }
        return new ExemptionAssessment(ExemptionState.ACTIVE, exemptions, Optional.of(until), capped,
                "in force until " + until + cappedWords + ": " + spec.getReason().strip());
    }

    /** The status the reaper writes on the object for this assessment. */
    public WorkspaceExemptionStatus status() {
        return new WorkspaceExemptionStatus(state.word(), state == ExemptionState.ACTIVE,
                until.map(Instant::toString).orElse(null),
                message);
    }

    private static ExemptionAssessment invalid(String message) {
        return new ExemptionAssessment(ExemptionState.INVALID, Exemptions.NONE, Optional.empty(), false, message);
    }

    private static List<String> names(List<String> names) {
        return names == null ? List.of() : names.stream().filter(name -> name != null).toList();
    }

    /** RFC 3339 demands a zone; a time without one would be read in some machine's zone, so it is refused. */
    private static Optional<Instant> rfc3339(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
