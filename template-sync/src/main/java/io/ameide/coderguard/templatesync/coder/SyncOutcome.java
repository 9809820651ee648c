package io.ameide.coderguard.templatesync.coder;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.ameide.coderguard.templatesync.decision.ImportStatus;
import io.ameide.coderguard.templatesync.decision.LintFinding;
import io.ameide.coderguard.templatesync.decision.SyncPlan;
import io.ameide.coderguard.templatesync.decision.Tracking;

/**
 * What one pass found and did.
 *
 * @param plan the plan once the pass settled: what is left to do and what differs; null when the pass stopped before
 *     planning (lint findings, files that cannot be packed, Coder failing)
 * @param steps the steps that ran, in order, each with a short detail
 * @param tracking what to remember for the next pass
 * @param promotions the promotions this pass made
 * @param contentHash the packed files' hash, or empty when they could not be packed
 * @param activeVersion the version Coder serves at the end of the pass, if the template exists
 * @param releaseVersion the release's version in Coder at the end of the pass, if there is one
 * @param failure why the pass could not finish, if it could not
 * @param outdatedWorkspaces workspaces of the template on a version other than the active one, when Coder told
 */
public record SyncOutcome(SyncPlan plan, List<StepRecord> steps, Tracking tracking, List<Promotion> promotions,
        List<LintFinding> lintFindings, String contentHash, Optional<VersionRef> activeVersion,
        Optional<VersionRef> releaseVersion, Optional<Failure> failure, boolean dryRun, OptionalInt outdatedWorkspaces) {

    public SyncOutcome {
        steps = List.copyOf(steps);
        promotions = List.copyOf(promotions);
        lintFindings = List.copyOf(lintFindings);
    }

    public record StepRecord(SyncStep step, String detail) {
    }

    public record VersionRef(String id, String name, ImportStatus importStatus) {
    }

    /**
     * @param transient worth trying again soon (Coder unreachable, timing out, 429 or 5xx); otherwise a person must act
     */
    public record Failure(Kind kind, String message, boolean isTransient) {

        public enum Kind {
            /** The files break the lint rules. */
            LINT,
            /** The files cannot be packed (a path outside the template, a name too long for tar). */
            PACK,
            /** Coder could not be reached or failed; tried again with backoff. */
            CODER_UNAVAILABLE,
            /** Coder refused a call (4xx): its message says why. */
            CODER_REFUSED,
            /** After promoting, Coder's active version was not the one promoted. */
            VERIFY,
            /** The pass did not settle within its steps: someone else changes the template at the same time. */
            UNSETTLED,
            /** This replica lost the Lease during the pass and stopped before changing Coder again. */
            NOT_LEADING
        }
    }

    public boolean ranStep(SyncStep step) {
        return steps.stream().anyMatch(s -> s.step() == step);
    }
}
