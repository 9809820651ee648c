package io.ameide.coderguard.idlereaper.decision;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The reaper's judgement of one workspace at one instant, with everything a person needs to see why.
 *
 * @param workspace the workspace as {@code owner/name}
 * @param explanation the reason in words, e.g. "idle for 40m (threshold 30m) since 2025-07-10T17:20:00Z"
 * @param buildNumber the latest build's number, which with {@code idleSince} identifies the idle period
 * @param idleSince when the workspace was last used or last finished starting, whichever is later; null when unknown
 * @param idleFor how long it has been idle at {@code decidedAt}; null when unknown
 * @param stopAt when it reaches the timeout if nobody uses it; null when it will not be stopped
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Decision(
        String workspaceId,
        String workspace,
        String owner,
        String template,
        Verdict verdict,
        Reason reason,
        String explanation,
        Integer buildNumber,
        Instant decidedAt,
        Instant idleSince,
        Duration idleFor,
        Duration threshold,
        Instant stopAt) {

    public boolean isStop() {
        return verdict == Verdict.STOP;
    }
}
