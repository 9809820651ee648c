package io.ameide.coderguard.common.kubernetes.lease;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.Lock;

/**
 * Whether this replica may act (stop a workspace, promote a template version, write a report), decided by a
 * coordination.k8s.io/v1 Lease shared by the replicas. Without a cluster there is one replica and it always may
 * ({@link #alone()}).
 * <p>
 * <b>Why two replicas never act at once.</b> A follower takes the Lease only when its {@code renewTime} is more than
 * the lease duration old (fabric8 compares it with the follower's own wall clock). The holder writes {@code renewTime}
 * just before it reads the Lease, and this class starts counting from the moment it sends that read, so it counts from
 * no earlier than the {@code renewTime} it wrote. {@link #leading()} turns false once the renew deadline has passed since
 * the last renewal that the API server accepted, whatever fabric8's own loop has noticed yet: a hung request or a
 * partition cannot keep it true. The lease duration minus the renew deadline (5 s by default) is the margin between the
 * old holder's last permitted action and the earliest moment another replica can hold the Lease; it covers clock drift
 * between the nodes and the time a check of {@code leading()} takes to turn into the action. An action that can take
 * longer than that margin must be checked again or bounded by its own timeout.
 * <p>
 * The new holder must not inherit the old holder's view: it reads the world afresh after it took the Lease (for the
 * idle-reaper, Coder's workspaces), so that an action the old holder completed is seen and not repeated.
 * <p>
 * On {@link #close()} the replica stops acting first, tells its {@link Listener} (which may wait for an action already
 * on its way), and only then releases the Lease so that a follower takes over at its next retry instead of
 * waiting out the lease duration.
 */
public final class Leadership implements AutoCloseable {

    /** Told when this replica starts or stops acting. Called on the election's thread; must return quickly. */
    public interface Listener {

        /** Listens to nothing. */
        Listener NONE = new Listener() {
        };

        /** This replica now holds the Lease: what it acts on must be read afresh. */
        default void gained() {
        }

        /**
         * This replica is no longer sure it holds the Lease and must not start another action. On {@link #close()}
         * this is called on the closing thread before the Lease is released, while it is still being renewed: waiting
         * here (bounded) for an action already sent keeps the follower from taking over with it half-done.
         */
        default void lost() {
        }
    }

    private static final Logger LOG = Logger.getLogger(Leadership.class);

    private final KubernetesClient client;
    private final LeaseSettings settings;
    private final Listener listener;
    private final ScheduledExecutorService timer;
    private final Object transitions = new Object();

    private volatile long validUntilNanos;
    private volatile boolean holds;
    private volatile boolean closed;
    private volatile boolean retired;
    private volatile boolean releasing;
    /** Whether the listener was last told {@code gained}; guarded by {@link #transitions}. */
    private boolean reported;
    /** The current election and its generation; guarded by {@code this}. */
    private LeaderElector elector;
    private CompletableFuture<?> election;
    private int generation;

