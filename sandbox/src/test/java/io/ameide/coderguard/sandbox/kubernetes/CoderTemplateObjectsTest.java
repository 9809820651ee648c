package io.ameide.coderguard.sandbox.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

class CoderTemplateObjectsTest {

    private final ClusterStandIn cluster = ClusterStandIn.start();
    private final CoderTemplateObjects objects = new CoderTemplateObjects(cluster.client());

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void storesATemplatesFilesAndItsCoderTemplateAsTheChartWould(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("main.tf"), "resource \"coder_agent\" \"main\" {}\n");
        Files.createDirectories(directory.resolve("modules"));
        Files.writeString(directory.resolve("modules/agent.tf"), "# agent\n");

        objects.apply("coder", "k8s-devbox", directory, "k8s-devbox", "2026.12.04-1", Map.of("defaultTtl", "30m"));

        ConfigMap files = cluster.client().configMaps().inNamespace("coder").withName("k8s-devbox-files").get();
        assertThat(files.getData()).containsOnlyKeys("main.tf", "modules__agent.tf");
        GenericKubernetesResource template = objects.get("coder", "k8s-devbox");
        assertThat(template.get("spec", "release", "versionName").toString()).isEqualTo("2026.12.04-1");
        assertThat(template.get("spec", "files", "configMapName").toString()).isEqualTo("k8s-devbox-files");
        assertThat(template.get("spec", "settings", "defaultTtl").toString()).isEqualTo("30m");
    }
}
