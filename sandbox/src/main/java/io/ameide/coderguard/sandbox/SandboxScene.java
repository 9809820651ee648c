package io.ameide.coderguard.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.ameide.coderguard.common.coder.model.JobStatus;
import io.ameide.coderguard.common.coder.model.Transition;
import io.ameide.coderguard.common.coder.model.Workspace;
import io.ameide.coderguard.common.coder.model.WorkspaceBuild;
import io.ameide.coderguard.sandbox.kubernetes.ClusterStandIn;
import io.ameide.coderguard.sandbox.kubernetes.CoderTemplateObjects;
import io.ameide.coderguard.sandbox.kubernetes.WorkspaceObjects;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

/**
 * What happens in {@code ./run-sandbox}: a small team's workspaces in the Coder stand-in and, for those that run, their
 * Deployments and pods in the cluster stand-in, laid out as Coder's templates do; then, while the idle-reaper runs,
 * what Coder and the kubelet would do next: a workspace created (Coder's webhook tells the reaper, twice, as Coder
 * re-delivers) and a workspace's pod becoming ready (the reaper's pod watch sees it). Both happen between two sweeps,
 * so that their stops show the reaper acting on hints rather than on its schedule. Every Event the reaper writes is
 * printed.
 */
final class SandboxScene implements AutoCloseable {

    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(1);
    static final String EXEMPTION_API = "guardrails.ameide.io/v1alpha1";
    static final String LEASE_NAMESPACE = "coder-guardrails";
    static final String TEMPLATES_NAMESPACE = "coder";
    static final String RELEASE = "2026.12.04-1";
    static final String NEXT_RELEASE = "2026.12.04-2";
    /** A Terraform import takes seconds; long enough that template-sync follows it through Coder's log stream. */
    static final Duration IMPORT = Duration.ofSeconds(3);
    static final Path TEMPLATE_DIRECTORY = Path.of("template-sync", "src", "main", "sandbox-template");
    private static final Path GUARD_NAMESPACES = Path.of("policy-guard", "sandbox", "workspace-namespaces.yaml");
    private static final Path EXEMPTION_CRD = Path.of("idle-reaper", "target", "classes", "META-INF", "fabric8",
            "workspaceexemptions.guardrails.ameide.io-v1.yml");