    /**
     * A replica that takes part in the election on the Lease described by {@code settings}. Nothing is sent to the API
     * server before {@link #start()}.
     */
    public Leadership(KubernetesClient client, LeaseSettings settings, Listener listener) {
        this.client = client;
        this.settings = settings;
        this.listener = listener;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, settings.name() + "-lease");
            thread.setDaemon(true);
            return thread;
        });
    }

    private Leadership() {
        this.client = null;
        this.settings = null;
        this.listener = Listener.NONE;
        this.timer = null;
    }

    /** The only replica, with no cluster to elect on: it leads from the start until {@link #close()}. */
    public static Leadership alone() {
        return new Leadership();
    }

    /** Joins the election; a replica that later loses the Lease becomes a candidate again. */
    public synchronized void start() {
        if (settings == null || election != null || closed) {
            return;
        }
        LOG.infof("Leader election started: lease=%s/%s identity=%s lease_duration=%s renew_deadline=%s retry_period=%s",
                settings.namespace(), settings.name(), settings.identity(), settings.leaseDuration(),
                settings.renewDeadline(), settings.retryPeriod());
        elect();
    }

    /**
     * Whether this replica may act now: it holds the Lease and its last accepted renewal is younger than the renew
     * deadline. Check it right before each action, not once per sweep.
     */
    public boolean leading() {
        if (settings == null) {
            return !closed;
        }
        return holds && !closed && System.nanoTime() - validUntilNanos < 0;
    }

    /** This replica's identity in the Lease, or {@code alone}. */
    public String identity() {
        return settings == null ? "alone" : settings.identity();
    }

    /**
     * Stops acting, lets the listener finish what it has sent, then releases the Lease if this replica holds it, so that
     * a follower takes over without waiting for the lease duration.
     */
    @Override
    public void close() {
        boolean tell;
        synchronized (transitions) {
            if (closed) {
                return;
            }
            closed = true;
            tell = reported;
            reported = false;
        }
        if (settings == null) {
            return;
        }
        if (tell) {
            LOG.infof("Leadership given up on shutdown: identity=%s", settings.identity());
            listener.lost();
        }
        LeaderElector last = retire();
        release(last);
        timer.shutdownNow();
    }

    /**
     * Stops renewing without releasing the Lease and without telling anyone, as a replica that froze or crashed would;
     * {@link #leading()} is then left to its clock. For tests of the hand-over.
     */
    public void abandon() {
        retire();
    }

    private synchronized LeaderElector retire() {
        retired = true;
        if (election != null) {
            election.cancel(true);
        }
        return elector;
    }

    private void release(LeaderElector last) {
        if (last == null) {
            return;
        }
        releasing = true;
        try {
            if (last.release()) {
                LOG.infof("Lease released: lease=%s/%s identity=%s", settings.namespace(), settings.name(),
                        settings.identity());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Lease not released, a follower takes over after the lease duration: lease=%s/%s error=%s",
                    settings.namespace(), settings.name(), e.getMessage());
        } finally {
            releasing = false;
        }
    }

    private synchronized void elect() {
        if (retired) {
            return;
        }
        int current = ++generation;
        LeaderElectionConfigBuilder config = new LeaderElectionConfigBuilder()
                .withName(settings.name())
                .withLock(new CountingLock(new LeaseLock(settings.namespace(), settings.name(), settings.identity())))
                .withLeaseDuration(settings.leaseDuration())
                .withRenewDeadline(settings.renewDeadline())
                .withRetryPeriod(settings.retryPeriod())
                // Released by close() itself, after the listener has been told: see there.
                .withReleaseOnCancel(false)
                .withLeaderCallbacks(new LeaderCallbacks(() -> {
                }, () -> dropped(current), this::observed));
        elector = client.leaderElector().withConfig(config.build()).build();
        election = elector.start();
        election.whenComplete((ignored, error) -> ended(current));
    }

    /** fabric8 ends an election once it loses the Lease; the replica then stands again, after a retry period. */
    private void ended(int ended) {
        synchronized (this) {
            if (retired || ended != generation) {
                return;
            }
        }
        dropped(ended);
        if (!timer.isShutdown()) {
            timer.schedule(this::elect, settings.retryPeriod().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void observed(String holder) {
        LOG.infof("Lease holder changed: lease=%s/%s holder=%s self=%s", settings.namespace(), settings.name(), holder,
                settings.identity().equals(holder));
    }

    /** A write that the API server accepted, naming this replica, renews its right to act from {@code sentNanos}. */
    private void renewed(long sentNanos) {
        long until = sentNanos + settings.renewDeadline().toNanos();
        synchronized (transitions) {
            if (closed) {
                return;
            }
            validUntilNanos = until;
            holds = true;
            if (!reported) {
                reported = true;
                LOG.infof("Leadership gained: lease=%s/%s identity=%s", settings.namespace(), settings.name(),
                        settings.identity());
                listener.gained();
            }
        }
        if (!timer.isShutdown()) {
            timer.schedule(this::expireIfStale, Math.max(0, until - System.nanoTime()) + 1_000_000, TimeUnit.NANOSECONDS);
        }
    }

    private void expireIfStale() {
        synchronized (transitions) {
            if (reported && !leading()) {
                lose("renew deadline passed");
            }
        }
    }

    private void dropped(int from) {
        synchronized (this) {
            if (retired || from != generation) {
                return;
            }
        }
        synchronized (transitions) {
            holds = false;
            if (reported) {
                lose("lease lost");
            }
        }
    }

    private void lose(String why) {
        holds = false;
        reported = false;
        LOG.infof("Leadership lost: lease=%s/%s identity=%s reason=%s", settings.namespace(), settings.name(),
                settings.identity(), why);
        listener.lost();
    }

    /**
     * The Lease as fabric8 sees it, with each accepted write naming this replica counted as a renewal from the moment the
     * round's read was sent. After {@link #close()} or {@link #abandon()} it refuses every write but the release.
     */
    private final class CountingLock implements Lock {

        private final Lock lease;
        private volatile long roundStartNanos;

        CountingLock(Lock lease) {
            this.lease = lease;
        }

        @Override
        public LeaderElectionRecord get(KubernetesClient kubernetes) {
            roundStartNanos = System.nanoTime();
            return lease.get(kubernetes);
        }

        @Override
        public void create(KubernetesClient kubernetes, LeaderElectionRecord record) {
            long sent = writable();
            lease.create(kubernetes, record);
            accepted(record, sent);
        }

        @Override
        public void update(KubernetesClient kubernetes, LeaderElectionRecord record) {
            long sent = writable();
            lease.update(kubernetes, record);
            accepted(record, sent);
        }

        @Override
        public String identity() {
            return lease.identity();
        }

        @Override
        public String describe() {
            return lease.describe();
        }

        private long writable() {
            if (retired && !releasing) {
                throw new IllegalStateException("This replica no longer renews the Lease");
            }
            return roundStartNanos;
        }

        private void accepted(LeaderElectionRecord record, long sentNanos) {
            if (!releasing && settings.identity().equals(record.getHolderIdentity())) {
                renewed(sentNanos);
            }
        }
    }
}
