package io.ameide.coderguard.templatesync.kubernetes;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.ameide.coderguard.common.kubernetes.lease.Leadership;
import io.ameide.coderguard.common.kubernetes.lease.LeaseSettings;
import io.ameide.coderguard.templatesync.coder.TemplateSyncer;
import io.ameide.coderguard.templatesync.config.SyncSettings;
import io.ameide.coderguard.templatesync.config.TemplateSyncConfig;
import io.ameide.coderguard.templatesync.metrics.SyncMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The Kubernetes side as one bean: the controller over the CoderTemplates of one namespace, and the Lease that decides
 * which replica acts. With {@code template-sync.kubernetes.enabled=false} (the default) no Kubernetes client is ever
 * made, so nothing reaches for a cluster, and nothing is synced.
 */
@Singleton
public class TemplateCluster {

    private static final Logger LOG = Logger.getLogger(TemplateCluster.class);
    private static final int WORKERS = 4;

    private final SyncSettings settings;
    private final Instance<KubernetesClient> clients;
    private final TemplateSyncer syncer;
    private final SyncMetrics metrics;
    private final Clock clock;
    private volatile TemplateController controller;
    private volatile Leadership leadership = Leadership.alone();

    TemplateCluster(SyncSettings settings, Instance<KubernetesClient> clients, TemplateSyncer syncer,
            SyncMetrics metrics, Clock clock) {
        this.settings = settings;
        this.clients = clients;
        this.syncer = syncer;
        this.metrics = metrics;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        TemplateSyncConfig config = settings.config();
        if (!config.kubernetes().enabled()) {
            LOG.info("Kubernetes side is off: set template-sync.kubernetes.enabled=true to sync CoderTemplate objects");
            return;
        }
        KubernetesClient client = clients.get();
        String namespace = config.kubernetes().namespace().orElseGet(client::getNamespace);
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("Invalid template-sync configuration: set"
                    + " template-sync.kubernetes.namespace; the Kubernetes client names no namespace of its own");
        }
        TemplateController.Settings controllerSettings = new TemplateController.Settings(namespace,
                config.resyncInterval(), config.followImportLogs(), config.importPollInitialDelay(),
                config.importPollMaxDelay(),
                config.retryInitialDelay(), config.retryMaxDelay(), config.promotionHistory(), WORKERS);
        String identity = LeaseSettings.identity(System.getenv("HOSTNAME"), "template-sync");
        TemplateEvents events = new TemplateEvents(client, clock, identity, metrics);
        controller = new TemplateController(client, controllerSettings, syncer, events, metrics, clock, this::leading);
        leadership = elect(client, namespace, identity);
        controller.start();
        leadership.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        leadership.close();
        TemplateController running = controller;
        if (running != null) {
            running.close();
        }
    }

    /** Whether this replica may change Coder: it holds the Lease, or the Kubernetes side is off. */
    public boolean leading() {
        return leadership.leading();
    }

    /** The CoderTemplates this replica knows; empty while the Kubernetes side is off. */
    public List<CoderTemplate> templates() {
        TemplateController running = controller;
        return running == null ? List.of() : running.templates();
    }

    public Optional<TemplateController> controller() {
        return Optional.ofNullable(controller);
    }

    private Leadership elect(KubernetesClient client, String namespace, String identity) {
        TemplateSyncConfig.Kubernetes.Lease lease = settings.config().kubernetes().lease();
        LeaseSettings leaseSettings = LeaseSettings.of(namespace, lease.name(), identity, lease);
        return new Leadership(client, leaseSettings, new Leadership.Listener() {

            @Override
            public void gained() {
                metrics.leading(true);
                LOG.infof("Leading: this replica holds Lease %s/%s and syncs templates", namespace, lease.name());
                TemplateController running = controller;
                if (running != null) {
                    running.enqueueAll();
                }
            }

            @Override
            public void lost() {
                metrics.leading(false);
                LOG.infof("Not leading: this replica no longer holds Lease %s/%s and changes nothing", namespace,
                        lease.name());
            }
        });
    }
}
