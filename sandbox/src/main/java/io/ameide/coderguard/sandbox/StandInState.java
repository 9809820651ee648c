package io.ameide.coderguard.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.ameide.coderguard.common.coder.model.JobStatus;
import io.ameide.coderguard.common.coder.model.Transition;

/**
 * Every workspace, build and provisioner job the stand-in knows, behind one lock.
 * <p>
 * Records are immutable and replaced on change, so a reader takes references under the lock and renders them
 * after releasing it. Listed workspaces are kept sorted in Coder's list order (running first, then owner, then
 * name), so a page costs one pass over the sorted map instead of a sort per request.
 */
final class StandInState {

    private final Map<String, WorkspaceRecord> byId = new HashMap<>();
    private final NavigableMap<SortKey, WorkspaceRecord> listed = new TreeMap<>();
    private final Map<String, BuildRecord> builds = new HashMap<>();
    private final Deque<String> queue = new ArrayDeque<>();
    private final Set<String> running = new HashSet<>();
    private final FailurePlan failures = new FailurePlan();
    private long enqueued;
    private long dequeued;
    private int provisioners;

    StandInState(int provisioners) {
        this.provisioners = provisioners;
    }

    /** Adds a workspace with its latest build; a pending job joins the queue behind the ones already waiting. */
    synchronized WorkspaceRecord add(WorkspaceRecord workspace) {
        if (byId.containsKey(workspace.id())) {
            throw new IllegalArgumentException("a workspace with id " + workspace.id() + " exists already");
        }
        BuildRecord build = workspace.latestBuild();
        if (build.job().status() == JobStatus.PENDING) {
            build = build.withJob(build.job().queued(enqueue(build.id())), build.updatedAt());
        } else if (build.job().status() == JobStatus.RUNNING) {
            running.add(build.id());
        }
        WorkspaceRecord stored = workspace.withLatestBuild(build);
        builds.put(build.id(), build);
        replace(null, stored);
        return stored;
    }

    /** The matching workspaces in Coder's order, the slice asked for, and the total. {@code limit} 0 means all. */
    synchronized SearchPage search(Predicate<WorkspaceRecord> filter, int limit, int offset, Instant now) {
        List<WorkspaceRecord> page = new ArrayList<>();
        int count = 0;
        for (WorkspaceRecord workspace : listed.values()) {
            if (!filter.test(workspace)) {
                continue;
            }
            if (count >= offset && (limit == 0 || page.size() < limit)) {
                page.add(workspace);
            }
            count++;
        }
        return new SearchPage(page, count, snapshot(now));
    }

    synchronized Optional<WorkspaceView> workspace(String id, Instant now) {
        return Optional.ofNullable(byId.get(id)).map(workspace -> new WorkspaceView(workspace, snapshot(now)));
    }

    synchronized Optional<BuildView> build(String id, Instant now) {
        BuildRecord build = builds.get(id);
        if (build == null) {
            return Optional.empty();
        }
        return Optional.of(new BuildView(build, byId.get(build.workspaceId()).info(), snapshot(now)));
    }

    synchronized List<WorkspaceRecord> all() {
        return new ArrayList<>(listed.values());
    }

    synchronized int size() {
        return byId.size();
    }

    /** Queues a new build, or says why Coder would refuse it. */
    synchronized BuildOutcome createBuild(BuildOrder order) {
        WorkspaceRecord workspace = byId.get(order.workspaceId());
        if (workspace == null) {
            return BuildOutcome.refused(BuildOutcome.Refusal.NOT_FOUND);
        }
        if (workspace.deleted()) {
            return BuildOutcome.refused(BuildOutcome.Refusal.DELETED);
        }
        if (workspace.latestBuild().isActive()) {
            return BuildOutcome.refused(BuildOutcome.Refusal.ACTIVE);
        }
        BuildRecord build = nextBuild(workspace.latestBuild(), order);
        builds.put(build.id(), build);
        replace(workspace, workspace.withLatestBuild(build));
        return BuildOutcome.created(new BuildView(build, workspace.info(), snapshot(order.now())));
    }

    /** Hands queued jobs to free provisioners, oldest first, and returns the builds whose jobs started. */
    synchronized List<String> startQueued(Instant now) {
        List<String> started = new ArrayList<>();
        while (running.size() < provisioners && !queue.isEmpty()) {
            String buildId = queue.poll();
            dequeued++;
            BuildRecord build = builds.get(buildId);
            replaceBuild(build.withJob(build.job().started(now), now));
            running.add(buildId);
            started.add(buildId);
        }
        return started;
    }

    /**
     * Completes a running job. A succeeded start gets Coder's deadline, completion plus TTL, when the workspace
     * has a TTL; a succeeded delete removes the workspace from lists.
     */
    synchronized void finish(String buildId, Instant now) {
        if (!running.remove(buildId)) {
            return;
        }
        BuildRecord build = builds.get(buildId);
        BuildRecord done = build.withJob(build.job().finished(now), now);
        WorkspaceRecord workspace = byId.get(build.workspaceId());
        Long ttlMs = workspace.info().ttlMs();
        if (done.isSucceededStart() && ttlMs != null) {
            done = done.withDeadline(now.plus(Duration.ofMillis(ttlMs)));
        }
        replaceBuild(done);
        if (done.transition() == Transition.DELETE && done.job().status() == JobStatus.SUCCEEDED) {
            WorkspaceRecord current = byId.get(build.workspaceId());
            replace(current, current.withDeleted(true));
        }
    }

