package io.ameide.coderguard.templatesync.coder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.ameide.coderguard.common.coder.CoderCallListener;
import io.ameide.coderguard.common.coder.CoderClient;
import io.ameide.coderguard.common.coder.CoderClientConfig;
import io.ameide.coderguard.common.coder.CoderToken;
import io.ameide.coderguard.common.coder.RetryPolicy;
import io.ameide.coderguard.sandbox.CoderStandIn;
import io.ameide.coderguard.templatesync.decision.Release;
import io.ameide.coderguard.templatesync.decision.SyncPlanner;
import io.ameide.coderguard.templatesync.decision.TemplateLint;
import io.ameide.coderguard.templatesync.decision.TemplateSettings;
import io.ameide.coderguard.templatesync.decision.Tracking;

/** A syncer aimed at a Coder stand-in, and the real template in {@code src/main/sandbox-template}, for tests. */
public final class StandInSync {

    public static final Path SANDBOX_TEMPLATE = Path.of("src/main/sandbox-template");
    public static final TemplateLint LINT = new TemplateLint(List.of("coder_agent"));

    private StandInSync() {
    }

    public static CoderClient client(CoderStandIn standIn) {
        CoderClientConfig config = new CoderClientConfig(standIn.baseUrl(), CoderToken.of(standIn.token()),
                Duration.ofSeconds(2), Duration.ofSeconds(10),
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50)));
        return new CoderClient(config, CoderCallListener.NONE);
    }

    public static TemplateSyncer syncer(CoderStandIn standIn, Duration importTimeout, Clock clock, boolean dryRun) {
        return new TemplateSyncer(client(standIn), "default", new SyncPlanner(importTimeout), LINT, clock, dryRun);
    }

    public static TemplateSyncer syncer(CoderStandIn standIn) {
        return syncer(standIn, Duration.ofMinutes(15), Clock.systemUTC(), false);
    }

    /** The files of the sandbox template, by path. */
    public static Map<String, byte[]> sandboxTemplate() {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(SANDBOX_TEMPLATE)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(SANDBOX_TEMPLATE.relativize(path).toString().replace('\\', '/'), Files.readAllBytes(path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    public static SyncRequest request(String template, String version, Tracking tracking) {
        return request(template, version, tracking, sandboxTemplate(), TemplateSettings.UNMANAGED, true);
    }

    public static SyncRequest request(String template, String version, Tracking tracking, Map<String, byte[]> files,
            TemplateSettings settings, boolean selfHeal) {
        return new SyncRequest(template, version, "4f1c9e2", settings, Release.Promotion.AUTOMATIC, selfHeal, Map.of(),
                Map.of(), files, tracking);
    }

    /** A release of the sandbox template with values for its variables. */
    public static SyncRequest request(String template, String version, Tracking tracking,
            Map<String, String> variables) {
        return new SyncRequest(template, version, "4f1c9e2", TemplateSettings.UNMANAGED, Release.Promotion.AUTOMATIC,
                true, Map.of(), variables, sandboxTemplate(), tracking);
    }
}
