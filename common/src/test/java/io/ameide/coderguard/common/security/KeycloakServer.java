package io.ameide.coderguard.common.security;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.awaitility.core.ConditionTimeoutException;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A real Keycloak on loopback for the tests, started once per test JVM and shared by every test class that needs it;
 * a shutdown hook stops it when the JVM ends. It runs from the server distribution that Maven unpacks into
 * {@code target/keycloak}, in development mode with an in-memory database, so that nothing outlives the run, and it
 * imports the realm that {@code deploy/} uses, with the test users and clients of
 * {@code src/test/resources/keycloak/test-additions.json} added.
 * <p>
 * Starting takes 10 to 30 s on two cores, and 10 to 25 s more the first time after the distribution is unpacked, while
 * Keycloak rebuilds itself for development mode. Its output goes to {@code target/keycloak/keycloak.log}.
 */
public final class KeycloakServer {

    public static final String REALM = "coder-guardrails";

    private static final Path DISTRIBUTIONS = Path.of("target", "keycloak");
    private static final Path DEPLOYED_REALM = Path.of("..", "deploy", "keycloak", "realm-coder-guardrails.json");
    private static final String TEST_ADDITIONS = "/keycloak/test-additions.json";
    private static final Duration STARTUP_LIMIT = Duration.ofMinutes(4);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(KeycloakServer.class);

    private static KeycloakServer shared;
    private static RuntimeException failedStart;

    private final Process process;
    private final URI realmUrl;
    private final Path log;
    private final Map<String, String> passwords;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private KeycloakServer(Process process, URI realmUrl, Path log, Map<String, String> passwords) {
        this.process = process;
        this.realmUrl = realmUrl;
        this.log = log;
        this.passwords = passwords;
    }

    /** The shared server, started by the first caller; a failed start is reported to every later caller too. */
    public static synchronized KeycloakServer shared() {
        if (failedStart != null) {
            throw failedStart;
        }
        if (shared == null) {
            try {
                shared = start();
            } catch (RuntimeException e) {
                failedStart = e;
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "keycloak-stop"));
        }
        return shared;
    }

    /** The realm's URL, as the service's {@code quarkus.oidc.auth-server-url} and a token's issuer name it. */
    public URI realmUrl() {
        return realmUrl;
    }

    /** An access token for a test user, obtained from the test client, so it carries the API's audience. */
    public String accessToken(String username) {
        return accessToken(username, "guardrails-test");
    }

    /** An access token for a test user obtained from {@code clientId}, with that client's audience. */
    public String accessToken(String username, String clientId) {
        String form = form(Map.of("grant_type", "password", "client_id", clientId, "username", username, "password",
                passwords.get(username)));
        HttpRequest request = HttpRequest.newBuilder(realmUrl.resolve(realmUrl.getPath() + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token for " + username + ": " + response.statusCode()
                        + " " + response.body());
            }
            return JSON.readTree(response.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static KeycloakServer start() {
        Path home = distribution();
        Map<String, String> passwords = importRealm(home);
        int port = freePort();
        URI realmUrl = URI.create("http://127.0.0.1:" + port + "/realms/" + REALM);
        Path log = DISTRIBUTIONS.resolve("keycloak.log").toAbsolutePath();

        ProcessBuilder builder = new ProcessBuilder("bash", home.resolve("bin").resolve("kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--db=dev-mem", "--import-realm")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Only the settings below: a KC_* variable of the machine must not change what the tests run against.
        builder.environment().keySet().removeIf(name -> name.startsWith("KC_") || name.startsWith("JAVA_OPTS"));
        builder.environment().put("JAVA_HOME", KeycloakJava.home().toString());
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + home.resolve("bin/kc.sh"), e);
        }

        KeycloakServer server = new KeycloakServer(process, realmUrl, log, passwords);
        long started = System.nanoTime();
        server.awaitReady();
        LOG.infof("Keycloak for the tests is up: realm=%s took=%ds log=%s", realmUrl,
                Duration.ofNanos(System.nanoTime() - started).toSeconds(), log);
        return server;
    }

    /** Waits until the realm's discovery document is served, which is after the import. */
    private void awaitReady() {
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(realmUrl + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(2))
                .build();
        try {
            await().atMost(STARTUP_LIMIT).pollInterval(Duration.ofMillis(250)).until(() -> serves(discovery));
        } catch (ConditionTimeoutException e) {
            stop();
            throw new IllegalStateException("Keycloak did not serve the realm within " + STARTUP_LIMIT + "; the end of "
                    + log + ":\n" + tail());
        }
    }

    private boolean serves(HttpRequest discovery) throws InterruptedException {
        if (!process.isAlive()) {
            throw new IllegalStateException("Keycloak exited with status " + process.exitValue() + " while starting; the"
                    + " end of " + log + ":\n" + tail());
        }
        try {
            return http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        }
    }

    /**
     * Stops Keycloak: {@code kc.sh} forwards the TERM to its Java process. Both are killed outright if they are still
     * there after {@link #STOP_LIMIT}.
     */
    private void stop() {
        List<ProcessHandle> processes = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
        process.destroy();
        try {
            process.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle handle : processes) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        }
    }

    private static Path distribution() {
        try (Stream<Path> candidates = Files.isDirectory(DISTRIBUTIONS) ? Files.list(DISTRIBUTIONS) : Stream.empty()) {
            return candidates.filter(home -> Files.isRegularFile(home.resolve("bin").resolve("kc.sh")))
                    .map(Path::toAbsolutePath)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Keycloak distribution under " + DISTRIBUTIONS
                            + ": the Maven build unpacks org.keycloak:keycloak-quarkus-dist there before the tests; run"
                            + " them through ./mvnw (-DskipTests also skips the unpacking)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the deployed realm plus the test additions as the only file of Keycloak's import folder, and returns the
     * test users' passwords.
     */
    private static Map<String, String> importRealm(Path home) {
        try (InputStream additions = KeycloakServer.class.getResourceAsStream(TEST_ADDITIONS)) {
            ObjectNode realm = (ObjectNode) JSON.readTree(DEPLOYED_REALM.toFile());
            JsonNode extra = JSON.readTree(additions);
            ((ArrayNode) realm.withArray("clients")).addAll((ArrayNode) extra.path("clients"));
            ((ArrayNode) realm.withArray("users")).addAll((ArrayNode) extra.path("users"));

            Path imports = home.resolve("data").resolve("import");
            Files.createDirectories(imports);
            try (Stream<Path> old = Files.list(imports)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
            JSON.writerWithDefaultPrettyPrinter().writeValue(imports.resolve(REALM + ".json").toFile(), realm);
            return passwords(extra);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the realm from " + DEPLOYED_REALM.toAbsolutePath(), e);
        }
    }

    private static Map<String, String> passwords(JsonNode additions) {
        Map<String, String> passwords = new HashMap<>();
        additions.path("users").forEach(user -> passwords.put(user.path("username").asText(),
                user.path("credentials").path(0).path("value").asText()));
        return passwords;
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
