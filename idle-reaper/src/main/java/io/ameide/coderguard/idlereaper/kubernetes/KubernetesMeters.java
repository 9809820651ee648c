package io.ameide.coderguard.idlereaper.kubernetes;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.DefaultBean;

/**
 * The Kubernetes side's meters, under {@code idle_reaper_} like the rest, with labels from fixed sets only. A default
 * bean: another {@link KubernetesListener} bean, say the service's own metrics, takes its place.
 */
@Singleton
@DefaultBean
public class KubernetesMeters implements KubernetesListener {

    private final MeterRegistry registry;
    private final AtomicInteger orphans = new AtomicInteger();
    private final AtomicInteger leader = new AtomicInteger(1);

    public KubernetesMeters(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("idle_reaper.orphan.pods", orphans, AtomicInteger::get)
                .description("Running workspace pods whose workspace Coder reports not running, as of the last complete sweep")
                .strongReference(true)
                .register(registry);
        Gauge.builder("idle_reaper.leader", leader, AtomicInteger::get)
                .description("1 while this replica may stop workspaces (it holds the Lease, or runs alone), else 0")
                .strongReference(true)
                .register(registry);
    }

    @Override
    public void candidate() {
        leader.set(0);
    }

    @Override
    public void leader(boolean leading) {
        leader.set(leading ? 1 : 0);
        Counter.builder("idle_reaper.leadership.transitions")
                .description("Times this replica gained or lost the Lease")
                .tag("direction", leading ? "gained" : "lost")
                .register(registry)
                .increment();
    }

    @Override
    public void podReady(String outcome) {
        Counter.builder("idle_reaper.pod.ready.hints")
                .description("Workspace pods that became ready, by what came of it")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    @Override
    public void event(String reason, String outcome) {
        Counter.builder("idle_reaper.kubernetes.events")
                .description("Kubernetes Events the reaper meant to write, by reason and outcome")
                .tag("reason", reason)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    @Override
    public void orphanPods(int count) {
        orphans.set(count);
    }
}