    /** Moves {@code last_used_at} forward only, as Coder's batched usage update does. */
    synchronized void touch(String workspaceId, Instant usedAt) {
        WorkspaceRecord workspace = existing(workspaceId);
        if (usedAt.isAfter(workspace.lastUsedAt())) {
            replace(workspace, workspace.withLastUsedAt(usedAt));
        }
    }

    synchronized void active(String workspaceId, boolean active) {
        WorkspaceRecord workspace = existing(workspaceId);
        replace(workspace, workspace.withActive(active));
    }

    /** What an agent stats report that counts connections does; only running workspaces have agents. */
    synchronized void bumpActive(Instant now) {
        List<WorkspaceRecord> bumped = byId.values().stream()
                .filter(w -> w.active() && w.isRunning() && now.isAfter(w.lastUsedAt()))
                .toList();
        bumped.forEach(workspace -> replace(workspace, workspace.withLastUsedAt(now)));
    }

    synchronized void provisioners(int count) {
        provisioners = count;
    }

    synchronized void failNextBuilds(int count, String error) {
        failures.next(count, error);
    }

    synchronized void failNextBuildOf(String workspaceId, String error) {
        existing(workspaceId);
        failures.forWorkspace(workspaceId, error);
    }

    private BuildRecord nextBuild(BuildRecord previous, BuildOrder order) {
        String id = Ids.random();
        JobRecord job = JobRecord.pending(Ids.random(), order.now(), failures.claim(previous.workspaceId()));
        StandInUser initiator = order.initiator();
        // A new build reuses the previous build's template version, as Coder does for a stop (and for a start
        // that names no version).
        return new BuildRecord(id, previous.workspaceId(), previous.workspaceName(), previous.ownerId(),
                previous.ownerName(), previous.buildNumber() + 1, order.transition(), order.reason(), order.now(),
                order.now(), null, previous.templateVersionId(), previous.templateVersionName(), initiator.id(),
                initiator.username(), job.queued(enqueue(id)));
    }

    private long enqueue(String buildId) {
        queue.add(buildId);
        return enqueued++;
    }

    private void replaceBuild(BuildRecord build) {
        builds.put(build.id(), build);
        WorkspaceRecord workspace = byId.get(build.workspaceId());
        if (workspace.latestBuild().id().equals(build.id())) {
            replace(workspace, workspace.withLatestBuild(build));
        }
    }

    /** Keeps the sorted list in step: a workspace moves as it starts or stops running, and leaves if deleted. */
    private void replace(WorkspaceRecord old, WorkspaceRecord updated) {
        if (old != null) {
            listed.remove(SortKey.of(old));
        }
        byId.put(updated.id(), updated);
        if (!updated.deleted()) {
            listed.put(SortKey.of(updated), updated);
        }
    }

    private WorkspaceRecord existing(String workspaceId) {
        WorkspaceRecord workspace = byId.get(workspaceId);
        if (workspace == null) {
            throw new IllegalArgumentException("no workspace with id " + workspaceId);
        }
        return workspace;
    }

    private QueueSnapshot snapshot(Instant now) {
        return new QueueSnapshot(dequeued, queue.size(), running.size(), provisioners, now);
    }

    /** A request for a new build of a workspace. */
    record BuildOrder(String workspaceId, Transition transition, String reason, StandInUser initiator,
            Instant now) {
    }

    record SearchPage(List<WorkspaceRecord> workspaces, int count, QueueSnapshot queue) {
    }

    record WorkspaceView(WorkspaceRecord workspace, QueueSnapshot queue) {
    }

    record BuildView(BuildRecord build, WorkspaceInfo workspace, QueueSnapshot queue) {
    }

    /** Either the queued build or the reason Coder would give for refusing it. */
    record BuildOutcome(BuildView created, Refusal refusal) {

        enum Refusal {
            NOT_FOUND,
            DELETED,
            ACTIVE
        }

        static BuildOutcome created(BuildView build) {
            return new BuildOutcome(build, null);
        }

        static BuildOutcome refused(Refusal refusal) {
            return new BuildOutcome(null, refusal);
        }
    }

    /**
     * Coder's list order after favourites (the stand-in's user has none): running first, then the owner's and
     * the workspace's names without case. The id breaks ties so that no two workspaces share a key.
     */
    private record SortKey(boolean running, String owner, String name, String id) implements Comparable<SortKey> {

        static SortKey of(WorkspaceRecord workspace) {
            return new SortKey(workspace.isRunning(), workspace.info().ownerName().toLowerCase(Locale.ROOT),
                    workspace.info().name().toLowerCase(Locale.ROOT), workspace.id());
        }

        @Override
        public int compareTo(SortKey other) {
            if (running != other.running) {
                return running ? -1 : 1;
            }
            int byOwner = owner.compareTo(other.owner);
            if (byOwner != 0) {
                return byOwner;
            }
            int byName = name.compareTo(other.name);
            return byName != 0 ? byName : id.compareTo(other.id);
        }
    }

    /** Builds that a test wants to fail: the next few of any workspace, or the next one of a given workspace. */
    private static final class FailurePlan {

        private final Map<String, String> byWorkspace = new HashMap<>();
        private int remaining;
        private String error;

        void next(int count, String message) {
            remaining = count;
            error = message;
        }

        void forWorkspace(String workspaceId, String message) {
            byWorkspace.put(workspaceId, message);
        }

        String claim(String workspaceId) {
            String planned = byWorkspace.remove(workspaceId);
            if (planned != null || remaining == 0) {
                return planned;
            }
            remaining--;
            return error;
        }
    }
}
