package io.ameide.coderguard.idlereaper.decision;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why a workspace got its verdict. A fixed set, so that it can label metrics; the words for people are in
 * {@link Decision#explanation()}.
 */
public enum Reason {

    /** Idle for at least the timeout. */
    IDLE(Verdict.STOP),
    /** Idle for less than the timeout. */
    IN_USE(Verdict.KEEP),
    /** The latest build is not a succeeded start: pending, building, stopping, stopped, failed or canceled. */
    NOT_RUNNING(Verdict.SKIP),
    /** An unclaimed prebuilt workspace, which Coder's own prebuild reconciliation manages. */
    PREBUILD(Verdict.SKIP),
    /** Marked dormant; Coder no longer lets anyone use it. */
    DORMANT(Verdict.SKIP),
    /** Scheduled for deletion. */
    DELETING(Verdict.SKIP),
    /** An AI task whose app reports it is working, which moves Coder's deadline but never {@code last_used_at}. */
    TASK_WORKING(Verdict.SKIP),
    /** Matched by an exemption. */
    EXEMPT(Verdict.SKIP),
    /** A stop was already requested for this idle period; one stop per idle period, never a second. */
    STOP_ALREADY_REQUESTED(Verdict.SKIP),
    /** Coder's data for it lacks what the decision needs, or could not be read; never stopped blind. */
    UNREADABLE(Verdict.SKIP);

    private final Verdict verdict;

    Reason(Verdict verdict) {
        this.verdict = verdict;
    }

    public Verdict verdict() {
        return verdict;
    }

    /** The lower-case name used in metric labels and JSON. */
    @JsonValue
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
