package io.ameide.coderguard.policyguard.decision;

import java.util.Set;

/**
 * What Coder knows, as the orphan rules need it: the ids of every workspace it has, and of those whose latest build
 * started them.
 */
public record WorkspaceDirectory(Set<String> known, Set<String> running) {

    public WorkspaceDirectory {
        known = Set.copyOf(known);
        running = Set.copyOf(running);
    }
}
