package io.ameide.coderguard.idlereaper.reaper;

import java.time.Instant;

/** A workspace that reaches the idle timeout at {@code stopAt} unless somebody uses it first. */
public record UpcomingStop(String workspaceId, Instant stopAt) {
}
