package io.ameide.coderguard.idlereaper.reaper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One timer per running workspace, set for the instant it would reach the idle timeout, so that a stop is requested
 * within moments of the threshold instead of up to a sweep later. A timer only triggers a fresh look at Coder's
 * state; it never stops anything by itself.
 */
final class IdleTimers {

    /** Timers fire this much after the instant, so that the fresh look never lands a hair before the threshold. */
    private static final Duration SLACK = Duration.ofMillis(5);
    private static final Duration LONGEST = Duration.ofDays(365);

    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Consumer<String> onDue;
    private final Map<String, Armed> armed = new ConcurrentHashMap<>();

    IdleTimers(ScheduledExecutorService scheduler, Clock clock, Consumer<String> onDue) {
        this.scheduler = scheduler;
        this.clock = clock;
        this.onDue = onDue;
    }

    /** Sets the workspace's timer for {@code at}, replacing one set for another instant. */
    void arm(String workspaceId, Instant at) {
        armed.compute(workspaceId, (id, current) -> {
            if (current != null && current.at().equals(at)) {
                return current;
            }
            if (current != null) {
                current.future().cancel(false);
            }
            long delayNanos = delayNanos(at);
            try {
                return new Armed(at, scheduler.schedule(() -> fire(id, at), delayNanos, TimeUnit.NANOSECONDS));
            } catch (RejectedExecutionException e) {
                return null;
            }
        });
    }

    /** Nanoseconds from now until just after {@code at}; saturated, so a date far in the future cannot overflow. */
    private long delayNanos(Instant at) {
        Duration delay = Duration.between(clock.instant(), at).plus(SLACK);
        return delay.isNegative() ? 0 : delay.compareTo(LONGEST) > 0 ? LONGEST.toNanos() : delay.toNanos();
    }

    void disarm(String workspaceId) {
        Armed current = armed.remove(workspaceId);
        if (current != null) {
            current.future().cancel(false);
        }
    }

    /** Disarms the timers of workspaces that are no longer running. */
    void retainOnly(Set<String> runningWorkspaceIds) {
        armed.keySet().stream().filter(id -> !runningWorkspaceIds.contains(id)).toList().forEach(this::disarm);
    }

    int size() {
        return armed.size();
    }

    Map<String, Instant> dueTimes() {
        Map<String, Instant> due = new HashMap<>();
        armed.forEach((id, timer) -> due.put(id, timer.at()));
        return due;
    }

    private void fire(String workspaceId, Instant at) {
        Armed current = armed.get(workspaceId);
        if (current != null && current.at().equals(at) && armed.remove(workspaceId, current)) {
            onDue.accept(workspaceId);
        }
    }

    private record Armed(Instant at, ScheduledFuture<?> future) {
    }
}
