package io.ameide.coderguard.idlereaper.kubernetes;

import java.time.Clock;
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

import io.ameide.coderguard.idlereaper.config.ReaperConfig;
import io.ameide.coderguard.idlereaper.decision.Decision;
import io.ameide.coderguard.idlereaper.webhook.WorkspaceHint;
import io.fabric8.kubernetes.client.KubernetesClient;
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

    private final KubernetesConfig config;
    private final Instance<KubernetesClient> clients;
    private final Clock clock;
    private final KubernetesListener listener;
    private volatile Parts parts;

    @Inject
    @Channel(WorkspaceHint.CHANNEL)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = WorkspaceHint.BUFFER)
    Emitter<WorkspaceHint> hints;

    @Inject
    WorkspaceCluster(ReaperConfig reaperConfig, Instance<KubernetesClient> clients, Clock clock, KubernetesListener listener) {
        KubernetesConfig config = reaperConfig.kubernetes();
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid idle-reaper configuration: " + String.join("; ", problems));
        }
        this.config = config;
        this.clients = clients;
        this.clock = clock;
        this.listener = listener;
    }

    private WorkspaceCluster(Parts parts) {
        this.config = null;
        this.clients = null;
        this.clock = null;
        this.listener = null;
        this.parts = parts;
    }

    /** A Kubernetes side that is off, for code that runs without CDI: unit tests of the reaper, the plan mode. */
    public static WorkspaceCluster off() {
        return new WorkspaceCluster((Parts) null);
    }

    /** A Kubernetes side made of given parts, for tests that run the reaper against a mock API server. */
    public static WorkspaceCluster on(WorkspacePods pods, WorkspaceEvents events, OrphanPods orphans) {
        return new WorkspaceCluster(new Parts(pods, events, orphans));
    }

    void onStart(@Observes StartupEvent event) {
        if (config == null) {
            return;
        }
        if (!config.enabled()) {
            LOG.info(
                    "Kubernetes side is off: set idle-reaper.kubernetes.enabled=true to watch workspace pods and write Events");
            return;
        }
        List<String> namespaces = config.namespaces().orElse(List.of());
        LOG.infof("Kubernetes side configured: namespaces=%s selector=%s orphan_confirmations=%d",
                namespaces.isEmpty() ? "all" : namespaces, config.selector(), config.orphanConfirmations());
        KubernetesClient client = clients.get();
        WorkspacePods pods = new WorkspacePods(client, namespaces, config.selector(), clock, hint -> hints.send(hint),
                listener);
        WorkspaceEvents events = new WorkspaceEvents(client, pods::eventTarget, clock, listener, instanceName());
        parts = new Parts(pods, events, new OrphanPods(pods::runningPods, events, listener, config.orphanConfirmations()));
        pods.start();
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

    @PreDestroy
    void close() {
        Parts current = parts;
        if (current != null) {
            current.pods().close();
            current.events().close();
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

    private record Parts(WorkspacePods pods, WorkspaceEvents events, OrphanPods orphans) {
    }
}
