package io.ameide.coderguard.idlereaper.reaper;

import java.time.Instant;

/**
 * A workspace that reaches the idle timeout at {@code stopAt} unless somebody uses it first.
 *
 * @param workspace the workspace as {@code owner/name}
 */
public record UpcomingStop(String workspaceId, String workspace, Instant stopAt) {
}
