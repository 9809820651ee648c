package io.ameide.coderguard.templatesync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class TemplateSyncConfigTest {

    private static final Map<String, String> CODER = Map.of("template-sync.coder.url", "https://coder.example",
            "template-sync.coder.token", "t");

    @Test
    void pinsTheDefaultsThatTheReadmeDocuments() {
        TemplateSyncConfig config = load(CODER);

        assertThat(config.dryRun()).isFalse();
        assertThat(config.resyncInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.importTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.importPollInitialDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.importPollMaxDelay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.retryInitialDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.retryMaxDelay()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.requiredResources()).containsExactly("coder_agent");
        assertThat(config.promotionHistory()).isEqualTo(10);
        assertThat(config.coder().url()).isEqualTo(URI.create("https://coder.example"));
        assertThat(config.coder().organization()).isEqualTo("default");
        assertThat(config.coder().connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.coder().requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.coder().maxAttempts()).isEqualTo(4);
        assertThat(config.kubernetes().enabled()).isFalse();
        assertThat(config.kubernetes().namespace()).isEmpty();
        assertThat(config.kubernetes().lease().name()).isEqualTo("template-sync");
        assertThat(config.kubernetes().lease().duration()).isEqualTo(Duration.ofSeconds(15));
        assertThat(config.kubernetes().lease().renewDeadline()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.kubernetes().lease().retryPeriod()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.webhook().secret()).isEmpty();
        assertThat(config.webhook().maxBodyBytes()).isEqualTo(65536);
        assertThat(config.webhook().dedupeWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(config.webhook().dedupeCapacity()).isEqualTo(10000);
        assertThat(SyncSettings.problems(config)).isEmpty();
    }

    @Test
    void namesEachKeyWhoseValueIsOutOfRange() {
        TemplateSyncConfig config = load(Map.of("template-sync.coder.url", "ftp://coder.example",
                "template-sync.import-timeout", "0s", "template-sync.promotion-history", "0",
                "template-sync.required-resources", "coder_agent,kubernetes deployment",
                "template-sync.import-poll-max-delay", "100ms"));

        assertThat(SyncSettings.problems(config)).containsExactlyInAnyOrder(
                "template-sync.import-timeout must be at least PT1S, was PT0S",
                "template-sync.import-poll-max-delay must not be shorter than template-sync.import-poll-initial-delay",
                "template-sync.promotion-history must be between 1 and 50, was 0",
                "template-sync.required-resources takes resource types such as coder_agent (alternatives joined by |),"
                        + " was \"kubernetes deployment\"",
                "template-sync.coder.url must be an http or https URL, was ftp://coder.example",
                "set exactly one of template-sync.coder.token-file and template-sync.coder.token");
    }

    @Test
    void refusesAnUnsureDryRunSwitchAndADurationWithoutItsUnit() {
        assertThatThrownBy(() -> load(merged("template-sync.dry-run", "maybe"))).hasMessageContaining("maybe");
        assertThatThrownBy(() -> load(merged("template-sync.import-timeout", "30"))).hasMessageContaining("\"30\"");
    }

    @Test
    void refusesToStartWithAnInvalidValueNamingTheKey() {
        TemplateSyncConfig config = load(merged("template-sync.resync-interval", "10ms"));

        assertThatThrownBy(() -> new SyncSettings(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid template-sync configuration: template-sync.resync-interval must be at least PT1S,"
                        + " was PT0.01S");
    }

    @Test
    void takesAlternativeResourceTypes() {
        TemplateSyncConfig config = load(merged("template-sync.required-resources",
                "coder_agent,kubernetes_deployment|kubernetes_deployment_v1"));

        assertThat(config.requiredResources()).isEqualTo(List.of("coder_agent",
                "kubernetes_deployment|kubernetes_deployment_v1"));
        assertThat(SyncSettings.problems(config)).isEmpty();
    }

    private static Map<String, String> merged(String key, String value) {
        Map<String, String> properties = new java.util.HashMap<>(CODER);
        properties.put(key, value);
        return properties;
    }

    private static TemplateSyncConfig load(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(TemplateSyncConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        return config.getConfigMapping(TemplateSyncConfig.class);
    }
}
