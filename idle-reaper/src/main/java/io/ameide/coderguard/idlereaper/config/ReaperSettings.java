package io.ameide.coderguard.idlereaper.config;

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
import io.ameide.coderguard.idlereaper.decision.Exemptions;
import io.ameide.coderguard.idlereaper.decision.IdlePolicy;
import io.quarkus.runtime.StartupEvent;

/**
 * The validated configuration: each bad value stops startup with a message that names its key, and the effective
 * settings (never the token) are logged once.
 */
@Singleton
public class ReaperSettings {

    private static final Logger LOG = Logger.getLogger(ReaperSettings.class);

    private final ReaperConfig config;

    public ReaperSettings(ReaperConfig config) {
        this.config = config;
        List<String> problems = problems(config);
        if (problems.isEmpty()) {
            problems.addAll(unreadableSecrets());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid idle-reaper configuration: " + String.join("; ", problems));
        }
    }

    void logOnStartup(@Observes StartupEvent event) {
        LOG.infof("Idle-reaper configured: coder=%s idle_timeout=%s sweep_interval=%s dry_run=%s max_stops_in_flight=%d"
                + " page_size=%d exempt_owners=%s exempt_workspaces=%s exempt_templates=%s", config.coder().url(),
                config.idleTimeout(), config.sweepInterval(), config.dryRun(), config.maxStopsInFlight(), config.pageSize(),
                policy().exemptions().owners(), policy().exemptions().workspaces(), policy().exemptions().templates());
    }

    public ReaperConfig config() {
        return config;
    }

    public IdlePolicy policy() {
        ReaperConfig.Exempt exempt = config.exempt();
        return new IdlePolicy(config.idleTimeout(), Exemptions.of(exempt.owners().orElse(List.of()),
                exempt.workspaces().orElse(List.of()), exempt.templates().orElse(List.of())));
    }

    /** Reads each secret once, so that a missing or malformed one stops startup with the key, never the value. */
    private List<String> unreadableSecrets() {
        List<String> problems = new ArrayList<>();
        try {
            coderClientConfig();
        } catch (RuntimeException e) {
            String key = config.coder().tokenFile().isPresent() ? "idle-reaper.coder.token-file" : "idle-reaper.coder.token";
            problems.add(key + ": " + e.getMessage());
        }
        try {
            webhookSecret();
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
        }
        return problems;
    }

    /** Reads the token (from its file, if one is set) each time; called once, when the Coder client is made. */
    public CoderClientConfig coderClientConfig() {
        ReaperConfig.Coder coder = config.coder();
        CoderToken token = coder.tokenFile().map(CoderToken::fromFile)
                .orElseGet(() -> CoderToken.of(coder.token().orElseThrow()));
        RetryPolicy retry = new RetryPolicy(coder.maxAttempts(), coder.retryInitialDelay(), coder.retryMaxDelay());
        return new CoderClientConfig(coder.url(), token, coder.connectTimeout(), coder.requestTimeout(), retry);
    }

    /** The webhook's secret path segment, read from its file if one is set; empty when the webhook is off. */
    public Optional<String> webhookSecret() {
        ReaperConfig.Webhook webhook = config.webhook();
        Optional<String> secret = webhook.secretFile().map(ReaperSettings::readSecret).or(webhook::secret).map(String::strip)
                .filter(s -> !s.isEmpty());
        if (secret.isPresent() && secret.get().length() < 16) {
            throw new IllegalArgumentException(
                    "the idle-reaper webhook secret must be at least 16 characters, to be unguessable");
        }
        return secret;
    }

    static List<String> problems(ReaperConfig config) {
        List<String> problems = new ArrayList<>();
        positive(problems, "idle-reaper.idle-timeout", config.idleTimeout());
        if (config.sweepInterval().compareTo(Duration.ofSeconds(1)) < 0) {
            problems.add("idle-reaper.sweep-interval must be at least 1s, was " + config.sweepInterval());
        }
        positive(problems, "idle-reaper.stop.follow-interval", config.stop().followInterval());
        positive(problems, "idle-reaper.stop.follow-timeout", config.stop().followTimeout());
        positive(problems, "idle-reaper.stop.retry-initial-delay", config.stop().retryInitialDelay());
        positive(problems, "idle-reaper.coder.connect-timeout", config.coder().connectTimeout());
        positive(problems, "idle-reaper.coder.request-timeout", config.coder().requestTimeout());
        atLeast(problems, "idle-reaper.max-stops-in-flight", config.maxStopsInFlight(), 1);
        atLeast(problems, "idle-reaper.page-size", config.pageSize(), 1);
        if (config.pageSize() > 5000) {
            problems.add("idle-reaper.page-size must be at most 5000, was " + config.pageSize());
        }
        config.exempt().workspaces().orElse(List.of()).stream()
                .filter(entry -> entry.chars().filter(c -> c == '/').count() > 1 || entry.strip().startsWith("/")
                        || entry.strip().endsWith("/"))
                .forEach(
                        entry -> problems.add("idle-reaper.exempt.workspaces takes owner/name or name, was \"" + entry + "\""));
        atLeast(problems, "idle-reaper.decision-history", config.decisionHistory(), 1);
        atLeast(problems, "idle-reaper.coder.max-attempts", config.coder().maxAttempts(), 1);
        atLeast(problems, "idle-reaper.webhook.max-body-bytes", config.webhook().maxBodyBytes(), 1024);
        atLeast(problems, "idle-reaper.webhook.dedupe-capacity", config.webhook().dedupeCapacity(), 1);
        positive(problems, "idle-reaper.webhook.dedupe-window", config.webhook().dedupeWindow());
        if (config.webhook().secret().isPresent() && config.webhook().secretFile().isPresent()) {
            problems.add("set at most one of idle-reaper.webhook.secret-file and idle-reaper.webhook.secret");
        }
        if (config.stop().retryMaxDelay().compareTo(config.stop().retryInitialDelay()) < 0) {
            problems.add("idle-reaper.stop.retry-max-delay must not be shorter than idle-reaper.stop.retry-initial-delay");
        }
        if (config.coder().retryMaxDelay().compareTo(config.coder().retryInitialDelay()) < 0) {
            problems.add("idle-reaper.coder.retry-max-delay must not be shorter than idle-reaper.coder.retry-initial-delay");
        }
        String scheme = config.coder().url().getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            problems.add("idle-reaper.coder.url must be an http or https URL, was " + config.coder().url());
        }
        if (config.coder().token().isEmpty() == config.coder().tokenFile().isEmpty()) {
            problems.add("set exactly one of idle-reaper.coder.token-file and idle-reaper.coder.token");
        }
        return problems;
    }

    private static String readSecret(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read idle-reaper.webhook.secret-file " + file, e);
        }
    }

    private static void positive(List<String> problems, String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            problems.add(key + " must be a positive duration, was " + value);
        }
    }

    private static void atLeast(List<String> problems, String key, int value, int minimum) {
        if (value < minimum) {
            problems.add(key + " must be at least " + minimum + ", was " + value);
        }
    }
}
