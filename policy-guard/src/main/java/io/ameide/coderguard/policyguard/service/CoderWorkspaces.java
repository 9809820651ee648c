package io.ameide.coderguard.policyguard.service;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.jboss.logging.Logger;

import io.ameide.coderguard.common.coder.CoderClient;
import io.ameide.coderguard.common.coder.WorkspacePage;
import io.ameide.coderguard.common.coder.WorkspaceQuery;
import io.ameide.coderguard.common.coder.model.Transition;
import io.ameide.coderguard.common.coder.model.Workspace;
import io.ameide.coderguard.policyguard.decision.WorkspaceDirectory;

/**
 * What Coder knows of workspaces, read once per resync for the orphan rules. Until a complete list has been read, or
 * when a page of it was unreadable, there is no directory and orphans are not judged: a pod is never called an orphan
 * because Coder was down or answered in part.
 */
final class CoderWorkspaces {

    private static final Logger LOG = Logger.getLogger(CoderWorkspaces.class);
    private static final int PAGE_SIZE = 100;

    private final CoderClient client;
    private volatile Optional<WorkspaceDirectory> directory = Optional.empty();

    CoderWorkspaces(CoderClient client) {
        this.client = client;
    }

    Optional<WorkspaceDirectory> directory() {
        return directory;
    }

    void refresh() {
        try {
            WorkspacePage page = client.searchWorkspaces(WorkspaceQuery.create(), PAGE_SIZE);
            if (!page.unreadable().isEmpty()) {
                LOG.warnf("Coder listed unreadable workspaces; orphans are not judged this round: unreadable=%d",
                        page.unreadable().size());
                directory = Optional.empty();
                return;
            }
            Set<String> known = new HashSet<>();
            Set<String> running = new HashSet<>();
            for (Workspace workspace : page.workspaces()) {
                known.add(workspace.id());
                // A workspace being started has its pod before Coder calls it running: any start build counts.
                if (workspace.latestBuild() != null && workspace.latestBuild().transition() == Transition.START) {
                    running.add(workspace.id());
                }
            }
            directory = Optional.of(new WorkspaceDirectory(known, running));
        } catch (RuntimeException e) {
            LOG.warnf("Coder's workspaces could not be read; orphans are not judged until they can: %s", e.getMessage());
            directory = Optional.empty();
        }
    }
}
