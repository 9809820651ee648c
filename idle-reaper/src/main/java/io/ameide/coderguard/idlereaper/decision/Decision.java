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
 * @param coderAutostopAt when Coder's own autostop would stop it (the latest start build's {@code deadline}); null
 *     when the workspace has no TTL in Coder, as when its owner switched autostop off
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
        Instant stopAt,
        Instant coderAutostopAt) {

    public boolean isStop() {
        return verdict == Verdict.STOP;
    }

    /**
     * What Coder itself does about this workspace around the reaper's stop, in words. Coder's autostop reminder (template
     * setting {@code time_til_autostop_notify_ms}) is tied to Coder's own deadline, which exists only for a workspace
     * with a TTL; the reaper cannot make Coder send one for its own stop (see DESIGN.md, "Warnings").
     */
    public String coderAutostopInWords() {
        if (coderAutostopAt == null) {
            return "Coder has no autostop for it (no TTL), so Coder sends its owner no reminder";
        }
        if (stopAt != null && !coderAutostopAt.isAfter(stopAt)) {
            return "Coder's own autostop is due first, at " + coderAutostopAt
                    + "; Coder reminds the owner before it where the template sets an autostop reminder";
        }
        return "Coder's own autostop is due later, at " + coderAutostopAt + ", so Coder sends no reminder before this stop";
    }
}
