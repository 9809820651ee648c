package io.ameide.coderguard.common.coder.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The fields of Coder's {@code codersdk.ProvisionerJob} that the services read.
 *
 * @param tags the provisioner tags the job waits for (e.g. {@code pool=gpu}); a job whose tags no provisioner has
 *     stays pending for good
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProvisionerJob(
        String id,
        JobStatus status,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("completed_at") Instant completedAt,
        String error,
        @JsonProperty("queue_position") Integer queuePosition,
        @JsonProperty("queue_size") Integer queueSize,
        Map<String, String> tags) {

    public ProvisionerJob {
        status = status == null ? JobStatus.UNKNOWN : status;
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** A job without provisioner tags, as the services build them in tests and decisions. */
    public ProvisionerJob(String id, JobStatus status, Instant createdAt, Instant startedAt, Instant completedAt,
            String error, Integer queuePosition, Integer queueSize) {
        this(id, status, createdAt, startedAt, completedAt, error, queuePosition, queueSize, Map.of());
    }
}
