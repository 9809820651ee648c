package io.ameide.coderguard.common.coder.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Coder's {@code codersdk.WorkspacesResponse}, the body of {@code GET /api/v2/workspaces}.
 *
 * @param count the total number of matching workspaces across all pages, not the length of this page
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WorkspacesResponse(List<Workspace> workspaces, int count) {

    public WorkspacesResponse {
        workspaces = workspaces == null ? List.of() : List.copyOf(workspaces);
    }
}
