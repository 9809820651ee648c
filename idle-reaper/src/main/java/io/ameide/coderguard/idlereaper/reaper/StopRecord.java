package io.ameide.coderguard.idlereaper.reaper;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.ameide.coderguard.idlereaper.decision.Decision;

/**
 * What the reaper did about one idle workspace, as the HTTP API returns it: the decision with its reasons, and what
 * came of the stop.
 *
 * @param outcome {@code dry_run}, {@code requested}, {@code conflict} (another build was active), {@code failed}
 *     (Coder refused or did not answer), then {@code succeeded}, {@code failed} or {@code canceled} once the stop
 *     build finished
 * @param stopBuildId the stop build Coder created, when it created one
 * @param error Coder's words when the stop did not go through
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StopRecord(Decision decision, String outcome, String stopBuildId, Integer stopBuildNumber, String error,
        Instant updatedAt) {

    StopRecord finished(String result, String jobError, Instant at) {
        return new StopRecord(decision, result, stopBuildId, stopBuildNumber, jobError, at);
    }
}
