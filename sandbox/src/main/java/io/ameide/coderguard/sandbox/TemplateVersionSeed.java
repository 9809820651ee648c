package io.ameide.coderguard.sandbox;

import java.time.Instant;
import java.util.Map;

import io.ameide.coderguard.common.coder.model.JobStatus;

/**
 * A template version to put into the stand-in as it stands, for a test that starts from a given Coder state.
 *
 * @param id the version's id, or null for a random one
 * @param message the version's message, or null for none
 * @param error the import error of a failed version, else null
 * @param createdAt when the version and its import job were created
 * @param tags extra provisioner tags of the import job (beside {@code scope} and {@code owner})
 * @param matchedProvisioners the provisioners matching those tags; 0 keeps a pending job pending
 */
public record TemplateVersionSeed(String id, String name, String message, JobStatus status, String error,
        Instant createdAt, Map<String, String> tags, int matchedProvisioners) {

    public TemplateVersionSeed {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** A succeeded version created at {@code createdAt}. */
    public static TemplateVersionSeed succeeded(String name, String message, Instant createdAt) {
        return new TemplateVersionSeed(null, name, message, JobStatus.SUCCEEDED, null, createdAt, Map.of(), 3);
    }
}
