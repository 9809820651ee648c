package io.ameide.coderguard.templatesync.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What the sandbox run shows: template-sync, configured as the launcher configures it, syncs a release of the real
 * sandbox template into the Coder stand-in, then heals a hand promotion made in the stand-in.
 */
@QuarkusTest
@QuarkusTestResource(value = SandboxStandInsResource.class, restrictToAnnotatedClass = true)
class SandboxScenarioTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void syncsTheSandboxTemplateThenHealsAHandPromotion() {
        await().atMost(WAIT).until(() -> "True".equals(condition("Ready").get("status")));
        assertThat(SandboxStandInsResource.coder.templates().activeVersionName("k8s-devbox")).contains("2026.12.04-1");

        SandboxStandInsResource.coder.templates().pushByHand("k8s-devbox", "hotfix-by-hand", "Uploaded from the CLI");
        SandboxStandInsResource.coder.templates().promoteByHand("k8s-devbox", "hotfix-by-hand");

        await().atMost(WAIT).until(() -> "SelfHeal".equals(lastPromotion().get("cause")));
        assertThat(lastPromotion()).containsEntry("replacedVersionName", "hotfix-by-hand")
                .containsEntry("versionName", "2026.12.04-1");
        assertThat(SandboxStandInsResource.coder.templates().activeVersionName("k8s-devbox")).contains("2026.12.04-1");
        assertThat(SandboxStandInsResource.coder.templates().defaultTtl("k8s-devbox")).contains(Duration.ofMinutes(30));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> condition(String type) {
        GenericKubernetesResource template = SandboxStandInsResource.objects.get("coder", "k8s-devbox");
        Object status = template.getAdditionalProperties().get("status");
        if (!(status instanceof Map<?, ?> map) || !(map.get("conditions") instanceof List<?> conditions)) {
            return Map.of();
        }
        return conditions.stream().map(c -> (Map<String, Object>) c).filter(c -> type.equals(c.get("type")))
                .findFirst().orElse(Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> lastPromotion() {
        GenericKubernetesResource template = SandboxStandInsResource.objects.get("coder", "k8s-devbox");
        Object status = template.getAdditionalProperties().get("status");
        if (!(status instanceof Map<?, ?> map) || !(map.get("lastPromotion") instanceof Map<?, ?> promotion)) {
            return Map.of();
        }
        return (Map<String, Object>) promotion;
    }
}
