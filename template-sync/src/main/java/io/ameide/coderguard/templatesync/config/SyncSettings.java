package io.ameide.coderguard.templatesync.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.ameide.coderguard.common.coder.CoderClientConfig;
import io.ameide.coderguard.common.coder.CoderToken;
import io.ameide.coderguard.common.coder.RetryPolicy;
import io.quarkus.runtime.StartupEvent;

/**
 * The validated configuration: each bad value stops startup with a message that names its key, and the effective
 * settings (never the token or the webhook secret) are logged once.
 */
@Singleton
public class SyncSettings {

    private static final Logger LOG = Logger.getLogger(SyncSettings.class);
    private static final String PREFIX = "template-sync.";

    private final TemplateSyncConfig config;

    public SyncSettings(TemplateSyncConfig config) {
        this.config = config;
        List<String> problems = problems(config);
        if (problems.isEmpty()) {
            problems.addAll(unreadableSecrets());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid template-sync configuration: " + String.join("; ", problems));
        }
    }

    void logOnStartup(@Observes StartupEvent event) {
        LOG.infof("Template-sync configured: coder=%s organization=%s dry_run=%s resync_interval=%s import_timeout=%s"
                + " required_resources=%s kubernetes=%s", config.coder().url(), config.coder().organization(),
                config.dryRun(), config.resyncInterval(), config.importTimeout(), config.requiredResources(),
                config.kubernetes().enabled());
    }

    public TemplateSyncConfig config() {
        return config;
    }

    /** Reads the token (from its file, if one is set) each time; called once, when the Coder client is made. */
    public CoderClientConfig coderClientConfig() {
        TemplateSyncConfig.Coder coder = config.coder();
        CoderToken token = coder.tokenFile().map(CoderToken::fromFile)
                .orElseGet(() -> CoderToken.of(coder.token().orElseThrow()));
        RetryPolicy retry = new RetryPolicy(coder.maxAttempts(), Duration.ofMillis(200), Duration.ofSeconds(5));
        return new CoderClientConfig(coder.url(), token, coder.connectTimeout(), coder.requestTimeout(), retry);
    }

    /** The webhook's secret path segment, read from its file if one is set; empty when the webhook is off. */
    public Optional<String> webhookSecret() {
        TemplateSyncConfig.Webhook webhook = config.webhook();
        Optional<String> secret = webhook.secretFile().map(SyncSettings::readSecret).or(webhook::secret)
                .map(String::strip).filter(s -> !s.isEmpty());
        if (secret.isPresent() && secret.get().length() < 16) {
            throw new IllegalArgumentException(
                    PREFIX + "webhook.secret must be at least 16 characters, to be unguessable");
        }
        return secret;
    }

    static List<String> problems(TemplateSyncConfig config) {
        List<String> problems = new ArrayList<>();
        atLeast(problems, "resync-interval", config.resyncInterval(), Duration.ofSeconds(1));
        atLeast(problems, "import-timeout", config.importTimeout(), Duration.ofSeconds(1));
        atLeast(problems, "import-poll-initial-delay", config.importPollInitialDelay(), Duration.ofMillis(10));
        atLeast(problems, "retry-initial-delay", config.retryInitialDelay(), Duration.ofMillis(10));
        notShorter(problems, "import-poll-max-delay", config.importPollMaxDelay(), "import-poll-initial-delay",
                config.importPollInitialDelay());
        notShorter(problems, "retry-max-delay", config.retryMaxDelay(), "retry-initial-delay",
                config.retryInitialDelay());
        if (config.promotionHistory() < 1 || config.promotionHistory() > 50) {
            problems.add(PREFIX + "promotion-history must be between 1 and 50, was " + config.promotionHistory());
        }
        config.requiredResources().stream().filter(r -> !r.matches("[A-Za-z0-9_]+(\\|[A-Za-z0-9_]+)*"))
                .forEach(r -> problems.add(PREFIX + "required-resources takes resource types such as coder_agent"
                        + " (alternatives joined by |), was \"" + r + "\""));
        TemplateSyncConfig.Coder coder = config.coder();
        String scheme = coder.url().getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            problems.add(PREFIX + "coder.url must be an http or https URL, was " + coder.url());
        }
        if (coder.token().isEmpty() == coder.tokenFile().isEmpty()) {
            problems.add("set exactly one of " + PREFIX + "coder.token-file and " + PREFIX + "coder.token");
        }
        if (!coder.organization().matches("[A-Za-z0-9-]+")) {
            problems.add(PREFIX + "coder.organization must be default, an organization name or id, was \""
                    + coder.organization() + "\"");
        }
        atLeast(problems, "coder.connect-timeout", coder.connectTimeout(), Duration.ofMillis(1));
        atLeast(problems, "coder.request-timeout", coder.requestTimeout(), Duration.ofMillis(1));
        if (coder.maxAttempts() < 1) {
            problems.add(PREFIX + "coder.max-attempts must be at least 1, was " + coder.maxAttempts());
        }
        if (config.webhook().secret().isPresent() && config.webhook().secretFile().isPresent()) {
            problems.add("set at most one of " + PREFIX + "webhook.secret-file and " + PREFIX + "webhook.secret");
        }
        if (config.webhook().maxBodyBytes() < 1024) {
            problems.add(PREFIX + "webhook.max-body-bytes must be at least 1024, was " + config.webhook().maxBodyBytes());
        }
        if (config.webhook().dedupeCapacity() < 1) {
            problems.add(PREFIX + "webhook.dedupe-capacity must be at least 1, was " + config.webhook().dedupeCapacity());
        }
        return problems;
    }

    private List<String> unreadableSecrets() {
        List<String> problems = new ArrayList<>();
        try {
            coderClientConfig();
        } catch (RuntimeException e) {
            String key = config.coder().tokenFile().isPresent() ? "coder.token-file" : "coder.token";
            problems.add(PREFIX + key + ": " + e.getMessage());
        }
        try {
            webhookSecret();
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
        }
        return problems;
    }

    private static void atLeast(List<String> problems, String key, Duration value, Duration least) {
        if (value.compareTo(least) < 0) {
            problems.add(PREFIX + key + " must be at least " + least + ", was " + value);
        }
    }

    private static void notShorter(List<String> problems, String key, Duration value, String otherKey, Duration other) {
        if (value.compareTo(other) < 0) {
            problems.add(PREFIX + key + " must not be shorter than " + PREFIX + otherKey);
        }
    }

    private static String readSecret(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(PREFIX + "webhook.secret-file cannot be read: " + file, e);
        }
    }
}
