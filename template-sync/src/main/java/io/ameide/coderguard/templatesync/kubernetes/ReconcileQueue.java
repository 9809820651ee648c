package io.ameide.coderguard.templatesync.kubernetes;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

/**
 * Keys (namespace/name) waiting to be reconciled, each at most once at a time: a key asked for while it is being
 * reconciled runs again right after; a key asked for sooner than it is scheduled moves up, never back. Reconciles of
 * different keys run on a few worker threads, so one slow Coder call holds up only its own template.
 */
final class ReconcileQueue implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ReconcileQueue.class);

    private final Consumer<String> reconcile;
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final Map<String, Due> scheduled = new HashMap<>();
    private final Set<String> running = new HashSet<>();
    private final Set<String> again = new HashSet<>();

    private record Due(long atNanos, ScheduledFuture<?> future) {
    }

    ReconcileQueue(Consumer<String> reconcile, int workerCount) {
        this.reconcile = reconcile;
        this.timer = Executors.newSingleThreadScheduledExecutor(threads("template-sync-timer"));
        this.workers = Executors.newFixedThreadPool(workerCount, threads("template-sync-worker"));
    }

    /** Reconciles the key after {@code delay}, or sooner if it is already due sooner. */
    synchronized void enqueue(String key, Duration delay) {
        long at = System.nanoTime() + delay.toNanos();
        Due due = scheduled.get(key);
        if (due != null && due.atNanos() <= at) {
            return;
        }
        if (due != null) {
            due.future().cancel(false);
        }
        try {
            ScheduledFuture<?> future = timer.schedule(() -> start(key), delay.toNanos(), TimeUnit.NANOSECONDS);
            scheduled.put(key, new Due(at, future));
        } catch (RejectedExecutionException e) {
            // Closing: nothing more is reconciled.
        }
    }

    /** Drops a key's schedule, e.g. for a deleted object; a reconcile under way finishes. */
    synchronized void forget(String key) {
        Due due = scheduled.remove(key);
        if (due != null) {
            due.future().cancel(false);
        }
        again.remove(key);
    }

    private synchronized void start(String key) {
        scheduled.remove(key);
        if (!running.add(key)) {
            again.add(key);
            return;
        }
        try {
            workers.execute(() -> run(key));
        } catch (RejectedExecutionException e) {
            running.remove(key);
        }
    }

    private void run(String key) {
        try {
            reconcile.accept(key);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Reconcile failed unexpectedly; the next resync tries again: key=%s", key);
        } finally {
            finished(key);
        }
    }

    private synchronized void finished(String key) {
        running.remove(key);
        if (again.remove(key)) {
            enqueue(key, Duration.ZERO);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory threads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
