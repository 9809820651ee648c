package io.ameide.coderguard.idlereaper.kubernetes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.ameide.coderguard.common.kubernetes.lease.Leadership;
import io.ameide.coderguard.common.kubernetes.lease.LeaseSettings;
import io.ameide.coderguard.idlereaper.config.ReaperConfig;
import io.ameide.coderguard.idlereaper.decision.Decision;
import io.ameide.coderguard.idlereaper.decision.Exemptions;
import io.ameide.coderguard.idlereaper.kubernetes.exemption.ExemptionMeters;
import io.ameide.coderguard.idlereaper.kubernetes.exemption.ExemptionWatch;
import io.ameide.coderguard.idlereaper.webhook.WorkspaceHint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * The Kubernetes side of the workspaces, as one bean for the reaper to call: Events for its warnings and stops, and the
 * orphan check after each sweep. With {@code idle-reaper.kubernetes.enabled=false} (the default) every method does
 * nothing and no Kubernetes client is ever made, so nothing reaches for a cluster.
 * <p>
 * Nothing here decides anything: a pod becoming ready only sends a hint on the {@code workspace-hints} channel, which
 * makes the reaper look at that workspace in Coder; the Events and the orphan report only describe what Coder and the
 * reaper did.
 */
@Singleton
public class WorkspaceCluster {

    private static final Logger LOG = Logger.getLogger(WorkspaceCluster.class);
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Duration UNREAD_EXEMPTIONS_WARNING = Duration.ofSeconds(30);

    private final KubernetesConfig config;
    private final Instance<KubernetesClient> clients;
    private final Clock clock;
    private final KubernetesListener listener;
    private final MeterRegistry registry;
    private volatile Parts parts;
    private volatile Leadership leadership = Leadership.alone();
    /** False until start-up has decided between running alone and electing: until then this replica does not lead. */
    private volatile boolean decided;
    /** What to run when this replica becomes able to stop workspaces, and whether it did; guarded by {@code this}. */
    private Runnable onMayStop = () -> {
    };
    private boolean becameAble;
    private volatile boolean warnedUnreadExemptions;
    /** When the exemptions watch started; a first listing takes a second or two, longer is worth a warning. */
    private volatile long exemptionsWatchedSince = System.nanoTime();

