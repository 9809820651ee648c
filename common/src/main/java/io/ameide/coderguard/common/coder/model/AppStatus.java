package io.ameide.coderguard.common.coder.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Coder's {@code codersdk.WorkspaceAppStatus}: what an AI task's app last reported. A task that is {@code working}
 * bumps Coder's deadline but never {@code last_used_at}, so it looks idle while it works.
 *
 * @param state {@code working}, {@code idle}, {@code complete} or {@code failure}; kept as text so that a state
 *     added by a newer Coder reads as "not working" instead of failing the whole workspace
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AppStatus(
        String state,
        @JsonProperty("created_at") Instant createdAt) {

    public static final String WORKING = "working";

    public boolean isWorking() {
        return WORKING.equalsIgnoreCase(state);
    }
}
