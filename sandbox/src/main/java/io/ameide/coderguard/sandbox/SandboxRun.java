package io.ameide.coderguard.sandbox;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.ameide.coderguard.common.time.Durations;
import io.ameide.coderguard.sandbox.kubernetes.ClusterStandIn;
import io.ameide.coderguard.sandbox.kubernetes.WorkspaceObjects;

/**
 * The local run behind the README's first command ({@code ./run-sandbox}): the Coder stand-in and the cluster stand-in
 * (fabric8's mock API server), seeded with a small team's workspaces ({@link SandboxScene}), and the services started
 * against them as their own processes, exactly as they run in the cluster but with short timeouts, so that within about
 * a minute and a half the log shows which workspaces the idle-reaper stops and why, what it warned of first, and that
 * it acted on Coder's webhook and on a pod becoming ready between two sweeps.
 * <p>
 * Nothing here talks to a real Coder or a real cluster: both stand-ins listen on loopback and answer every call.
 * <p>
 * Options: {@code --for DURATION} stops everything after that long (ISO-8601 or e.g. {@code 90s}; default: until
 * Ctrl-C), {@code --reaper-port PORT} (default 8081), {@code --guard-port PORT} (policy-guard's, default 8082),
 * {@code --sync-port PORT} (template-sync's, default 8083).
 */
public final class SandboxRun {

