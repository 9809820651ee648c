package io.ameide.coderguard.idlereaper.kubernetes;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

/**
 * Finds running workspace pods whose workspace Coder reports not running: left behind by a stop that failed half-way,
 * or by a workspace deleted in Coder while its Deployment stayed. They are reported (a gauge and an Event), never
 * deleted: a pod may hold a person's unsaved work, and Coder, not the reaper, owns the workspace's resources.
 * <p>
 * A pod counts only once its workspace has been missing from {@code confirmations} complete sweeps in a row, because a
 * workspace being started has its pod before Coder calls it running, and one being stopped keeps its pod for a moment
 * after.
 */
public final class OrphanPods {

    private static final Logger LOG = Logger.getLogger(OrphanPods.class);

    private final Supplier<List<WorkspacePod>> runningPods;
    private final WorkspaceEvents events;
    private final KubernetesListener listener;
    private final int confirmations;
    /** By pod uid: the complete sweeps in a row that found the pod's workspace not running. */
    private final Map<String, Integer> misses = new HashMap<>();
    private final Set<String> reported = new HashSet<>();

    /**
     * @param runningPods the running workspace pods, as {@link WorkspacePods#runningPods()} sees them
     * @param confirmations complete sweeps in a row that must miss a pod's workspace before it is reported
     */
    public OrphanPods(Supplier<List<WorkspacePod>> runningPods, WorkspaceEvents events, KubernetesListener listener,
            int confirmations) {
        this.runningPods = runningPods;
        this.events = events;
        this.listener = listener;
        this.confirmations = confirmations;
    }

    /**
     * Compares the running pods with a complete sweep's running workspaces; call it after every sweep that listed all
     * of them, and never after one that failed.
     *
     * @param runningWorkspaceIds every workspace the sweep found running, the unreadable ones included
     * @return the orphan pods now
     */
    public synchronized List<WorkspacePod> afterSweep(Set<String> runningWorkspaceIds) {
        List<WorkspacePod> pods = runningPods.get();
        Set<String> seen = new HashSet<>();
        for (WorkspacePod pod : pods) {
            String uid = pod.pod().getUid();
            seen.add(uid);
            if (runningWorkspaceIds.contains(pod.workspaceId())) {
                misses.remove(uid);
            } else {
                misses.merge(uid, 1, Integer::sum);
            }
        }
        misses.keySet().retainAll(seen);

        List<WorkspacePod> orphans = pods.stream().filter(pod -> misses.getOrDefault(pod.pod().getUid(), 0) >= confirmations)
                .toList();
        orphans.stream().filter(pod -> reported.add(pod.pod().getUid())).forEach(this::report);
        resolved(orphans);
        listener.orphanPods(orphans.size());
        return orphans;
    }

    private void report(WorkspacePod pod) {
        LOG.infof("Orphan workspace pod found, left running: pod=%s workspace_id=%s sweeps=%d", pod.podName(),
                pod.workspaceId(), misses.get(pod.pod().getUid()));
        events.orphanPod(pod, misses.get(pod.pod().getUid()));
    }

    private void resolved(List<WorkspacePod> orphans) {
        Set<String> current = new HashSet<>();
        orphans.forEach(pod -> current.add(pod.pod().getUid()));
        int before = reported.size();
        reported.retainAll(current);
        if (reported.size() < before) {
            LOG.infof("Orphan workspace pods resolved (gone, or their workspace running again): count=%d",
                    before - reported.size());
        }
    }
}
