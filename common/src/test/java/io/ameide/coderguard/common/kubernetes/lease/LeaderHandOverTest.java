package io.ameide.coderguard.common.kubernetes.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

/** Two replicas sharing one Lease: exactly one acts, and the hand-over never lets both act at once. */
@EnableKubernetesMockClient(crud = true)
class LeaderHandOverTest {

    private static final String NAMESPACE = "coder-guard";
    private static final Duration LEASE = Duration.ofSeconds(2);
    private static final Duration RENEW = Duration.ofMillis(1500);
    private static final Duration RETRY = Duration.ofMillis(300);
    /** fabric8 waits a retry period plus up to 1.2 times it again between tries. */
    private static final Duration ONE_TRY = RETRY.multipliedBy(22).dividedBy(10);

    KubernetesClient client;
    private final List<Leadership> replicas = new ArrayList<>();

    @AfterEach
    void shutDown() {
        replicas.forEach(Leadership::close);
    }

    @Test
    void oneOfTwoReplicasLeads() {
        Leadership a = replica("a");
        Leadership b = replica("b");

        await().atMost(Duration.ofSeconds(5)).until(() -> a.leading() || b.leading());

        assertThat(a.leading() && b.leading()).isFalse();
        Leadership leader = a.leading() ? a : b;
        Lease lease = client.leases().inNamespace(NAMESPACE).withName("idle-reaper").get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(leader.identity());
    }

    @Test
    void followerTakesOverAtItsNextTryWhenTheLeaderShutsDown() {
        Leadership a = replica("a");
        await().atMost(Duration.ofSeconds(5)).until(a::leading);
        Leadership b = replica("b");
        await().during(LEASE).atMost(LEASE.plusSeconds(1)).until(() -> !b.leading());

        long closedAt = System.nanoTime();
        a.close();

        assertThat(a.leading()).isFalse();
        // The release leaves a one-second lease, so the follower takes it at its first try after that second.
        await().atMost(Duration.ofSeconds(1).plus(ONE_TRY).plusMillis(500)).until(b::leading);
        assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).isLessThan(LEASE.plus(ONE_TRY));
    }

    @Test
    void followerTakesOverAfterTheLeaseDurationWhenTheLeaderStopsRenewingAndNeverOverlaps() throws Exception {
        Leadership a = replica("a");
        await().atMost(Duration.ofSeconds(5)).until(a::leading);
        Leadership b = replica("b");
        Overlap overlap = Overlap.watch(a, b);

        assertThat(a.leading()).isTrue();
        long abandonedAt = System.nanoTime();
        a.abandon();

        await().atMost(LEASE.plus(ONE_TRY).plusSeconds(1)).until(b::leading);
        Duration takeOver = Duration.ofNanos(System.nanoTime() - abandonedAt);
        overlap.stop();
        // a led when it stopped renewing, so its last renewal was less than the renew deadline old: the follower had to
        // wait at least the lease duration minus that. (Usually the last renewal is a retry period old, but a loaded
        // machine can delay a renewal, so no tighter bound holds.)
        assertThat(takeOver).isGreaterThanOrEqualTo(LEASE.minus(RENEW));
        assertThat(a.leading()).isFalse();
        assertThat(overlap.samples()).isGreaterThan(100);
        assertThat(overlap.both()).isZero();
    }

    @Test
    void aStopGatedOnLeadershipIsSentOncePerWorkspaceAcrossTheHandOver() throws Exception {
        Leadership a = replica("a");
        await().atMost(Duration.ofSeconds(5)).until(a::leading);
        Leadership b = replica("b");
        FakeCoder coder = new FakeCoder();
        List<Thread> senders = List.of(started(() -> coder.stopIdle(a)),
                started(() -> coder.stopIdle(b)));

        for (int workspace = 0; workspace < 20; workspace++) {
            coder.becomesIdle("ws-" + workspace);
            if (workspace == 5) {
                a.abandon();
            }
            Thread.sleep(200);
        }
        await().atMost(LEASE.plus(ONE_TRY).plusSeconds(1)).until(() -> coder.running().isEmpty());
        coder.done.set(true);
        for (Thread sender : senders) {
            sender.join();
        }

        assertThat(coder.stopsPerWorkspace()).hasSize(20).allSatisfy((id, stops) -> assertThat(stops).isEqualTo(1));
        assertThat(coder.sentBy("a")).isPositive();
        assertThat(coder.sentBy("b")).isPositive();
    }

    private Leadership replica(String pod) {
        LeaseSettings settings = new LeaseSettings(NAMESPACE, "idle-reaper", LeaseSettings.identity(pod, "idle-reaper"),
                LEASE, RENEW, RETRY);
        Leadership replica = new Leadership(client, settings, Leadership.Listener.NONE);
        replicas.add(replica);
        replica.start();
        return replica;
    }

    private static Thread started(Runnable body) {
        Thread thread = new Thread(body, "replica-under-test");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Samples both replicas' {@code leading()} as fast as it can and counts the instants when both said yes. */
    private static final class Overlap {

        private final AtomicBoolean stopped = new AtomicBoolean();
        private final AtomicInteger samples = new AtomicInteger();
        private final AtomicInteger both = new AtomicInteger();
        private Thread sampler;

        static Overlap watch(Leadership a, Leadership b) {
            Overlap overlap = new Overlap();
            overlap.sampler = started(() -> {
                while (!overlap.stopped.get()) {
                    boolean first = a.leading();
                    boolean second = b.leading();
                    // Read a again: true on both sides of b's read means a still led while b did.
                    if (first && second && a.leading()) {
                        overlap.both.incrementAndGet();
                    }
                    overlap.samples.incrementAndGet();
                    Thread.onSpinWait();
                }
            });
            return overlap;
        }

        void stop() throws InterruptedException {
            stopped.set(true);
            sampler.join();
        }

        int samples() {
            return samples.get();
        }

        int both() {
            return both.get();
        }
    }

    /**
     * Coder as the stop gate sees it: a workspace's state read afresh before each stop, and every stop request counted,
     * duplicates included. The pause between the read and the send widens the window a second leader would need.
     */
    private static final class FakeCoder {

        private final Map<String, Boolean> idle = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> stops = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> senders = new ConcurrentHashMap<>();
        final AtomicBoolean done = new AtomicBoolean();

        void becomesIdle(String workspace) {
            idle.put(workspace, true);
        }

        List<String> running() {
            return idle.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
        }

        void stopIdle(Leadership replica) {
            String who = replica.identity().substring(0, 1);
            while (!done.get()) {
                for (String workspace : running()) {
                    if (replica.leading() && idle.get(workspace)) {
                        pause(20);
                        send(workspace, who);
                    }
                }
                pause(10);
            }
        }

        private void send(String workspace, String who) {
            stops.computeIfAbsent(workspace, id -> new AtomicInteger()).incrementAndGet();
            senders.computeIfAbsent(who, id -> new AtomicInteger()).incrementAndGet();
            idle.put(workspace, false);
        }

        Map<String, Integer> stopsPerWorkspace() {
            Map<String, Integer> counts = new ConcurrentHashMap<>();
            stops.forEach((id, count) -> counts.put(id, count.get()));
            return counts;
        }

        int sentBy(String who) {
            AtomicInteger count = senders.get(who);
            return count == null ? 0 : count.get();
        }

        private static void pause(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
