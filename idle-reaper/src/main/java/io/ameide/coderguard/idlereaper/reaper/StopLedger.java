package io.ameide.coderguard.idlereaper.reaper;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.ameide.coderguard.idlereaper.decision.StopRequest;

/**
 * What the reaper remembers between sweeps: the stop requested for each workspace's current idle period, and the
 * back-off of workspaces whose stop failed. Kept in memory: after a restart, Coder's own state guards against a
 * second stop, because a requested stop is a build that Coder reports as the workspace's latest at once.
 */
final class StopLedger {

    private final Map<String, StopRequest> requests = new ConcurrentHashMap<>();
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    Optional<StopRequest> request(String workspaceId) {
        return Optional.ofNullable(requests.get(workspaceId));
    }

    void recordRequest(StopRequest request) {
        requests.put(request.workspaceId(), request);
        failures.remove(request.workspaceId());
    }

    /** Counts a failed stop and returns when the next may be tried: doubling waits, capped, but never below a minimum. */
    Instant recordFailure(String workspaceId, Instant now, Duration initialDelay, Duration maxDelay, Duration minimum) {
        Failures next = failures.merge(workspaceId, new Failures(1, now),
                (previous, ignored) -> new Failures(previous.count() + 1, now));
        int doublings = Math.min(next.count() - 1, 20);
        Duration wait = initialDelay.multipliedBy(1L << doublings);
        wait = wait.compareTo(maxDelay) > 0 ? maxDelay : wait;
        Instant notBefore = now.plus(wait.compareTo(minimum) < 0 ? minimum : wait);
        failures.put(workspaceId, new Failures(next.count(), notBefore));
        return notBefore;
    }

    /** When the workspace may next be tried, if it is backing off after a failed stop. */
    Optional<Instant> backingOffUntil(String workspaceId, Instant now) {
        Failures entry = failures.get(workspaceId);
        return entry == null || !entry.notBefore().isAfter(now) ? Optional.empty() : Optional.of(entry.notBefore());
    }

    int failureCount(String workspaceId) {
        Failures entry = failures.get(workspaceId);
        return entry == null ? 0 : entry.count();
    }

    /** Forgets workspaces that are no longer running, so the ledger stays as large as the running set. */
    void retainOnly(Set<String> runningWorkspaceIds) {
        requests.keySet().retainAll(runningWorkspaceIds);
        failures.keySet().retainAll(runningWorkspaceIds);
    }

    private record Failures(int count, Instant notBefore) {
    }
}
