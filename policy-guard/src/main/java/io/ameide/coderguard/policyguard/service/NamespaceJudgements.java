package io.ameide.coderguard.policyguard.service;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.ameide.coderguard.common.coder.CoderClient;
import io.ameide.coderguard.common.coder.CoderClientConfig;
import io.ameide.coderguard.common.coder.CoderToken;
import io.ameide.coderguard.common.kubernetes.lease.Leadership;
import io.ameide.coderguard.common.kubernetes.lease.LeaseSettings;
import io.ameide.coderguard.policyguard.config.GuardConfig;
import io.ameide.coderguard.policyguard.decision.Finding;
import io.ameide.coderguard.policyguard.decision.Judge;
import io.ameide.coderguard.policyguard.decision.NamespaceSnapshot;
import io.ameide.coderguard.policyguard.kubernetes.DriftEvents;
import io.ameide.coderguard.policyguard.kubernetes.ObservedCluster;
import io.ameide.coderguard.policyguard.kubernetes.ReportWriter;
import io.ameide.coderguard.policyguard.metrics.GuardMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * The running service: changes observed by the informers arrive as namespace names on the {@code namespace-changes}
 * channel; each namespace is judged as a whole once it has been quiet for the debounce time (level-triggered: the
 * judgement reads the caches as they are then, not the change); a resync judges every workspace namespace again, and so
 * does a replica that becomes leader. Every replica judges; only the Lease holder writes reports and Events.
 */
@ApplicationScoped
public class NamespaceJudgements {

    private static final Logger LOG = Logger.getLogger(NamespaceJudgements.class);
    static final String CHANNEL = "namespace-changes";
    private static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(5);

    private final GuardConfig config;
    private final GuardMetrics metrics;
    private final LatestFindings latest;
    private final Instance<KubernetesClient> clients;
    private final Emitter<String> changes;
    private final Clock clock = Clock.systemUTC();
    /** Namespaces noted as changed and not yet taken off the channel: each is sent once however many changes come. */
    private final Set<String> noted = ConcurrentHashMap.newKeySet();
    private final Map<String, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

    private ScheduledExecutorService executor;
    private PolicySource policy;
    private ObservedCluster cluster;
    private ReportWriter reports;
    private DriftEvents events;
    private Leadership leadership = Leadership.alone();
    private Optional<CoderWorkspaces> coder = Optional.empty();

    @Inject
    NamespaceJudgements(GuardConfig config, GuardMetrics metrics, LatestFindings latest,
            Instance<KubernetesClient> clients,
            @Channel(CHANNEL) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<String> changes) {
        this.config = config;
        this.metrics = metrics;
        this.latest = latest;
        this.clients = clients;
        this.changes = changes;
    }

