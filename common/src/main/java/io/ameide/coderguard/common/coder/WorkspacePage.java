package io.ameide.coderguard.common.coder;

import java.util.List;

import io.ameide.coderguard.common.coder.model.Workspace;

/**
 * One page of {@code GET /api/v2/workspaces}, or all pages of a search.
 *
 * @param workspaces the workspaces that could be read, in Coder's order
 * @param unreadable the entries that could not be read, each with its problem
 * @param count Coder's total of matching workspaces when the last page was fetched
 */
public record WorkspacePage(List<Workspace> workspaces, List<UnreadableWorkspace> unreadable, int count) {

    public WorkspacePage {
        workspaces = List.copyOf(workspaces);
        unreadable = List.copyOf(unreadable);
    }

    /** How many entries the response held, readable or not. */
    public int size() {
        return workspaces.size() + unreadable.size();
    }
}