    @Inject
    @Channel(WorkspaceHint.CHANNEL)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = WorkspaceHint.BUFFER)
    Emitter<WorkspaceHint> hints;

    @Inject
    WorkspaceCluster(ReaperConfig reaperConfig, Instance<KubernetesClient> clients, Clock clock, KubernetesListener listener,
            MeterRegistry registry) {
        KubernetesConfig config = reaperConfig.kubernetes();
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid idle-reaper configuration: " + String.join("; ", problems));
        }
        this.config = config;
        // Alone from the start when the Kubernetes side is off, so that the first scheduled sweep acts; else undecided
        // until the election has started.
        this.decided = !config.enabled();
        this.clients = clients;
        this.clock = clock;
        this.listener = listener;
        this.registry = registry;
    }

    private WorkspaceCluster(Parts parts) {
        this.config = null;
        this.clients = null;
        this.clock = null;
        this.listener = null;
        this.registry = null;
        this.parts = parts;
        this.decided = true;
    }

    /** A Kubernetes side that is off, for code that runs without CDI: unit tests of the reaper, the plan mode. */
    public static WorkspaceCluster off() {
        return new WorkspaceCluster((Parts) null);
    }

    /**
     * A Kubernetes side that only elects a leader on the Lease, for tests of replicas that share one: it watches no pods
     * and reads no exemptions, and tells {@link #whenMayStop} when it gains the Lease.
     */
    public static WorkspaceCluster electing(KubernetesClient client, LeaseSettings lease) {
        WorkspaceCluster cluster = new WorkspaceCluster((Parts) null);
        cluster.leadership = new Leadership(client, lease, new Leadership.Listener() {

            @Override
            public void gained() {
                cluster.mayStopNow();
            }
        });
        cluster.leadership.start();
        return cluster;
    }

    /** The election this replica takes part in; for tests that make it fail as a crashed replica would. */
    public Leadership leadership() {
        return leadership;
    }

    /** A Kubernetes side made of given parts, for tests that run the reaper against a mock API server. */
    public static WorkspaceCluster on(WorkspacePods pods, WorkspaceEvents events, OrphanPods orphans) {
        return new WorkspaceCluster(new Parts(pods, events, orphans, null));
    }

    void onStart(@Observes StartupEvent event) {
        if (config == null) {
            return;
        }
        if (!config.enabled()) {
            decided = true;
            LOG.info(
                    "Kubernetes side is off: set idle-reaper.kubernetes.enabled=true to watch workspace pods and write Events");
            return;
        }
        List<String> namespaces = config.namespaces().orElse(List.of());
        LOG.infof("Kubernetes side configured: namespaces=%s selector=%s orphan_confirmations=%d",
                namespaces.isEmpty() ? "all" : namespaces, config.selector(), config.orphanConfirmations());
        KubernetesClient client = clients.get();
        leadership = electLeader(client);
        decided = true;
        WorkspacePods pods = new WorkspacePods(client, namespaces, config.selector(), clock, hint -> hints.send(hint),
                listener);
        WorkspaceEvents events = new WorkspaceEvents(client, pods::eventTarget, clock, listener, instanceName());
        ExemptionWatch exemptions = new ExemptionWatch(client, namespaces, config.exemptionMaxLifetime(), clock,
                new ExemptionMeters(registry));
        parts = new Parts(pods, events, new OrphanPods(pods::runningPods, events, listener, config.orphanConfirmations()),
                exemptions);
        pods.start();
        exemptionsWatchedSince = System.nanoTime();
        exemptions.start().thenRun(this::mayStopNow);
    }

    /**
     * Joins the election for the Lease. Until this replica holds it, {@link #leading()} is false and it stops nothing;
     * it still sweeps, judges and serves its API, so it is ready to take over.
     */
    private Leadership electLeader(KubernetesClient client) {
        KubernetesConfig.Lease lease = config.lease();
        String namespace = lease.namespace().orElseGet(client::getNamespace);
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("Invalid idle-reaper configuration: set idle-reaper.kubernetes.lease.namespace;"
                    + " the Kubernetes client names no namespace of its own");
        }
        LeaseSettings settings = LeaseSettings.of(namespace, lease.name(),
                LeaseSettings.identity(instanceName(), "idle-reaper"), lease);
        Leadership elected = new Leadership(client, settings, new Leadership.Listener() {

            @Override
            public void gained() {
                LOG.infof("Leading: this replica holds Lease %s/%s and stops idle workspaces", namespace, lease.name());
                listener.leader(true);
                mayStopNow();
            }

            @Override
            public void lost() {
                LOG.infof("Not leading: this replica no longer holds Lease %s/%s and stops nothing", namespace, lease.name());
                listener.leader(false);
            }
        });
        listener.candidate();
        elected.start();
        return elected;
    }

    /** Whether this replica leads: it holds the Lease, or runs alone (Kubernetes side off). */
    public boolean leading() {
        return decided && leadership.leading();
    }

    /**
     * Runs {@code action} whenever this replica becomes able to stop workspaces: it took the Lease, or it read the
     * exemptions, and now has both; and at once if that happened before this call. Called on the election's or the
     * watch's thread: the action must return quickly. Without a Kubernetes side the replica is able from the start and
     * the action never runs.
     */
    public synchronized void whenMayStop(Runnable action) {
        onMayStop = action;
        if (becameAble) {
            action.run();
        }
    }

    private synchronized void mayStopNow() {
        if (mayStop()) {
            becameAble = true;
            onMayStop.run();
        }
    }

    /**
     * Whether this replica may stop workspaces now: it leads, and it has read the exemptions in the cluster at least
     * once. A reaper just started knows no exemption until then, and would stop an exempt workspace. So with the
     * Kubernetes side on and the WorkspaceExemption CRD not installed, nothing is stopped.
     */
    public boolean mayStop() {
        Parts current = parts;
        boolean exemptionsRead = current == null || current.exemptions() == null || current.exemptions().synced();
        if (!exemptionsRead && !warnedUnreadExemptions
                && System.nanoTime() - exemptionsWatchedSince > UNREAD_EXEMPTIONS_WARNING.toNanos()) {
            warnedUnreadExemptions = true;
            LOG.warn("Not stopping any workspace: the WorkspaceExemption objects have not been read yet; if this lasts,"
                    + " check that the CRD workspaceexemptions.guardrails.ameide.io is installed and readable");
        }
        return leading() && exemptionsRead;
    }

    /** The exemptions in force in the cluster at {@code now}; none while the Kubernetes side is off. */
    public Exemptions exemptions(Instant now) {
        Parts current = parts;
        return current == null || current.exemptions() == null ? Exemptions.NONE : current.exemptions().current(now);
    }

    /** Whether the Kubernetes side is on. */
    public boolean enabled() {
        return parts != null;
    }

    /** Records on the workspace's Deployment that a KEEP decision's workspace will be stopped at its stop time. */
    public void warnBeforeStop(Decision decision) {
        Parts current = parts;
        if (current != null) {
            current.events().warnBeforeStop(decision);
        }
    }

    /** Records on the workspace's Deployment that its stop was requested, or in dry-run would have been. */
    public void stopped(Decision decision, boolean dryRun) {
        Parts current = parts;
        if (current != null) {
            current.events().stopped(decision, dryRun);
        }
    }

    /**
     * Checks the running workspace pods against a complete sweep; never throws.
     *
     * @param runningWorkspaceIds every workspace the sweep found running, the unreadable ones included
     */
    public void sweepFinished(Set<String> runningWorkspaceIds) {
        Parts current = parts;
        if (current == null) {
            return;
        }
        try {
            current.orphans().afterSweep(runningWorkspaceIds);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Checking for orphan workspace pods failed, the next sweep will try again");
        }
    }

    /** The pod watch, while the Kubernetes side is on. */
    public Optional<WorkspacePods> pods() {
        return Optional.ofNullable(parts).map(Parts::pods);
    }

    /** Releases the Lease and stops watching; a second call does nothing. */
    @PreDestroy
    public void close() {
        leadership.close();
        Parts current = parts;
        parts = null;
        if (current != null) {
            current.pods().close();
            current.events().close();
            if (current.exemptions() != null) {
                current.exemptions().close();
            }
        }
    }

    static List<String> problems(KubernetesConfig config) {
        List<String> problems = new ArrayList<>();
        config.namespaces().orElse(List.of()).stream()
                .filter(name -> !NAMESPACE.matcher(name).matches())
                .forEach(name -> problems.add("idle-reaper.kubernetes.namespaces takes namespace names, was \"" + name + "\""));
        if (config.selector().isBlank()) {
            problems.add("idle-reaper.kubernetes.selector must not be empty: it keeps the watch to workspace pods");
        }
        if (config.exemptionMaxLifetime().isNegative() || config.exemptionMaxLifetime().isZero()) {
            problems.add(
                    "idle-reaper.kubernetes.exemption-max-lifetime must be positive, was " + config.exemptionMaxLifetime());
        }
        if (config.orphanConfirmations() < 1) {
            problems.add("idle-reaper.kubernetes.orphan-confirmations must be at least 1, was " + config.orphanConfirmations());
        }
        return problems;
    }

    /** The pod's name in a cluster, where Kubernetes sets HOSTNAME to it. */
    private static String instanceName() {
        String host = System.getenv("HOSTNAME");
        return host == null || host.isBlank() ? WorkspaceEvents.COMPONENT : host;
    }

    private record Parts(WorkspacePods pods, WorkspaceEvents events, OrphanPods orphans, ExemptionWatch exemptions) {
    }
}
