package io.ameide.coderguard.policyguard.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.ameide.coderguard.policyguard.decision.Finding;
import io.ameide.coderguard.policyguard.policy.Rule;
import io.ameide.coderguard.policyguard.policy.Severity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * policy-guard's meters, under {@code policy_guard_}. Labels come from fixed sets only: rule ids, severities, kinds and
 * outcomes; never a namespace or object name.
 */
@ApplicationScoped
public class GuardMetrics {

    private final MeterRegistry registry;
    private final Map<String, Map<Rule, Map<Severity, Integer>>> byNamespace = new ConcurrentHashMap<>();
    private final Map<Rule, Map<Severity, AtomicInteger>> findings = new EnumMap<>(Rule.class);
    private final Timer evaluation;
    private final Counter judged;
    private final Counter failed;
    private final Counter reportsWritten;
    private final Counter eventsWritten;
    /**
     * The meters this instance registered. A registry hands back an existing meter of the same name and tags, bound to
     * its first owner's state; removing them at shutdown keeps a restarted application (as in tests) from reading a
     * stopped one's numbers.
     */
    private final List<Meter> meters = new CopyOnWriteArrayList<>();

    public GuardMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Rule rule : Rule.values()) {
            Map<Severity, AtomicInteger> bySeverity = new EnumMap<>(Severity.class);
            for (Severity severity : Severity.values()) {
                AtomicInteger count = new AtomicInteger();
                bySeverity.put(severity, count);
                meters.add(Gauge.builder("policy_guard_findings", count, AtomicInteger::get)
                        .description("Current findings over all workspace namespaces, by rule and severity")
                        .tag("rule", rule.id())
                        .tag("severity", severity.label())
                        .register(registry));
            }
            findings.put(rule, bySeverity);
        }
        evaluation = Timer.builder("policy_guard_evaluation_seconds")
                .description("Time to judge one namespace, from its cached objects to its findings")
                .register(registry);
        meters.add(evaluation);
        judged = evaluationCounter("judged");
        failed = evaluationCounter("failed");
        reportsWritten = Counter.builder("policy_guard_reports_written_total")
                .description("PolicyReports created or updated because their results changed")
                .register(registry);
        eventsWritten = Counter.builder("policy_guard_events_written_total")
                .description("Events written on offending objects, one per new finding")
                .register(registry);
        meters.addAll(List.of(judged, failed, reportsWritten, eventsWritten));
    }

    private Counter evaluationCounter(String outcome) {
        return Counter.builder("policy_guard_evaluations_total")
                .description("Namespace judgements, by outcome: judged, or failed (a write that will be retried)")
                .tag("outcome", outcome)
                .register(registry);
    }

    /** Publishes the size of each informer cache as {@code policy_guard_objects_cached{kind}}. */
    public void cachedObjects(String kind, Supplier<Number> size) {
        meters.add(Gauge.builder("policy_guard_objects_cached", size)
                .description("Objects held in the informer caches, by kind")
                .tag("kind", kind)
                .register(registry));
    }

    /**
     * Publishes {@code policy_guard_leader}: 1 while this replica writes reports and Events (it holds the Lease, or runs
     * alone), else 0. The alert that no replica leads reads it.
     */
    public void leader(BooleanSupplier leading) {
        meters.add(Gauge.builder("policy_guard_leader", () -> leading.getAsBoolean() ? 1 : 0)
                .description("1 while this replica writes reports and Events (it holds the Lease, or runs alone), else 0")
                .register(registry));
    }

    @PreDestroy
    void unregister() {
        meters.forEach(registry::remove);
    }

    public void evaluated(Duration took) {
        evaluation.record(took);
        judged.increment();
    }

    public void failed() {
        failed.increment();
    }

    public void reportWritten() {
        reportsWritten.increment();
    }

    public void eventsWritten(int count) {
        eventsWritten.increment(count);
    }

    /** Replaces a namespace's share of the findings meters; an empty list removes it. */
    public synchronized void findings(String namespace, List<Finding> current) {
        Map<Rule, Map<Severity, Integer>> counts = new EnumMap<>(Rule.class);
        for (Finding finding : current) {
            counts.computeIfAbsent(finding.rule(), rule -> new EnumMap<>(Severity.class)).merge(finding.severity(), 1,
                    Integer::sum);
        }
        Map<Rule, Map<Severity, Integer>> previous = current.isEmpty()
                ? byNamespace.remove(namespace)
                : byNamespace.put(namespace, counts);
        adjust(previous, -1);
        if (!current.isEmpty()) {
            adjust(counts, 1);
        }
    }

    private void adjust(Map<Rule, Map<Severity, Integer>> counts, int sign) {
        if (counts == null) {
            return;
        }
        counts.forEach((rule, bySeverity) -> bySeverity
                .forEach((severity, count) -> findings.get(rule).get(severity).addAndGet(sign * count)));
    }
}
