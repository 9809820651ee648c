package io.ameide.coderguard.templatesync.bench;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.ameide.coderguard.common.coder.CoderClient;
import io.ameide.coderguard.common.coder.model.Template;
import io.ameide.coderguard.common.coder.model.TemplateVersion;
import io.ameide.coderguard.sandbox.CoderStandIn;
import io.ameide.coderguard.templatesync.coder.StandInSync;
import io.ameide.coderguard.templatesync.kubernetes.CoderTemplate;
import io.ameide.coderguard.templatesync.kubernetes.CoderTemplateSpec;
import io.ameide.coderguard.templatesync.kubernetes.SyncListener;
import io.ameide.coderguard.templatesync.kubernetes.TemplateController;
import io.ameide.coderguard.templatesync.kubernetes.TemplateEvents;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

/**
 * The two overhead goals with 50 templates, on fabric8's mock API server and the Coder stand-in (both on
 * loopback, in this JVM): from a changed CoderTemplate (a new release) to Coder receiving the version-create request
 * (goal under 1 s), and from the import's success in Coder to the promotion (goal under 1 s). All 50 templates get
 * their new release at the same instant, as a release touching every template would.
 * <p>
 * The second figure depends on how the service learns that an import ended: by default Coder's log stream closes at
 * that moment ({@code template-sync.follow-import-logs}); without it, only the next poll tells, up to
 * {@code template-sync.import-poll-max-delay} (10 s) later. Both are measured, with the default poll settings. Run
 * with {@code ./mvnw -B -pl template-sync -am verify -Pbenchmark}; results also go to
 * {@code target/benchmark-results.txt}.
 */
@Tag("benchmark")
@EnableKubernetesMockClient(crud = true)
class TemplateSyncBenchmark {

    private static final int TEMPLATES = 50;
    private static final String NS = "coder";
    private static final Duration IMPORT = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofMinutes(3);

    KubernetesClient client;

    @Test
    void measuresTheOverheadFromAChangedReleaseToTheVersionCreateAndFromImportSuccessToPromotion() throws IOException {
        List<String> report = new ArrayList<>();
        report.add("template-sync benchmark: " + TEMPLATES + " templates, imports of " + IMPORT.toMillis()
                + " ms, 4 workers, " + Runtime.getRuntime().availableProcessors() + " cores");
        for (boolean followImportLogs : List.of(true, false)) {
            report.addAll(run(followImportLogs));
        }
        report.forEach(System.out::println);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "benchmark-results.txt"), report);
    }

    private List<String> run(boolean followImportLogs) {
        String prefix = (followImportLogs ? "stream" : "poll") + "-";
        try (CoderStandIn coder = CoderStandIn.start()) {
            coder.templates().importDuration(IMPORT);
            TemplateController controller = controller(coder, followImportLogs);
            try {
                controller.start();
                for (int i = 0; i < TEMPLATES; i++) {
                    apply(prefix + i, "2026.12.01-1");
                }
                CoderClient coderClient = StandInSync.client(coder);
                await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
                        .until(() -> allActive(coderClient, prefix, "2026.12.01-1"));

                Map<String, Instant> changed = new HashMap<>();
                for (int i = 0; i < TEMPLATES; i++) {
                    changed.put(prefix + i, Instant.now());
                    release(prefix + i, "2026.12.04-1");
                }
                await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
                        .until(() -> allActive(coderClient, prefix, "2026.12.04-1"));

                return measure(coderClient, prefix, changed, followImportLogs);
            } finally {
                controller.close();
            }
        }
    }

    private List<String> measure(CoderClient coder, String prefix, Map<String, Instant> changed,
            boolean followImportLogs) {
        List<Duration> toCreate = new ArrayList<>();
        List<Duration> toPromote = new ArrayList<>();
        for (int i = 0; i < TEMPLATES; i++) {
            Template template = coder.findTemplate("default", prefix + i).orElseThrow();
            TemplateVersion release = coder.listTemplateVersions(template.id()).stream()
                    .filter(v -> v.name().equals("2026.12.04-1")).findFirst().orElseThrow();
            toCreate.add(Duration.between(changed.get(prefix + i), release.createdAt()));
            toPromote.add(Duration.between(release.job().completedAt(), template.updatedAt()));
        }
        return List.of(followImportLogs
                ? "follow-import-logs true (the default), import-poll-max-delay 10 s:"
                : "follow-import-logs false, import-poll-max-delay 10 s (polling alone):",
                "  changed CoderTemplate -> version-create request: " + stats(toCreate) + " (goal < 1 s)",
                "  import succeeded -> promotion:                    " + stats(toPromote) + " (goal < 1 s)");
    }

    private TemplateController controller(CoderStandIn coder, boolean followImportLogs) {
        TemplateController.Settings settings = new TemplateController.Settings(NS, Duration.ofSeconds(60),
                followImportLogs, Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofMinutes(5), 10, 4);
        return new TemplateController(client, settings, StandInSync.syncer(coder),
                new TemplateEvents(client, Clock.systemUTC(), "benchmark", SyncListener.NONE), SyncListener.NONE,
                Clock.systemUTC(), () -> true);
    }

    private void apply(String name, String version) {
        ConfigMapBuilder files = new ConfigMapBuilder().withNewMetadata().withName(name + "-files").withNamespace(NS)
                .endMetadata();
        StandInSync.sandboxTemplate().forEach((path, bytes) -> files.addToData(path.replace("/", "__"),
                new String(bytes, java.nio.charset.StandardCharsets.UTF_8) + "\n# " + name + "\n"));
        client.configMaps().inNamespace(NS).resource(files.build()).create();
        CoderTemplate template = new CoderTemplate();
        template.getMetadata().setName(name);
        template.getMetadata().setNamespace(NS);
        CoderTemplateSpec spec = template.getSpec();
        spec.setTemplateName(name);
        CoderTemplateSpec.Release release = new CoderTemplateSpec.Release();
        release.setVersionName(version);
        spec.setRelease(release);
        CoderTemplateSpec.Files configMap = new CoderTemplateSpec.Files();
        configMap.setConfigMapName(name + "-files");
        spec.setFiles(configMap);
        client.resources(CoderTemplate.class).inNamespace(NS).resource(template).create();
    }

    private void release(String name, String version) {
        await().atMost(WAIT).ignoreException(KubernetesClientException.class).until(() -> {
            client.resources(CoderTemplate.class).inNamespace(NS).withName(name).edit(t -> {
                t.getSpec().getRelease().setVersionName(version);
                return t;
            });
            return true;
        });
    }

    private static boolean allActive(CoderClient coder, String prefix, String version) {
        for (int i = 0; i < TEMPLATES; i++) {
            var template = coder.findTemplate("default", prefix + i);
            if (template.isEmpty()) {
                return false;
            }
            String active = template.get().activeVersionId();
            boolean isRelease = coder.getTemplateVersion(active).map(v -> v.name().equals(version)).orElse(false);
            if (!isRelease) {
                return false;
            }
        }
        return true;
    }

    private static String stats(List<Duration> values) {
        List<Long> millis = values.stream().map(Duration::toMillis).sorted().toList();
        return String.format(Locale.ROOT, "p50 %d ms, p90 %d ms, max %d ms", millis.get(millis.size() / 2),
                millis.get((int) Math.ceil(millis.size() * 0.9) - 1), millis.get(millis.size() - 1));
    }
}
