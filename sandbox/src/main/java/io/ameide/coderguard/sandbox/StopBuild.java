package io.ameide.coderguard.sandbox;

import java.time.Instant;

/**
 * A stop build that a client asked for through {@code POST /api/v2/workspaces/{workspace}/builds}, as the
 * stand-in recorded it when it answered 201.
 *
 * @param requestedAt the stand-in's clock when it queued the build
 */
public record StopBuild(String workspaceId, String buildId, int buildNumber, Instant requestedAt) {
}
