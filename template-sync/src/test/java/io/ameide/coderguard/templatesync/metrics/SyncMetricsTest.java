package io.ameide.coderguard.templatesync.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import io.ameide.coderguard.templatesync.coder.Promotion;
import io.ameide.coderguard.templatesync.coder.SyncOutcome;
import io.ameide.coderguard.templatesync.decision.Drift;
import io.ameide.coderguard.templatesync.decision.SyncAction;
import io.ameide.coderguard.templatesync.decision.SyncPlan;
import io.ameide.coderguard.templatesync.decision.Tracking;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class SyncMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SyncMetrics metrics = new SyncMetrics(registry);

    @Test
    void setsTheDriftAndOutdatedGaugesPerTemplateAndDropsThemWithTheTemplate() {
        metrics.passed("k8s-devbox", held(), true, Duration.ofMillis(5));
        metrics.passed("gpu-box", inSync(), false, Duration.ofMillis(5));

        assertThat(gauge("template_sync.drifted", "k8s-devbox")).isEqualTo(1.0);
        assertThat(gauge("template_sync.drifted", "gpu-box")).isEqualTo(0.0);
        assertThat(gauge("template_sync.outdated.workspaces", "k8s-devbox")).isEqualTo(4.0);
        assertThat(registry.get("template_sync.drift.observed").tag("kind", "release_import_failed").counter().count())
                .isEqualTo(1.0);
        assertThat(registry.get("template_sync.passes").tag("result", "held").timer().count()).isEqualTo(1);

        metrics.forgotten("k8s-devbox");

        assertThat(registry.find("template_sync.drifted").tag("template", "k8s-devbox").gauge()).isNull();
        assertThat(registry.find("template_sync.drifted").tag("template", "gpu-box").gauge()).isNotNull();
    }

    @Test
    void countsPromotionsByCauseAndTellsWhetherThisReplicaLeads() {
        metrics.leading(true);
        SyncOutcome healed = new SyncOutcome(new SyncPlan(SyncAction.NONE, "v", List.of()), List.of(), Tracking.NONE,
                List.of(new Promotion("v", "2026.12.04-1", Instant.EPOCH, Promotion.Cause.SELF_HEAL, "hotfix")),
                List.of(), "sha256:00", Optional.empty(), Optional.empty(), Optional.empty(), false,
                OptionalInt.empty());

        metrics.passed("k8s-devbox", healed, false, Duration.ofMillis(5));

        assertThat(registry.get("template_sync.promotions").tag("cause", "self_heal").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("template_sync.leader").gauge().value()).isEqualTo(1.0);
        metrics.leading(false);
        assertThat(registry.get("template_sync.leader").gauge().value()).isEqualTo(0.0);
    }

    private double gauge(String name, String template) {
        return registry.get(name).tag("template", template).gauge().value();
    }

    private static SyncOutcome held() {
        SyncPlan plan = new SyncPlan(SyncAction.HOLD, "v",
                List.of(new Drift(Drift.Kind.RELEASE_IMPORT_FAILED, "release version failed to import")));
        return new SyncOutcome(plan, List.of(), Tracking.NONE, List.of(), List.of(), "sha256:00", Optional.empty(),
                Optional.empty(), Optional.empty(), false, OptionalInt.of(4));
    }

    private static SyncOutcome inSync() {
        return new SyncOutcome(new SyncPlan(SyncAction.NONE, "v", List.of()), List.of(), Tracking.NONE, List.of(),
                List.of(), "sha256:00", Optional.empty(), Optional.empty(), Optional.empty(), false, OptionalInt.of(0));
    }
}