    private static final Path REAPER_JAR = Path.of("idle-reaper", "target", "quarkus-app", "quarkus-run.jar");
    private static final Path GUARD_JAR = Path.of("policy-guard", "target", "quarkus-app", "quarkus-run.jar");
    private static final Path GUARD_POLICY = Path.of("policy-guard", "sandbox", "policy.yaml");
    private static final Path SYNC_JAR = Path.of("template-sync", "target", "quarkus-app", "quarkus-run.jar");
    private static final Path TOKENS = Path.of("sandbox", "target", "tokens").toAbsolutePath();
    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(2);
    /** Held so that its level sticks: the mock API server logs every request it answers at INFO. */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    private SandboxRun() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("[sandbox] " + e.getMessage());
            System.exit(2);
            return;
        }
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
        for (Path jar : List.of(REAPER_JAR, GUARD_JAR, SYNC_JAR)) {
            if (!Files.isRegularFile(jar)) {
                System.err.println(
                        "[sandbox] " + jar + " is missing: run ./run-sandbox from the repository root, which builds first");
                System.exit(1);
            }
        }

        CoderStandIn coder = CoderStandIn.start(StandInOptions.defaults()
                .withJobDuration(Duration.ofSeconds(3))
                .withActivityInterval(Duration.ofSeconds(15)));
        ClusterStandIn cluster = ClusterStandIn.start();
        SandboxScene scene = new SandboxScene(coder, cluster);
        scene.seed();
        scene.printEvents();
        SandboxTokens tokens = new SandboxTokens();
        writeTokens(tokens);
        String webhookSecret = Ids.random().replace("-", "");
        ServiceProcess reaper = ServiceProcess.start("idle-reaper", REAPER_JAR,
                reaperSettings(coder, cluster, tokens, webhookSecret, options.reaperPort()));
        ServiceProcess guard = ServiceProcess.start("policy-guard", GUARD_JAR,
                guardSettings(coder, cluster, tokens, options.guardPort()));
        ServiceProcess sync = ServiceProcess.start("template-sync", SYNC_JAR,
                syncSettings(coder, cluster, tokens, options.syncPort()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(List.of(reaper, guard, sync), scene, cluster, coder)));
        describe(coder, cluster, options);
        scene.play(new WebhookDispatcher(
                URI.create("http://127.0.0.1:" + options.reaperPort() + "/hooks/coder/" + webhookSecret)));

        boolean exited = reaper.waitFor(options.runFor() == null ? -1 : options.runFor().toMillis());
        if (exited) {
            System.err.println("[sandbox] the " + reaper.name() + " exited with status " + reaper.exitValue());
        } else {
            System.out.println("[sandbox] " + options.runFor().toSeconds() + "s are up: stopping the services and stand-ins");
        }
        System.exit(exited && reaper.exitValue() != 0 ? 1 : 0);
    }

    /**
     * Tokens for the idle-reaper's API, signed with this run's throwaway key, written to files rather than the log. They
     * last a working day.
     */
    private static void writeTokens(SandboxTokens tokens) throws IOException {
        Files.createDirectories(TOKENS);
        Files.writeString(TOKENS.resolve("viewer.jwt"), tokens.token("viewer", Duration.ofHours(12), "guardrails-viewer"));
        Files.writeString(TOKENS.resolve("admin.jwt"),
                tokens.token("admin", Duration.ofHours(12), "guardrails-viewer", "guardrails-admin"));
    }

    private static Map<String, String> reaperSettings(CoderStandIn coder, ClusterStandIn cluster, SandboxTokens tokens,
            String webhookSecret, int port) {
        Map<String, String> env = new HashMap<>(Map.of(
                "IDLE_REAPER_CODER_URL", coder.baseUrl().toString(),
                "IDLE_REAPER_CODER_TOKEN", coder.token(),
                "IDLE_REAPER_IDLE_TIMEOUT", SandboxScene.IDLE_TIMEOUT.toString(),
                "IDLE_REAPER_SWEEP_INTERVAL", SWEEP_INTERVAL.toString(),
                "IDLE_REAPER_WARNING_LEAD_TIME", "30s",
                "IDLE_REAPER_EXEMPT_TEMPLATES", "gpu",
                "IDLE_REAPER_WEBHOOK_SECRET", webhookSecret,
                "QUARKUS_OIDC_PUBLIC_KEY", tokens.publicKey(),
                "QUARKUS_HTTP_HOST", "127.0.0.1",
                "QUARKUS_HTTP_PORT", Integer.toString(port)));
        env.putAll(clusterSettings(cluster));
        env.put("IDLE_REAPER_KUBERNETES_ENABLED", "true");
        env.put("IDLE_REAPER_KUBERNETES_NAMESPACES", WorkspaceObjects.NAMESPACE);
        env.put("IDLE_REAPER_KUBERNETES_LEASE_NAMESPACE", SandboxScene.LEASE_NAMESPACE);
        return env;
    }

    private static Map<String, String> guardSettings(CoderStandIn coder, ClusterStandIn cluster, SandboxTokens tokens,
            int port) {
        Map<String, String> env = new HashMap<>(Map.of(
                "POLICY_GUARD_KUBERNETES_ENABLED", "true",
                "POLICY_GUARD_POLICY_FILE", GUARD_POLICY.toString(),
                "POLICY_GUARD_CODER_URL", coder.baseUrl().toString(),
                "POLICY_GUARD_CODER_TOKEN", coder.token(),
                "POLICY_GUARD_KUBERNETES_LEASE_ENABLED", "true",
                "POLICY_GUARD_KUBERNETES_LEASE_NAMESPACE", SandboxScene.LEASE_NAMESPACE,
                "QUARKUS_OIDC_PUBLIC_KEY", tokens.publicKey(),
                "QUARKUS_HTTP_HOST", "127.0.0.1",
                "QUARKUS_HTTP_PORT", Integer.toString(port)));
        env.putAll(clusterSettings(cluster));
        return env;
    }

    private static Map<String, String> syncSettings(CoderStandIn coder, ClusterStandIn cluster, SandboxTokens tokens,
            int port) {
        Map<String, String> env = new HashMap<>(Map.of(
                "TEMPLATE_SYNC_CODER_URL", coder.baseUrl().toString(),
                "TEMPLATE_SYNC_CODER_TOKEN", coder.token(),
                "TEMPLATE_SYNC_KUBERNETES_ENABLED", "true",
                "TEMPLATE_SYNC_KUBERNETES_NAMESPACE", SandboxScene.TEMPLATES_NAMESPACE,
                "TEMPLATE_SYNC_RESYNC_INTERVAL", "10s",
                "QUARKUS_OIDC_PUBLIC_KEY", tokens.publicKey(),
                "QUARKUS_HTTP_HOST", "127.0.0.1",
                "QUARKUS_HTTP_PORT", Integer.toString(port)));
        env.putAll(clusterSettings(cluster));
        return env;
    }

    /**
     * A service's Kubernetes client pointed at the cluster stand-in only: it is told never to read a kubeconfig or a
     * service account, so that nothing on this machine can send it to a real cluster.
     */
    private static Map<String, String> clusterSettings(ClusterStandIn cluster) {
        return Map.of(
                "KUBERNETES_MASTER", cluster.url().toString(),
                "KUBERNETES_NAMESPACE", SandboxScene.LEASE_NAMESPACE,
                "KUBERNETES_AUTH_TRYKUBECONFIG", "false",
                "KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false",
                "KUBECONFIG", "/dev/null");
    }

    private static void describe(CoderStandIn coder, ClusterStandIn cluster, Options options) {
        int reaper = options.reaperPort();
        List.of(
                "Coder stand-in (not a real Coder) at " + coder.baseUrl() + ", token " + coder.token(),
                "cluster stand-in (fabric8's mock API server, not a real cluster) at " + cluster.url(),
                "idle-reaper at http://127.0.0.1:" + reaper + " with a 1-minute idle timeout, sweeping every "
                        + SWEEP_INTERVAL.toMinutes() + "m, warning 30s ahead, webhook on, watching pods",
                "  expect STOP: bob/forgotten (idle 3h) at once; carol/lunch-break (idle 35s) warned at once, stopped"
                        + " about 25s from now",
                "  expect STOP between sweeps: ivan/hotfix (created at 10s, Coder's webhook tells the reaper) and"
                        + " judy/review (pod ready at 25s), each warned 30s ahead and stopped 1 minute after its start",
                "  expect KEEP: alice/vscode (in use) and dave/first-build (in use once his first build, running at the"
                        + " start, has finished)",
                "  expect SKIP: the prebuild, erin/gpu-training (template gpu exempt), frank/agent-task (working),"
                        + " hank/customer-demo (a WorkspaceExemption in the cluster)",
                "  gina/weekend is stopped in Coder but its pod still runs: reported after two sweeps, never deleted",
                "policy-guard at http://127.0.0.1:" + options.guardPort() + " judging namespaces ws-alice, ws-bob, ws-carol"
                        + " against " + GUARD_POLICY,
                "  expect: ws-alice compliant; ws-bob 4 findings (TCP DNS missing, a privileged docker-in-docker sidecar"
                        + " with the Docker socket, an image without a digest); ws-carol 5 (no LimitRange, a wildcard"
                        + " ClusterRole bound, token mounted, a Kafka credential, a volume claim of no workspace); each"
                        + " new finding an Event, and a PolicyReport per namespace",
                "template-sync at http://127.0.0.1:" + options.syncPort() + ": CoderTemplate coder/k8s-devbox names release "
                        + SandboxScene.RELEASE + " of " + SandboxScene.TEMPLATE_DIRECTORY,
                "  expect: the release pushed, imported (" + SandboxScene.IMPORT.toSeconds() + " s) and the template"
                        + " created from it, the CoderTemplate Ready; at 30s Git names " + SandboxScene.NEXT_RELEASE
                        + ": pushed, its import followed through Coder's log stream and promoted the moment it ends"
                        + " (Promoted); at 45s someone pushes and promotes hotfix-by-hand in Coder: at the next resync"
                        + " (10s) it is drift, and the release is promoted back (self-heal), with Events",
                "API auth: the services trust tokens signed by a throwaway key this launcher made, not Keycloak: sandbox only",
                "Why each stop happened: curl -s -H \"Authorization: Bearer $(cat " + TOKENS.resolve("viewer.jwt")
                        + ")\" http://127.0.0.1:" + reaper + "/api/decisions",
                "Sweep now (admin): curl -s -X POST -H \"Authorization: Bearer $(cat " + TOKENS.resolve("admin.jwt")
                        + ")\" http://127.0.0.1:" + reaper + "/api/sweeps",
                "Findings: curl -s -H \"Authorization: Bearer $(cat " + TOKENS.resolve("viewer.jwt")
                        + ")\" http://127.0.0.1:" + options.guardPort() + "/api/namespaces/ws-bob/findings",
                "Templates: curl -s -H \"Authorization: Bearer $(cat " + TOKENS.resolve("viewer.jwt")
                        + ")\" http://127.0.0.1:" + options.syncPort() + "/api/templates",
                "Metrics: curl -s http://127.0.0.1:" + reaper + "/q/metrics | grep idle_reaper_ (and policy_guard_ on "
                        + options.guardPort() + ", template_sync_ on " + options.syncPort() + ")",
                "Ctrl-C stops everything.")
                .forEach(line -> System.out.println("[sandbox] " + line));
    }

    private static void stop(List<ServiceProcess> services, SandboxScene scene, ClusterStandIn cluster,
            CoderStandIn coder) {
        scene.close();
        services.forEach(ServiceProcess::close);
        cluster.close();
        coder.close();
    }

    record Options(Duration runFor, int reaperPort, int guardPort, int syncPort) {

        static Options parse(String[] args) {
            Duration runFor = null;
            int reaperPort = 8081;
            int guardPort = 8082;
            int syncPort = 8083;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--for" -> runFor = duration(value(args, ++i));
                    case "--reaper-port" -> reaperPort = port(value(args, ++i));
                    case "--guard-port" -> guardPort = port(value(args, ++i));
                    case "--sync-port" -> syncPort = port(value(args, ++i));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; use --for DURATION, --reaper-port PORT, --guard-port PORT, --sync-port PORT");
                }
            }
            return new Options(runFor, reaperPort, guardPort, syncPort);
        }

        private static String value(String[] args, int index) {
            if (index >= args.length) {
                throw new IllegalArgumentException(args[index - 1] + " needs a value");
            }
            return args[index];
        }

        /** As the services read durations: {@code 150s}, {@code 2m}, {@code 1m30s} or ISO-8601. */
        private static Duration duration(String text) {
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--for: " + e.getMessage());
            }
        }

        private static int port(String text) {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("a port is a number, got \"" + text + "\"");
            }
        }
    }
}
