package io.ameide.coderguard.idlereaper.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

import io.ameide.coderguard.common.coder.CoderCallListener;
import io.ameide.coderguard.common.coder.CoderEndpoint;
import io.ameide.coderguard.idlereaper.decision.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The idle-reaper's meters, all under {@code idle_reaper_}, with labels from fixed sets only (verdicts, reasons,
 * results, endpoints, status classes): never a workspace or user name.
 */
@Singleton
public class ReaperMetrics implements CoderCallListener {

    private static final Duration LONGEST = Duration.ofDays(365L * 100);

    private final MeterRegistry registry;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger unreadable = new AtomicInteger();
    private final AtomicInteger stopsInFlight = new AtomicInteger();
    private final AtomicInteger timers = new AtomicInteger();
    private final Timer idleAtStop;
    private final Timer stopDelay;

    public ReaperMetrics(MeterRegistry registry) {
        this.registry = registry;
        gauge("idle_reaper.workspaces.running", "Running workspaces seen by the last complete sweep", running);
        gauge("idle_reaper.workspaces.unreadable", "Workspaces in the last sweep whose data could not be read", unreadable);
        gauge("idle_reaper.stops.in.flight", "Stop builds requested and not yet finished", stopsInFlight);
        gauge("idle_reaper.timers", "Workspaces with a timer set for the instant they reach the idle timeout", timers);
        this.idleAtStop = Timer.builder("idle_reaper.idle.at.stop")
                .description("How long workspaces had been idle when their stop was requested")
                .register(registry);
        this.stopDelay = Timer.builder("idle_reaper.stop.delay")
                .description("From the instant a workspace reached the idle timeout to its stop request")
                .publishPercentiles(0.5, 0.99)
                // Micrometer leaves values above the expected maximum (30 s for timers) out of the percentiles: a stop
                // hours late, the very thing this meter is for, would not show.
                .maximumExpectedValue(Duration.ofDays(7))
                .register(registry);
    }

    public void sweepFinished(Duration duration, boolean succeeded, int runningWorkspaces, int unreadableWorkspaces) {
        Timer.builder("idle_reaper.sweep")
                .description("Duration of a sweep over all running workspaces")
                .tag("outcome", succeeded ? "success" : "failure")
                .register(registry)
                .record(duration);
        if (succeeded) {
            running.set(runningWorkspaces);
            unreadable.set(unreadableWorkspaces);
        }
    }

    public void decided(Decision decision) {
        Counter.builder("idle_reaper.decisions")
                .description("Workspace decisions, by verdict and reason")
                .tag("verdict", decision.verdict().name().toLowerCase(java.util.Locale.ROOT))
                .tag("reason", decision.reason().tag())
                .register(registry)
                .increment();
    }

    /** A warning that a workspace will be stopped unless used, once per idle period. */
    public void warned() {
        Counter.builder("idle_reaper.warnings")
                .description("Warnings that a workspace will be stopped unless it is used, once per idle period")
                .register(registry)
                .increment();
    }

    /** A stop's result: dry_run, requested, conflict, error, succeeded, failed, canceled or unconfirmed. */
    public void stop(String result) {
        Counter.builder("idle_reaper.stops")
                .description("Stop requests and the builds they created, by result")
                .tag("result", result)
                .register(registry)
                .increment();
    }

    public void stopRequested(Duration idleFor, Duration delayAfterThreshold) {
        idleAtStop.record(bounded(idleFor));
        stopDelay.record(bounded(delayAfterThreshold));
    }

    /** Within what a timer can record: a workspace idle since the year 1500 would overflow its nanoseconds. */
    private static Duration bounded(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration.compareTo(LONGEST) > 0 ? LONGEST : duration;
    }

    /** A webhook delivery, by notification kind and outcome (accepted, ignored, duplicate, invalid, oversized…). */
    public void webhook(String kind, String outcome) {
        Counter.builder("idle_reaper.webhook.deliveries")
                .description("Coder notification webhook deliveries, by notification kind and outcome")
                .tag("kind", kind)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    public void stopsInFlight(int count) {
        stopsInFlight.set(count);
    }

    public void timers(int count) {
        timers.set(count);
    }

    @Override
    public void onCall(CoderEndpoint endpoint, int status, Duration duration) {
        Timer.builder("idle_reaper.coder.requests")
                .description("Requests to Coder's API, by endpoint and status class (none: no answer)")
                .tag("endpoint", endpoint.tag())
                .tag("status", CoderCallListener.statusClass(status))
                .register(registry)
                .record(duration.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void gauge(String name, String description, AtomicInteger value) {
        Gauge.builder(name, value, AtomicInteger::get).description(description).strongReference(true).register(registry);
    }
}