    void start(@Observes StartupEvent startup) {
        if (!config.kubernetes().enabled()) {
            LOG.info("Kubernetes is off (policy-guard.kubernetes.enabled=false): nothing is watched or judged");
            return;
        }
        policy = new PolicySource(config.policyFile()
                .orElseThrow(() -> new IllegalStateException("policy-guard.policy-file is required when"
                        + " policy-guard.kubernetes.enabled=true")));
        coder = coderWorkspaces();
        KubernetesClient client = clients.get();
        executor = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "policy-guard-judge");
            thread.setDaemon(true);
            return thread;
        });
        reports = new ReportWriter(client, config.reportMaxResults());
        events = new DriftEvents(client);
        cluster = new ObservedCluster(client, policy.current().workspaceNamespaceSelector(), this::noteChange);
        LOG.infof("Starting: policy_file=%s debounce=%s resync=%s report_max_results=%d coder=%s lease=%s",
                config.policyFile().get(), config.debounce(), config.resyncInterval(), config.reportMaxResults(),
                config.coder().url().map(URI::toString).orElse("(none: orphans not judged)"),
                config.kubernetes().lease().enabled());
        coder.ifPresent(CoderWorkspaces::refresh);
        cluster.start();
        cluster.cachedObjects().keySet()
                .forEach(kind -> metrics.cachedObjects(kind, () -> cluster.cachedObjects().getOrDefault(kind, 0)));
        leadership = leadership(client);
        leadership.start();
        metrics.leader(() -> leadership.leading());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        leadership.close();
        if (cluster != null) {
            cluster.close();
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Called by the informers: takes note and returns at once. */
    void noteChange(String namespace) {
        if (noted.add(namespace)) {
            changes.send(namespace);
        }
    }

    /** A namespace changed: (re)start its quiet period. */
    @Incoming(CHANNEL)
    void changed(String namespace) {
        noted.remove(namespace);
        schedule(namespace, config.debounce());
    }

    @Scheduled(every = "${policy-guard.resync-interval}", delayed = "${policy-guard.resync-interval}")
    void resync() {
        if (cluster == null) {
            return;
        }
        boolean newPolicy = policy.reload();
        coder.ifPresent(CoderWorkspaces::refresh);
        Set<String> namespaces = cluster.workspaceNamespaces();
        LOG.infof("Resync: namespaces=%d policy_reloaded=%s", namespaces.size(), newPolicy);
        namespaces.forEach(this::noteChange);
    }

    private void schedule(String namespace, Duration delay) {
        pending.compute(namespace, (name, previous) -> {
            if (previous != null) {
                previous.cancel(false);
            }
            return executor.schedule(() -> judge(name), delay.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    /** Judges one namespace now, from the caches: fetch, decide, record, act. */
    void judge(String namespace) {
        synchronized (locks.computeIfAbsent(namespace, name -> new Object())) {
            MDC.put("namespace", namespace);
            try {
                Optional<NamespaceSnapshot> snapshot = cluster.snapshot(namespace);
                if (snapshot.isEmpty()) {
                    forget(namespace);
                    return;
                }

                Instant started = clock.instant();
                List<Finding> findings = new Judge(policy.current()).judge(snapshot.get(), cluster.cluster(),
                        coder.flatMap(CoderWorkspaces::directory), started);

                metrics.evaluated(Duration.between(started, clock.instant()));
                metrics.findings(namespace, findings);
                latest.put(new LatestFindings.Judgement(namespace, started, findings));

                if (leadership.leading()) {
                    write(namespace, findings, started);
                }
            } catch (RuntimeException e) {
                // A fault in a rule must not stop the service or this namespace for good: it is judged again at its
                // next change or resync, and the fault is in the log once per judgement, without the objects.
                metrics.failed();
                LOG.errorf("Judging the namespace failed: problem=%s at=%s", e.toString(),
                        e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?");
            } finally {
                MDC.remove("namespace");
            }
        }
    }

    private void write(String namespace, List<Finding> findings, Instant now) {
        try {
            ReportWriter.Written written = reports.write(namespace, findings, now);
            if (written.sent()) {
                metrics.reportWritten();
            }
            for (Finding finding : written.newFindings()) {
                events.record(namespace, finding, now);
            }
            metrics.eventsWritten(written.newFindings().size());
            failures.remove(namespace);
        } catch (KubernetesClientException e) {
            metrics.failed();
            int attempt = failures.computeIfAbsent(namespace, name -> new AtomicInteger()).incrementAndGet();
            Duration delay = retryDelay(attempt);
            LOG.warnf("Writing the PolicyReport failed, will retry: status=%d attempt=%d retry_in=%s problem=%s",
                    e.getCode(), attempt, delay, e.getMessage());
            schedule(namespace, delay);
        }
    }

    private Duration retryDelay(int attempt) {
        Duration delay = config.debounce().multipliedBy(1L << Math.min(attempt, 16));
        return delay.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay;
    }

    private void forget(String namespace) {
        metrics.findings(namespace, List.of());
        latest.remove(namespace);
        reports.forget(namespace);
        failures.remove(namespace);
    }

    private Leadership leadership(KubernetesClient client) {
        if (!config.kubernetes().lease().enabled()) {
            return Leadership.alone();
        }
        GuardConfig.Kubernetes.Lease lease = config.kubernetes().lease();
        LeaseSettings settings = LeaseSettings.of(
                lease.namespace().orElseThrow(() -> new IllegalStateException(
                        "policy-guard.kubernetes.lease.namespace is required when policy-guard.kubernetes.lease.enabled=true")),
                lease.name(), LeaseSettings.identity(System.getenv("HOSTNAME"), "policy-guard"), lease);
        return new Leadership(client, settings, new Leadership.Listener() {

            @Override
            public void gained() {
                // The new holder does not trust what the old one wrote was complete: it judges everything afresh.
                cluster.workspaceNamespaces().forEach(NamespaceJudgements.this::noteChange);
            }
        });
    }

    private Optional<CoderWorkspaces> coderWorkspaces() {
        if (config.coder().url().isEmpty()) {
            return Optional.empty();
        }
        CoderToken token = config.coder().tokenFile().map(CoderToken::fromFile)
                .or(() -> config.coder().token().map(CoderToken::of))
                .orElseThrow(() -> new IllegalStateException(
                        "policy-guard.coder.token-file or policy-guard.coder.token is required with policy-guard.coder.url"));
        CoderClient client = new CoderClient(CoderClientConfig.of(config.coder().url().get(), token),
                (endpoint, status, duration) -> {
                });
        return Optional.of(new CoderWorkspaces(client));
    }
}
