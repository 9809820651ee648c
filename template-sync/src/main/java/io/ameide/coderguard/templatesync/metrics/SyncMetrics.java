package io.ameide.coderguard.templatesync.metrics;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

import io.ameide.coderguard.common.coder.CoderCallListener;
import io.ameide.coderguard.common.coder.CoderEndpoint;
import io.ameide.coderguard.templatesync.coder.Promotion;
import io.ameide.coderguard.templatesync.coder.SyncOutcome;
import io.ameide.coderguard.templatesync.coder.SyncStep;
import io.ameide.coderguard.templatesync.decision.Drift;
import io.ameide.coderguard.templatesync.kubernetes.EventReason;
import io.ameide.coderguard.templatesync.kubernetes.SyncListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * template-sync's meters, all under {@code template_sync_}. Labels come from fixed sets, except {@code template}: the
 * Coder template name of a CoderTemplate, a set that Git declares (tens, not thousands), on the two per-template gauges
 * the platform asked for (drift, outdated workspaces).
 */
@Singleton
public class SyncMetrics implements SyncListener, CoderCallListener {

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> drifted = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> outdated = new ConcurrentHashMap<>();
    private final AtomicInteger leader = new AtomicInteger();

    public SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("template_sync.leader", leader, AtomicInteger::get)
                .description("1 while this replica may change Coder (it holds the Lease, or runs alone)")
                .strongReference(true).register(registry);
    }

    @Override
    public void passed(String templateName, SyncOutcome outcome, boolean isDrifted, Duration took) {
        Timer.builder("template_sync.passes")
                .description("Sync passes over one template, by result")
                .tag("result", result(outcome))
                .register(registry)
                .record(took.toNanos(), TimeUnit.NANOSECONDS);
        for (Promotion promotion : outcome.promotions()) {
            Counter.builder("template_sync.promotions")
                    .description("Versions template-sync made active, by cause")
                    .tag("cause", promotion.cause().name().toLowerCase(Locale.ROOT))
                    .register(registry)
                    .increment();
        }
        if (outcome.ranStep(SyncStep.CREATE_VERSION)) {
            Counter.builder("template_sync.versions.created")
                    .description("Template versions template-sync created in Coder")
                    .register(registry)
                    .increment();
        }
        if (outcome.plan() != null) {
            for (Drift drift : outcome.plan().drift()) {
                Counter.builder("template_sync.drift.observed")
                        .description("Passes that found Coder differing from the release, by kind of drift")
                        .tag("kind", drift.kind().name().toLowerCase(Locale.ROOT))
                        .register(registry)
                        .increment();
            }
        }
        perTemplate(drifted, "template_sync.drifted",
                "1 while Coder differs from the template's release (the Drifted condition)", templateName)
                .set(isDrifted ? 1 : 0);
        outcome.outdatedWorkspaces().ifPresent(count -> perTemplate(outdated, "template_sync.outdated.workspaces",
                "Workspaces of the template on a version other than its active one", templateName).set(count));
    }

    @Override
    public void unusable(String templateName, String reason) {
        Counter.builder("template_sync.unusable")
                .description("Passes over a CoderTemplate that could not be synced (missing ConfigMap, invalid spec)")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    @Override
    public void forgotten(String templateName) {
        remove(drifted, "template_sync.drifted", templateName);
        remove(outdated, "template_sync.outdated.workspaces", templateName);
    }

    @Override
    public void importStreamEnded(String outcome) {
        Counter.builder("template_sync.import.log.streams")
                .description("Streams following an import that ended: import_ended (the import ended), closed (Coder"
                        + " closed it early) or failed (not opened, or broke; polling covers these)")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    @Override
    public void event(EventReason reason, String outcome) {
        Counter.builder("template_sync.kubernetes.events")
                .description("Kubernetes Events written on CoderTemplates, by reason and outcome")
                .tag("reason", reason.reason())
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    @Override
    public void onCall(CoderEndpoint endpoint, int status, Duration duration) {
        Timer.builder("template_sync.coder.requests")
                .description("Requests to Coder's API, by endpoint and status class (none: no answer)")
                .tag("endpoint", endpoint.tag())
                .tag("status", CoderCallListener.statusClass(status))
                .register(registry)
                .record(duration.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** A webhook delivery, by notification kind and outcome (accepted, ignored, duplicate, invalid…). */
    public void webhook(String kind, String outcome) {
        Counter.builder("template_sync.webhook.deliveries")
                .description("Coder notification webhook deliveries, by notification kind and outcome")
                .tag("kind", kind)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    public void leading(boolean leading) {
        leader.set(leading ? 1 : 0);
    }

    private static String result(SyncOutcome outcome) {
        if (outcome.failure().isPresent()) {
            return outcome.failure().get().isTransient() ? "retrying" : "failed";
        }
        return switch (outcome.plan().action()) {
            case NONE -> outcome.promotions().isEmpty() && outcome.steps().size() <= 2 ? "in_sync" : "synced";
            case WAIT_FOR_IMPORT -> "waiting";
            case AWAIT_MANUAL_PROMOTION -> "awaiting_promotion";
            case HOLD -> "held";
            default -> outcome.dryRun() ? "dry_run" : "acted";
        };
    }

    private AtomicInteger perTemplate(Map<String, AtomicInteger> values, String name, String description,
            String template) {
        return values.computeIfAbsent(template, t -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder(name, value, AtomicInteger::get).description(description).tags(Tags.of("template", t))
                    .strongReference(true).register(registry);
            return value;
        });
    }

    private void remove(Map<String, AtomicInteger> values, String name, String template) {
        if (values.remove(template) != null) {
            registry.find(name).tags("template", template).meters().forEach(registry::remove);
        }
    }
}
