package io.ameide.coderguard.common.coder.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The fields of Coder's {@code codersdk.ProvisionerJob} that the services read. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProvisionerJob(
        String id,
        JobStatus status,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("completed_at") Instant completedAt,
        String error,
        @JsonProperty("queue_position") Integer queuePosition,
        @JsonProperty("queue_size") Integer queueSize) {

    public ProvisionerJob {
        status = status == null ? JobStatus.UNKNOWN : status;
    }
}
