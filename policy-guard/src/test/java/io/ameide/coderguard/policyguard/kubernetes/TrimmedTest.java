package io.ameide.coderguard.policyguard.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

class TrimmedTest {

    @Test
    void keepsASecretsMetadataAndNeverItsData() {
        Secret secret = new SecretBuilder().withNewMetadata().withName("kafka").withLabels(Map.of("a", "b")).endMetadata()
                .withData(Map.of("sasl.password", "c2VjcmV0")).withStringData(Map.of("x", "y")).build();

        Secret trimmed = Trimmed.secret(secret);

        assertThat(trimmed.getData()).isNullOrEmpty();
        assertThat(trimmed.getStringData()).isNullOrEmpty();
        assertThat(trimmed.getMetadata().getLabels()).isEqualTo(Map.of("a", "b"));
    }

    @Test
    void dropsEnvValuesOfEveryContainerKindButKeepsWhereValuesComeFrom() {
        Pod pod = new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewSpec()
                .addNewContainer().withName("dev").addNewEnv().withName("CODER_AGENT_TOKEN").withValue("t0ken").endEnv()
                .addNewEnv().withName("DB").withNewValueFrom().withNewSecretKeyRef("url", "db", false).endValueFrom()
                .endEnv().endContainer()
                .addNewInitContainer().withName("init").addNewEnv().withName("A").withValue("t1").endEnv()
                .endInitContainer()
                .addNewEphemeralContainer().withName("dbg").addNewEnv().withName("B").withValue("t2").endEnv()
                .endEphemeralContainer()
                .endSpec().build();

        Pod trimmed = Trimmed.pod(pod);

        assertThat(trimmed.getSpec().getContainers().get(0).getEnv()).extracting(EnvVar::getValue).containsOnlyNulls();
        assertThat(trimmed.getSpec().getContainers().get(0).getEnv().get(1).getValueFrom().getSecretKeyRef().getName())
                .isEqualTo("db");
        assertThat(trimmed.getSpec().getInitContainers().get(0).getEnv().get(0).getValue()).isNull();
        assertThat(trimmed.getSpec().getEphemeralContainers().get(0).getEnv().get(0).getValue()).isNull();
        assertThat(trimmed.toString()).doesNotContain("t0ken", "t1", "t2");
    }
}
