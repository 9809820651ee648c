package io.ameide.coderguard.idlereaper.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.ameide.coderguard.common.config.StrictConverters;
import io.ameide.coderguard.idlereaper.kubernetes.KubernetesConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/**
 * Every setting of the idle-reaper, under the prefix {@code idle-reaper}. Environment variables follow the usual
 * mapping: {@code idle-reaper.idle-timeout} is {@code IDLE_REAPER_IDLE_TIMEOUT}. Durations take {@code 30m},
 * {@code 90s} or ISO-8601 ({@code PT30M}). {@link ReaperSettings} validates the values at startup.
 */
@ConfigMapping(prefix = "idle-reaper")
public interface ReaperConfig {

    /** How long a running workspace may go unused before it is stopped. */
    @WithDefault("30m")
    @WithConverter(StrictConverters.DurationWithUnit.class)
    Duration idleTimeout();

    /** How often every running workspace is listed from Coder and judged again. */
    @WithDefault("60s")
    @WithConverter(StrictConverters.DurationWithUnit.class)
    Duration sweepInterval();

    /** Decide and report, but never ask Coder to stop anything; log lines carry {@code [dry-run]}. */
    @WithDefault("false")
    @WithConverter(StrictConverters.StrictBoolean.class)
    boolean dryRun();

    /** How many stop builds may be queued or running in Coder at once; CE runs 3 provisioners by default. */
    @WithDefault("3")
    int maxStopsInFlight();

    /** Workspaces per page when listing from Coder. */
    @WithDefault("100")
    int pageSize();

    /** How many decision records the HTTP API keeps, newest first. */
    @WithDefault("1000")
    int decisionHistory();

    /** Workspaces that are never stopped. */
    Exempt exempt();

    /** Following a requested stop, and backing off after a failed one. */
    Stop stop();

    /** How to reach Coder. */
    Coder coder();

    /** Coder's notification webhook, a hint to look at a workspace again. */
    Webhook webhook();

    /** Workspace pods, Events and orphan reports in the cluster; off unless enabled. */
    KubernetesConfig kubernetes();

    /** The warning before a stop. */
    Warning warning();

    interface Exempt {

        /** Usernames whose workspaces are never stopped. */
        Optional<List<String>> owners();

        /** Workspaces never stopped, as {@code owner/name}, or {@code name} for that name under any owner. */
        Optional<List<String>> workspaces();

        /** Templates whose workspaces are never stopped. */
        Optional<List<String>> templates();
    }

    interface Stop {

        /** How often a requested stop build is polled until it finishes. */
        @WithDefault("2s")
        @WithConverter(StrictConverters.DurationWithUnit.class)
        Duration followInterval();

        /** How long a requested stop is followed before it is reported as unconfirmed and its slot freed. */
        @WithDefault("15m")
        @WithConverter(StrictConverters.DurationWithUnit.class)
        Duration followTimeout();

        /** The first wait before trying again to stop a workspace whose stop failed; doubled per failure. */
        @WithDefault("30s")
        @WithConverter(StrictConverters.DurationWithUnit.class)
        Duration retryInitialDelay();

        /** The longest wait between two tries to stop the same workspace. */
        @WithDefault("10m")
        @WithConverter(StrictConverters.DurationWithUnit.class)
        Duration retryMaxDelay();
    }

    interface Coder {

        /** Coder's access URL, e.g. {@code https://coder.dev.ameide.io}. */
        URI url();

        /** The session token of a user with Coder's {@code owner} role; prefer {@code token-file}. */
        Optional<String> token();

        /** A file holding the token, as mounted from a Kubernetes Secret; read at startup. */
        Optional<Path> tokenFile();

        /** The bound on opening a connection to Coder. */
        @WithDefault("5s")
        @WithConverter(StrictConverters.DurationWithUnit.class)
        Duration connectTimeout();

        /** The bound on one request to Coder, response included. */
        @WithDefault("30s")
        @WithConverter(StrictConverters.DurationWithUnit.class)
        Duration requestTimeout();

        /** How many times one read is sent at most when Coder times out or answers 429 or 5xx. */
        @WithDefault("4")
        int maxAttempts();

        /** The first wait before a retry; doubled per attempt, with jitter. */
        @WithDefault("200ms")
        @WithConverter(StrictConverters.DurationWithUnit.class)
        Duration retryInitialDelay();

        /** The longest wait before a retry. */
        @WithDefault("5s")
        @WithConverter(StrictConverters.DurationWithUnit.class)
        Duration retryMaxDelay();
    }

    interface Webhook {

        /**
         * The secret path segment: Coder posts to {@code /hooks/coder/<secret>}. Coder's webhook carries no signature and
         * no custom header, so this and a NetworkPolicy admitting only coderd are what keep others out. Prefer
         * {@code secret-file}; with neither set, the webhook is off.
         */
        Optional<String> secret();

        /** A file holding the secret path segment, as mounted from a Kubernetes Secret; read at startup. */
        Optional<Path> secretFile();

        /** The largest body accepted, in bytes; Coder's notifications are a few kilobytes. */
        @WithDefault("65536")
        int maxBodyBytes();

        /** How long a message id is remembered; Coder retries a delivery up to 5 times, 5 minutes apart. */
        @WithDefault("1h")
        @WithConverter(StrictConverters.DurationWithUnit.class)
        Duration dedupeWindow();

        /** How many message ids are remembered at most. */
        @WithDefault("100000")
        int dedupeCapacity();
    }

    interface Warning {

        /**
         * How long before its stop a workspace's owner is warned, with an Event on the workspace's Deployment (when the
         * Kubernetes side is on). The warning comes at the first look inside this lead, so at most a sweep later.
         */
        @WithDefault("5m")
        @WithConverter(StrictConverters.DurationWithUnit.class)
        Duration leadTime();
    }
}