    private final CoderStandIn coder;
    private final ClusterStandIn cluster;
    private final WorkspaceObjects objects;
    private final Set<String> removed = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timeline = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sandbox-timeline");
        thread.setDaemon(true);
        return thread;
    });

    SandboxScene(CoderStandIn coder, ClusterStandIn cluster) {
        this.coder = coder;
        this.cluster = cluster;
        this.objects = new WorkspaceObjects(cluster.client());
    }

    /** The workspaces at the start, one of each kind the reaper must tell apart, and their pods where they run. */
    void seed() throws IOException {
        Instant now = coder.clock().instant();
        namespaces();
        running("alice", "vscode", WorkspaceSpec.idle("alice", "vscode", now).template("devcontainer").active(true), true);
        String bob = coder.workspaces().add(WorkspaceSpec.idle("bob", "forgotten", now.minus(Duration.ofHours(3)))
                .template("devcontainer"));
        objects.kubernetesTemplate(bob, "bob", "forgotten", true);
        running("carol", "lunch-break", WorkspaceSpec.idle("carol", "lunch-break", now.minus(IDLE_TIMEOUT).plusSeconds(25))
                .template("devcontainer").ttl(Duration.ofHours(8)), true);
        running("dave", "first-build", WorkspaceSpec.running("dave", "first-build").template("devcontainer").active(true)
                .latestBuild(Transition.START, JobStatus.RUNNING), false);
        coder.workspaces().add(WorkspaceSpec.prebuild("devcontainer", "devcontainer-prebuild-x7q2")
                .lastUsedAt(now.minus(Duration.ofHours(5))));
        running("erin", "gpu-training",
                WorkspaceSpec.idle("erin", "gpu-training", now.minus(Duration.ofHours(6))).template("gpu"),
                true);
        running("frank", "agent-task", WorkspaceSpec.idle("frank", "agent-task", now.minus(Duration.ofHours(1)))
                .template("devcontainer").appStatus("working"), true);
        String gina = coder.workspaces()
                .add(WorkspaceSpec.stopped("gina", "weekend").lastUsedAt(now.minus(Duration.ofDays(2))));
        objects.envbuilderTemplate(gina, "gina", "weekend", true);
        running("hank", "customer-demo", WorkspaceSpec.idle("hank", "customer-demo", now.minus(Duration.ofHours(2)))
                .template("devcontainer"), true);
        exemptHank(now);
        workspaceNamespaces();
        coder.templates().importDuration(IMPORT);
        templateRelease(RELEASE);
    }

    /** The release Git declares for template k8s-devbox, as Argo CD would apply it: a ConfigMap and a CoderTemplate. */
    private void templateRelease(String release) {
        new CoderTemplateObjects(cluster.client()).apply(TEMPLATES_NAMESPACE, "k8s-devbox", TEMPLATE_DIRECTORY,
                "k8s-devbox", release, Map.of("defaultTtl", "30m", "activityBump", "30m", "displayName",
                        "Kubernetes dev box"));
    }

    /** Git moves the template to its next release, which Argo CD applies. */
    private void nextRelease() {
        templateRelease(NEXT_RELEASE);
        say("[git] CoderTemplate coder/k8s-devbox now names release " + NEXT_RELEASE + ", applied as Argo CD would");
    }

    /** Someone pushes a version with Coder's CLI and promotes it by hand: drift, which template-sync heals. */
    private void promoteByHand() {
        coder.templates().pushByHand("k8s-devbox", "hotfix-by-hand", "Uploaded from the CLI");
        coder.templates().promoteByHand("k8s-devbox", "hotfix-by-hand");
        say("[coder stand-in] someone pushed hotfix-by-hand to template k8s-devbox and promoted it by hand");
    }

    /**
     * policy-guard's namespaces, each a workspace's as Coder's provisioner and the baseline chart leave it, two with
     * deviations (policy-guard/sandbox/); the workspaces of ws-alice and ws-bob run in Coder, in use.
     */
    private void workspaceNamespaces() throws IOException {
        try (var seed = Files.newInputStream(GUARD_NAMESPACES)) {
            cluster.client().load(seed).items().forEach(object -> cluster.client().resource(object).create());
        }
        coder.workspaces().add(WorkspaceSpec.running("alice", "policy-demo").id("3b1f6c2a-8d4e-4f5a-9b6c-7d8e9f0a1b2c")
                .template("devcontainer").active(true));
        coder.workspaces().add(WorkspaceSpec.running("bob", "dind").id("8c2d4e6f-1a3b-4c5d-8e7f-9a0b1c2d3e4f")
                .template("devcontainer").active(true));
    }

    /**
     * What happens next: at 10 s Coder creates ivan/hotfix and sends its webhook (and the same message again at 12 s);
     * at 20 s judy/review starts, and its pod becomes ready at 25 s. Each would otherwise wait for the next sweep. At
     * 30 s Git names the template's next release; at 45 s someone promotes another version by hand.
     */
    void play(WebhookDispatcher webhook) {
        timeline.schedule(() -> createIvan(webhook), 10, TimeUnit.SECONDS);
        timeline.schedule(this::startJudy, 20, TimeUnit.SECONDS);
        timeline.schedule(this::nextRelease, 30, TimeUnit.SECONDS);
        timeline.schedule(this::promoteByHand, 45, TimeUnit.SECONDS);
        timeline.scheduleWithFixedDelay(this::removeStopped, 2, 2, TimeUnit.SECONDS);
    }

    /**
     * Coder's provisioner deletes a workspace's Deployment when its stop build succeeds. gina's pod is the exception on
     * purpose: it was left behind, the drift the reaper reports.
     */
    private void removeStopped() {
        for (Workspace workspace : coder.workspaces().list()) {
            WorkspaceBuild build = workspace.latestBuild();
            boolean stopped = build.transition() == Transition.STOP && build.job().status() == JobStatus.SUCCEEDED;
            if (stopped && !"gina".equals(workspace.ownerName()) && removed.add(workspace.id())) {
                objects.remove(workspace.id());
                say("[cluster] " + workspace.ownerName() + "/" + workspace.name()
                        + " stopped in Coder: its Deployment and pod are gone, as Coder's provisioner removes them");
            }
        }
    }

    /** Prints each Event the idle-reaper writes in the cluster. */
    void printEvents() {
        cluster.client().v1().events().inAnyNamespace().watch(new Watcher<Event>() {

            @Override
            public void eventReceived(Action action, Event event) {
                if (action == Action.ADDED) {
                    say("[cluster] Event " + event.getType() + " " + event.getReason() + " on "
                            + event.getInvolvedObject().getKind() + "/" + event.getInvolvedObject().getName() + ": "
                            + event.getMessage());
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                // The cluster stand-in closes with the run.
            }
        });
    }

    private void namespaces() {
        for (String name : new String[]{WorkspaceObjects.NAMESPACE, LEASE_NAMESPACE, TEMPLATES_NAMESPACE}) {
            cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata()
                    .build()).create();
        }
    }

    /** A workspace in Coder with the Deployment and pod the envbuilder template makes for it. */
    private Pod running(String owner, String name, WorkspaceSpec spec, boolean ready) {
        String id = coder.workspaces().add(spec);
        return objects.envbuilderTemplate(id, owner, name, ready);
    }

    /** A WorkspaceExemption for hank's demo, as an SRE would apply it with kubectl; the CRD is the one the build made. */
    private void exemptHank(Instant now) throws IOException {
        try (var crd = Files.newInputStream(EXEMPTION_CRD)) {
            cluster.client().apiextensions().v1().customResourceDefinitions().load(crd).create();
        }
        GenericKubernetesResource exemption = new GenericKubernetesResourceBuilder()
                .withApiVersion(EXEMPTION_API).withKind("WorkspaceExemption")
                .withNewMetadata().withName("hank-customer-demo").withNamespace(WorkspaceObjects.NAMESPACE).endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("workspaces", List.of("hank/customer-demo"),
                        "reason", "customer demo this afternoon, runs unattended", "expiresAt",
                        now.plus(Duration.ofDays(1)).toString())))
                .build();
        cluster.client().genericKubernetesResources(EXEMPTION_API, "WorkspaceExemption")
                .inNamespace(WorkspaceObjects.NAMESPACE).resource(exemption).create();
    }

    private void createIvan(WebhookDispatcher webhook) {
        Instant now = coder.clock().instant();
        String id = coder.workspaces().add(WorkspaceSpec.idle("ivan", "hotfix", now).template("devcontainer")
                .buildCompletedAt(now));
        objects.kubernetesTemplate(id, "ivan", "hotfix", true);
        say("[coder stand-in] ivan/hotfix created; nobody will use it");
        WebhookDispatcher.Message created = WebhookDispatcher.workspaceCreated("ivan", "hotfix", "devcontainer", "admin");
        deliver(webhook, created, "delivered");
        timeline.schedule(() -> deliver(webhook, created, "delivered again (Coder re-delivers until acknowledged)"), 2,
                TimeUnit.SECONDS);
    }

    private void deliver(WebhookDispatcher webhook, WebhookDispatcher.Message message, String what) {
        try {
            int status = webhook.deliver(message);
            say("[coder stand-in] webhook '" + message.name() + "' for " + message.labels().get("workspace_owner_username")
                    + "/" + message.labels().get("workspace") + " " + what + ": HTTP " + status);
        } catch (IOException e) {
            say("[coder stand-in] webhook not delivered: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void startJudy() {
        Instant now = coder.clock().instant();
        Pod pod = running("judy", "review", WorkspaceSpec.idle("judy", "review", now.minus(Duration.ofDays(1)))
                .template("devcontainer").buildCompletedAt(now), false);
        say("[cluster] judy/review started; its pod " + pod.getMetadata().getName() + " is not ready yet");
        timeline.schedule(() -> {
            objects.becomeReady(pod);
            say("[cluster] judy/review's pod is ready (as the kubelet reports it); nobody will use it");
        }, 5, TimeUnit.SECONDS);
    }

    private static void say(String line) {
        System.out.println("[sandbox] " + line);
    }

    @Override
    public void close() {
        timeline.shutdownNow();
    }
}
