package io.ameide.coderguard.templatesync.decision;

import java.time.Instant;
import java.util.Map;

/**
 * A template version as Coder holds it.
 *
 * @param message the version's message; template-sync writes the content hash of the files into it
 * @param jobCreatedAt when the import job was queued; the import timeout counts from here
 * @param error Coder's error for a failed import, empty otherwise
 * @param matchedProvisioners how many provisioners could take the import job, or -1 when Coder did not say
 * @param tags the provisioner tags the import job waits for
 */
public record ObservedVersion(String id, String name, String message, ImportStatus importStatus, Instant jobCreatedAt,
        String error, int matchedProvisioners, Map<String, String> tags) {

    public ObservedVersion {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        error = error == null ? "" : error;
    }
}
