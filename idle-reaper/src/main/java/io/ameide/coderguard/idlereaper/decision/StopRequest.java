package io.ameide.coderguard.idlereaper.decision;

import java.time.Instant;

/**
 * A stop the reaper has already requested (or, in dry-run, would have), remembered so that one idle period gets one
 * stop. An idle period is the start build it ran under and the instant it began; activity after the request starts a
 * new period, and a new build makes the record stale.
 *
 * @param buildNumber the number of the start build that was running when the stop was requested
 * @param idleSince when the idle period began
 * @param requestedAt when the stop was requested
 * @param dryRun true when the reaper only decided and reported, without asking Coder
 */
public record StopRequest(String workspaceId, int buildNumber, Instant idleSince, Instant requestedAt, boolean dryRun) {

    /** True when this request was made for the idle period that the workspace is in now. */
    public boolean coversPeriod(int currentBuildNumber, Instant currentIdleSince) {
        return buildNumber == currentBuildNumber && !currentIdleSince.isAfter(idleSince);
    }
}
