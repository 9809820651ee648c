package io.ameide.coderguard.idlereaper.reaper;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.ameide.coderguard.common.coder.CoderClient;
import io.ameide.coderguard.idlereaper.config.ReaperConfig;
import io.ameide.coderguard.idlereaper.config.ReaperSettings;
import io.ameide.coderguard.idlereaper.kubernetes.WorkspaceCluster;
import io.ameide.coderguard.idlereaper.metrics.ReaperMetrics;
import io.ameide.coderguard.sandbox.CoderStandIn;
import io.ameide.coderguard.sandbox.StandInOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * A reaper wired by hand, without Quarkus, against the Coder stand-in on loopback: the same classes the service runs,
 * with settings a test chooses. Sweeps run only when the test calls them; timers run for real.
 */
final class ReaperFixture implements AutoCloseable {

    final CoderStandIn coder;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final Reaper reaper;

    private ReaperFixture(CoderStandIn coder, Map<String, String> settings) {
        this.coder = coder;
        this.reaper = reaper(coder.baseUrl(), coder.token(), registry, settings);
    }

    /** A reaper pointed at any Coder on loopback, such as a scripted one that answers what no stand-in would. */
    static Reaper reaper(URI coderUrl, String token, MeterRegistry registry, Map<String, String> settings) {
        return reaper(coderUrl, token, registry, settings, WorkspaceCluster.off());
    }

    /** A reaper with a Kubernetes side of the test's making, such as one that elects a leader. */
    static Reaper reaper(URI coderUrl, String token, MeterRegistry registry, Map<String, String> settings,
            WorkspaceCluster cluster) {
        Map<String, String> properties = new HashMap<>(settings);
        properties.put("idle-reaper.coder.url", coderUrl.toString());
        properties.put("idle-reaper.coder.token", token);
        properties.putIfAbsent("idle-reaper.coder.retry-initial-delay", "10ms");
        properties.putIfAbsent("idle-reaper.coder.retry-max-delay", "50ms");
        properties.putIfAbsent("idle-reaper.stop.follow-interval", "50ms");
        ReaperSettings reaperSettings = new ReaperSettings(config(properties));
        ReaperMetrics metrics = new ReaperMetrics(registry);
        CoderClient client = new CoderClient(reaperSettings.coderClientConfig(), metrics);
        return new Reaper(reaperSettings, client, metrics, Clock.systemUTC(), cluster);
    }

    /** A stand-in whose jobs take {@code jobDuration}, and a reaper with these settings over the defaults. */
    static ReaperFixture start(Duration jobDuration, String... settings) {
        CoderStandIn coder = CoderStandIn.start(StandInOptions.defaults().withJobDuration(jobDuration));
        return new ReaperFixture(coder, pairs(settings));
    }

    double counter(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    List<String> stoppedIds() {
        return coder.stopBuilds().stream().map(stop -> stop.workspaceId()).toList();
    }

    @Override
    public void close() {
        reaper.close();
        coder.close();
    }

    static Map<String, String> pairs(String... settings) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            map.put(settings[i], settings[i + 1]);
        }
        return map;
    }

    private static ReaperConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(ReaperConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build()
                .getConfigMapping(ReaperConfig.class);
    }
}
