package io.ameide.coderguard.templatesync.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;

/** The build generates the CoderTemplate CRD from the Java types, where the deployment can pick it up. */
class CoderTemplateCrdTest {

    private static final String GENERATED = "/META-INF/fabric8/" + CoderTemplate.CRD_NAME + "-v1.yml";

    @Test
    void theBuildGeneratesANamespacedCrdWithAStatusSubresource() throws Exception {
        CustomResourceDefinition crd = generated();
        CustomResourceDefinitionVersion version = crd.getSpec().getVersions().get(0);

        assertThat(crd.getMetadata().getName()).isEqualTo("codertemplates.guardrails.ameide.io");
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        assertThat(crd.getSpec().getNames().getKind()).isEqualTo("CoderTemplate");
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("ctpl");
        assertThat(version.getName()).isEqualTo("v1alpha1");
        assertThat(version.getSubresources().getStatus()).isNotNull();
        assertThat(version.getAdditionalPrinterColumns()).extracting(c -> c.getJsonPath())
                .contains(".spec.templateName", ".spec.release.versionName");
    }

    @Test
    void theSpecRequiresATemplateAReleaseAndItsFilesAndDefaultsThePolicy() throws Exception {
        JSONSchemaProps spec = schema().getProperties().get("spec");

        assertThat(spec.getRequired()).containsExactlyInAnyOrder("templateName", "release", "files");
        assertThat(spec.getProperties()).containsOnlyKeys("organization", "templateName", "release", "files",
                "settings", "promotion", "selfHeal", "provisionerTags", "variables");
        assertThat(spec.getProperties().get("release").getRequired()).containsExactly("versionName");
        assertThat(spec.getProperties().get("release").getProperties().get("versionName").getMaxLength())
                .isEqualTo(64L);
        assertThat(spec.getProperties().get("promotion").getPattern()).isEqualTo("^(Automatic|Manual)$");
        assertThat(spec.getProperties().get("selfHeal").getDefault().asBoolean()).isTrue();
        assertThat(spec.getProperties().get("settings").getProperties()).containsOnlyKeys("displayName",
                "description", "icon", "defaultTtl", "activityBump");
    }

    @Test
    void theStatusCarriesConditionsVersionsAndThePromotionHistory() throws Exception {
        Map<String, JSONSchemaProps> status = schema().getProperties().get("status").getProperties();

        assertThat(status).containsKeys("observedGeneration", "conditions", "activeVersion", "releaseVersion",
                "lastPromotion", "promotionHistory", "drift", "lintFindings", "outdatedWorkspaces");
        assertThat(status.get("conditions").getItems().getSchema().getProperties())
                .containsKeys("type", "status", "reason", "message", "lastTransitionTime", "observedGeneration");
    }

    private static JSONSchemaProps schema() throws Exception {
        return generated().getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema();
    }

    private static CustomResourceDefinition generated() throws Exception {
        try (InputStream in = CoderTemplateCrdTest.class.getResourceAsStream(GENERATED)) {
            assertThat(in).as("the build generates " + GENERATED).isNotNull();
            return Serialization.unmarshal(in, CustomResourceDefinition.class);
        }
    }
}
