package io.ameide.coderguard.idlereaper.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.ameide.coderguard.idlereaper.config.ReaperConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

class KubernetesConfigTest {

    @Test
    void pinsTheDefaultsThatTheReadmeDocuments() {
        KubernetesConfig config = load(Map.of());

        assertThat(config.enabled()).isFalse();
        assertThat(config.namespaces()).isEmpty();
        assertThat(config.selector()).isEqualTo("app.kubernetes.io/name=coder-workspace");
        assertThat(config.orphanConfirmations()).isEqualTo(2);
        assertThat(WorkspaceCluster.problems(config)).isEmpty();
    }

    @Test
    void shipsWithTheKubernetesSideOffAndQuarkusStartingNoClusterOfItsOwn() throws IOException {
        Properties shipped = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            shipped.load(in);
        }

        assertThat(shipped).containsEntry("idle-reaper.kubernetes.enabled", "false")
                .containsEntry("quarkus.kubernetes-client.devservices.enabled", "false");
    }

    @Test
    void namesEachKeyWhoseValueCannotBeUsed() {
        KubernetesConfig config = load(Map.of("idle-reaper.kubernetes.namespaces", "coder,Not_A_Namespace",
                "idle-reaper.kubernetes.selector", " ", "idle-reaper.kubernetes.orphan-confirmations", "0"));

        assertThat(WorkspaceCluster.problems(config)).containsExactly(
                "idle-reaper.kubernetes.namespaces takes namespace names, was \"Not_A_Namespace\"",
                "idle-reaper.kubernetes.selector must not be empty: it keeps the watch to workspace pods",
                "idle-reaper.kubernetes.orphan-confirmations must be at least 1, was 0");
        assertThat(config.namespaces()).hasValue(List.of("coder", "Not_A_Namespace"));
    }

    private static KubernetesConfig load(Map<String, String> properties) {
        Map<String, String> withCoder = new HashMap<>(properties);
        withCoder.put("idle-reaper.coder.url", "https://coder.example");
        return new SmallRyeConfigBuilder()
                .withMapping(ReaperConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(withCoder, "test", 100))
                .build()
                .getConfigMapping(ReaperConfig.class)
                .kubernetes();
    }
}
