package io.ameide.coderguard.common.coder.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The fields of Coder's {@code codersdk.WorkspaceBuild} that the services read.
 *
 * @param status Coder's derived workspace status (pending, starting, running, stopping, stopped, failed, canceling,
 *     canceled, deleting, deleted); it does not tell the transition, {@link #transition} does
 * @param reason why the build ran; kept as text because Coder sends more values than its API description lists
 * @param deadline when Coder's own autostop would stop the workspace; null when the workspace has no TTL
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkspaceBuild(
        String id,
        @JsonProperty("workspace_id") String workspaceId,
        @JsonProperty("build_number") int buildNumber,
        Transition transition,
        String status,
        String reason,
        @JsonProperty("created_at") Instant createdAt,
        Instant deadline,
        ProvisionerJob job,
        @JsonProperty("matched_provisioners") MatchedProvisioners matchedProvisioners) {

    /** True for a start build whose job succeeded: the only state in which Coder reports a workspace as running. */
    public boolean isSucceededStart() {
        return transition == Transition.START && job != null && job.status() == JobStatus.SUCCEEDED;
    }

    /** True while the build's job is pending, running or canceling: Coder answers 409 to any new build then. */
    public boolean isActive() {
        return job != null && job.status().isActive();
    }
}
