package io.ameide.coderguard.sandbox;

import java.time.Instant;

/**
 * The parts of a workspace that none of the served endpoints change: who owns it, which template it comes from,
 * its schedule and its markers.
 *
 * @param ttlMs Coder's autostop in milliseconds; null means the workspace never stops by itself
 * @param appStatusState the latest AI-task app status ({@code working}, {@code idle}, …) or null when none was
 *     reported
 * @param taskId the AI task the workspace belongs to, or null
 */
record WorkspaceInfo(String id, String name, Instant createdAt, Instant updatedAt, String ownerId,
        String ownerName, String organizationId, String organizationName, String templateId, String templateName,
        String templateActiveVersionId, Long ttlMs, String autostartSchedule, Instant dormantAt,
        Instant deletingAt, boolean prebuild, String appStatusState, Instant appStatusAt, String taskId) {
}
