package io.ameide.coderguard.common.coder.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The fields of Coder's {@code codersdk.TemplateVersion} that template-sync reads.
 *
 * @param templateId null for a version created ahead of its template, until the template is created from it
 * @param name unique per template; Coder picks a random one (e.g. {@code eager_lamport3}) when none is sent, so a
 *     version is tracked by its id
 * @param message free text; template-sync records the content hash of the files here
 * @param job the import job: the version can be promoted only once it has succeeded
 * @param matchedProvisioners how many provisioners could take the import job; 0 means it stays pending
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TemplateVersion(
        String id,
        @JsonProperty("template_id") String templateId,
        @JsonProperty("organization_id") String organizationId,
        String name,
        String message,
        @JsonProperty("created_at") Instant createdAt,
        Boolean archived,
        ProvisionerJob job,
        @JsonProperty("matched_provisioners") MatchedProvisioners matchedProvisioners) {

    /** The import job's status; {@link JobStatus#UNKNOWN} when Coder sent no job. */
    public JobStatus importStatus() {
        return job == null ? JobStatus.UNKNOWN : job.status();
    }

    public boolean isArchived() {
        return Boolean.TRUE.equals(archived);
    }
}
