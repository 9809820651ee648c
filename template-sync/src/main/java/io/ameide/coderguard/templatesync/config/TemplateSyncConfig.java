package io.ameide.coderguard.templatesync.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.ameide.coderguard.common.config.LeaseTimings;
import io.ameide.coderguard.common.config.StrictConverters;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/**
 * Every setting of template-sync, under the prefix {@code template-sync}. Environment variables follow the usual
 * mapping: {@code template-sync.import-timeout} is {@code TEMPLATE_SYNC_IMPORT_TIMEOUT}. Durations take {@code 30m},
 * {@code 90s}, {@code 500ms} or ISO-8601 ({@code PT30M}). {@link SyncSettings} validates the values at startup.
 */
@ConfigMapping(prefix = "template-sync")
public interface TemplateSyncConfig {

    /** Decide and report, but never change Coder; log lines and Events carry {@code [dry-run]}. */
    @WithDefault("false")
    @WithConverter(StrictConverters.StrictBoolean.class)
    boolean dryRun();

    /** How often every template is compared with Coder again; most changes in Coder send no notification. */
    @WithDefault("60s")
    @WithConverter(StrictConverters.DurationWithUnit.class)
    Duration resyncInterval();

    /** How long a version's import may stay unfinished (pending or running) before it is reported as stuck. */
    @WithDefault("15m")
    @WithConverter(StrictConverters.DurationWithUnit.class)
    Duration importTimeout();

    /**
     * Follow each import through Coder's log stream (a WebSocket) and promote the moment Coder closes it, the import
     * having ended; polling goes on beside it. Off only where no WebSocket reaches Coder.
     */
    @WithDefault("true")
    @WithConverter(StrictConverters.StrictBoolean.class)
    boolean followImportLogs();

    /** The first wait before looking at an import under way again; doubled per look. */
    @WithDefault("500ms")
    @WithConverter(StrictConverters.DurationWithUnit.class)
    Duration importPollInitialDelay();

    /** The longest wait between two looks at an import under way. */
    @WithDefault("10s")
    @WithConverter(StrictConverters.DurationWithUnit.class)
    Duration importPollMaxDelay();

    /** The first wait before trying a template again after Coder failed or could not be reached; doubled per failure. */
    @WithDefault("5s")
    @WithConverter(StrictConverters.DurationWithUnit.class)
    Duration retryInitialDelay();

    /** The longest wait before trying a template again after failures. */
    @WithDefault("5m")
    @WithConverter(StrictConverters.DurationWithUnit.class)
    Duration retryMaxDelay();

    /**
     * Resource types every template must declare, each at least once; {@code a|b} accepts either. Checked before
     * anything reaches Coder.
     */
    @WithDefault("coder_agent")
    List<String> requiredResources();

    /** How many promotions each custom resource's status keeps, newest first. */
    @WithDefault("10")
    int promotionHistory();

    /** How to reach Coder. */
    Coder coder();

    /** The custom resources, their ConfigMaps, Events and the Lease; off unless enabled. */
    Kubernetes kubernetes();

    /** Coder's notification webhook, a hint to look at a template again. */
    Webhook webhook();

    interface Coder {

        /** Coder's access URL, e.g. {@code https://coder.dev.ameide.io}. */
        URI url();

        /** The session token of a user with Coder's {@code template-admin} role; prefer {@code token-file}. */
        Optional<String> token();

        /** A file holding the token, as mounted from a Kubernetes Secret; read at startup. */
        Optional<Path> tokenFile();

        /** The organization the templates live in: {@code default}, an organization name or its id. */
        @WithDefault("default")
        String organization();

        /** The bound on opening a connection to Coder. */
        @WithDefault("5s")
        @WithConverter(StrictConverters.DurationWithUnit.class)
        Duration connectTimeout();

        /** The bound on one request to Coder, response included (an upload of up to 1 MiB included). */
        @WithDefault("30s")
        @WithConverter(StrictConverters.DurationWithUnit.class)
        Duration requestTimeout();

        /** How many times one idempotent call is sent at most when Coder times out or answers 429 or 5xx. */
        @WithDefault("4")
        int maxAttempts();
    }

    interface Kubernetes {

        /** Watch CoderTemplate resources and their ConfigMaps, write status and Events, elect a leader. */
        @WithDefault("false")
        @WithConverter(StrictConverters.StrictBoolean.class)
        boolean enabled();

        /** The namespace whose CoderTemplate resources are synced; the client's own namespace when unset. */
        Optional<String> namespace();

        /** Leader election: only the Lease holder changes Coder or writes status. */
        Lease lease();

        interface Lease extends LeaseTimings {

            /** The Lease's name. */
            @WithDefault("template-sync")
            String name();
        }
    }

    interface Webhook {

        /**
         * The secret path segment: Coder posts to {@code /hooks/coder/<secret>}. Coder's webhook carries no signature, so
         * this and a NetworkPolicy admitting only coderd keep others out. Prefer {@code secret-file}; with neither set,
         * the webhook is off.
         */
        Optional<String> secret();

        /** A file holding the secret path segment, as mounted from a Kubernetes Secret; read at startup. */
        Optional<Path> secretFile();

        /** The largest body accepted, in bytes; Coder's notifications are a few kilobytes. */
        @WithDefault("65536")
        int maxBodyBytes();

        /** How long a delivery id is remembered to drop Coder's repeats (at-least-once, one per recipient). */
        @WithDefault("1h")
        @WithConverter(StrictConverters.DurationWithUnit.class)
        Duration dedupeWindow();

        /** How many delivery ids are remembered at most. */
        @WithDefault("10000")
        int dedupeCapacity();
    }
}
