package io.ameide.coderguard.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.ameide.coderguard.common.coder.model.JobStatus;
import io.ameide.coderguard.common.coder.model.Transition;

/**
 * The local run behind the README's first command ({@code ./run-sandbox}): the Coder stand-in, seeded with a small
 * team's workspaces, and the services started against it as their own processes, exactly as they run in the cluster
 * but with short timeouts, so that within about a minute the log shows which workspaces the idle-reaper stops and why.
 * <p>
 * Nothing here talks to a real Coder: the stand-in on loopback answers every call.
 * <p>
 * Options: {@code --for DURATION} stops everything after that long (ISO-8601 or e.g. {@code 90s}; default: until
 * Ctrl-C), {@code --reaper-port PORT} (default 8081).
 */
public final class SandboxRun {

    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(1);
    private static final Path REAPER_JAR = Path.of("idle-reaper", "target", "quarkus-app", "quarkus-run.jar");
    private static final Path TOKENS = Path.of("sandbox", "target", "tokens");

    private SandboxRun() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Options options = Options.parse(args);
        if (!Files.isRegularFile(REAPER_JAR)) {
            System.err.println(
                    "[sandbox] " + REAPER_JAR + " is missing: run ./run-sandbox from the repository root, which builds first");
            System.exit(1);
        }

        CoderStandIn coder = CoderStandIn.start(StandInOptions.defaults()
                .withJobDuration(Duration.ofSeconds(3))
                .withActivityInterval(Duration.ofSeconds(15)));
        seed(coder);
        SandboxTokens tokens = new SandboxTokens();
        writeTokens(tokens);
        Process reaper = startReaper(coder, tokens, options.reaperPort());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(reaper, coder)));
        describe(coder, options.reaperPort());

        boolean exited = options.runFor() == null
                ? waitForever(reaper)
                : reaper.waitFor(options.runFor().toMillis(), TimeUnit.MILLISECONDS);
        if (exited) {
            System.err.println("[sandbox] the idle-reaper exited with status " + reaper.exitValue());
        }
        System.exit(exited && reaper.exitValue() != 0 ? 1 : 0);
    }

    /** Seven workspaces, one of each kind the reaper must tell apart. */
    static void seed(CoderStandIn coder) {
        Instant now = coder.clock().instant();
        StandInWorkspaces workspaces = coder.workspaces();
        workspaces.add(WorkspaceSpec.idle("alice", "vscode", now).template("devcontainer").active(true));
        workspaces.add(WorkspaceSpec.idle("bob", "forgotten", now.minus(Duration.ofHours(3))).template("devcontainer"));
        workspaces.add(WorkspaceSpec.idle("carol", "lunch-break", now.minus(IDLE_TIMEOUT).plusSeconds(25))
                .template("devcontainer"));
        workspaces.add(WorkspaceSpec.running("dave", "first-build").template("devcontainer").active(true)
                .latestBuild(Transition.START, JobStatus.RUNNING));
        workspaces.add(WorkspaceSpec.prebuild("devcontainer", "devcontainer-prebuild-x7q2")
                .lastUsedAt(now.minus(Duration.ofHours(5))));
        workspaces.add(WorkspaceSpec.idle("erin", "gpu-training", now.minus(Duration.ofHours(6))).template("gpu"));
        workspaces.add(WorkspaceSpec.idle("frank", "agent-task", now.minus(Duration.ofHours(1))).appStatus("working"));
        workspaces.add(WorkspaceSpec.stopped("gina", "weekend").lastUsedAt(now.minus(Duration.ofDays(2))));
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

    private static Process startReaper(CoderStandIn coder, SandboxTokens tokens, int port) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", REAPER_JAR.toString()).redirectErrorStream(true);
        builder.environment().putAll(Map.of(
                "IDLE_REAPER_CODER_URL", coder.baseUrl().toString(),
                "IDLE_REAPER_CODER_TOKEN", coder.token(),
                "IDLE_REAPER_IDLE_TIMEOUT", IDLE_TIMEOUT.toString(),
                "IDLE_REAPER_SWEEP_INTERVAL", "20s",
                "IDLE_REAPER_WARNING_LEAD_TIME", "30s",
                "IDLE_REAPER_EXEMPT_TEMPLATES", "gpu",
                "QUARKUS_OIDC_PUBLIC_KEY", tokens.publicKey(),
                "QUARKUS_HTTP_HOST", "127.0.0.1",
                "QUARKUS_HTTP_PORT", Integer.toString(port)));
        Process process = builder.start();
        Thread pipe = new Thread(() -> prefix(process, "[idle-reaper] "), "idle-reaper-log");
        pipe.setDaemon(true);
        pipe.start();
        return process;
    }

    private static void describe(CoderStandIn coder, int reaperPort) {
        List.of(
                "Coder stand-in (not a real Coder) at " + coder.baseUrl() + ", token " + coder.token(),
                "idle-reaper at http://127.0.0.1:" + reaperPort
                        + " with a 1-minute idle timeout, sweeping every 20s, warning 30s ahead",
                "  expect STOP: bob/forgotten (idle 3h) at once; carol/lunch-break (idle 35s) warned at once, stopped about 25s"
                        + " from now",
                "  expect KEEP: alice/vscode and dave/first-build (in use)",
                "  expect SKIP: the prebuild, erin/gpu-training (template gpu exempt), frank/agent-task (working)",
                "  gina/weekend is stopped already and is never listed",
                "API auth: the idle-reaper trusts tokens signed by a throwaway key this launcher made, not Keycloak: sandbox only",
                "Why each stop happened: curl -s -H \"Authorization: Bearer $(cat " + TOKENS.resolve("viewer.jwt")
                        + ")\" http://127.0.0.1:" + reaperPort + "/api/decisions",
                "Sweep now (admin): curl -s -X POST -H \"Authorization: Bearer $(cat " + TOKENS.resolve("admin.jwt")
                        + ")\" http://127.0.0.1:" + reaperPort + "/api/sweeps",
                "Metrics: curl -s http://127.0.0.1:" + reaperPort + "/q/metrics | grep idle_reaper_",
                "Ctrl-C stops everything.")
                .forEach(line -> System.out.println("[sandbox] " + line));
    }

    private static void prefix(Process process, String prefix) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            lines.lines().forEach(line -> System.out.println(prefix + line));
        } catch (IOException | UncheckedIOException e) {
            // The service's output ends when it is stopped; there is nothing more to show.
        }
    }

    private static boolean waitForever(Process process) throws InterruptedException {
        process.waitFor();
        return true;
    }

    private static void stop(Process reaper, CoderStandIn coder) {
        reaper.destroy();
        try {
            if (!reaper.waitFor(10, TimeUnit.SECONDS)) {
                reaper.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        coder.close();
    }

    private record Options(Duration runFor, int reaperPort) {

        static Options parse(String[] args) {
            Duration runFor = null;
            int port = 8081;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--for" -> runFor = duration(value(args, ++i));
                    case "--reaper-port" -> port = Integer.parseInt(value(args, ++i));
                    default -> throw new IllegalArgumentException(
                            "unknown option " + args[i] + "; use --for DURATION, --reaper-port PORT");
                }
            }
            return new Options(runFor, port);
        }

        private static String value(String[] args, int index) {
            if (index >= args.length) {
                throw new IllegalArgumentException(args[index - 1] + " needs a value");
            }
            return args[index];
        }

        private static Duration duration(String text) {
            return text.matches("\\d+s")
                    ? Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)))
                    : Duration.parse(text);
        }
    }
}
