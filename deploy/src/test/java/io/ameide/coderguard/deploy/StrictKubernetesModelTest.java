package io.ameide.coderguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;

class StrictKubernetesModelTest {

    @Test
    void aValidDeploymentIsReadAsItsModelClass() {
        HasMetadata object = StrictKubernetesModel.read(TestManifests.load("hardened-deployment.yaml"));

        assertThat(object).isInstanceOf(Deployment.class);
        assertThat(((Deployment) object).getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext()
                .getReadOnlyRootFilesystem()).isTrue();
    }

    @Test
    void aMisspeltFieldDeepInThePodTemplateIsRefusedWithItsPath() {
        ObjectNode deployment = TestManifests.load("hardened-deployment.yaml");
        TestManifests.containerSecurity(deployment).remove("readOnlyRootFilesystem");
        TestManifests.containerSecurity(deployment).put("readOnlyRootFilesytem", true);

        assertThatThrownBy(() -> StrictKubernetesModel.read(deployment))
                .isInstanceOf(StrictKubernetesModel.InvalidManifestException.class)
                .hasMessageContaining("Deployment example/example")
                .hasMessageContaining("readOnlyRootFilesytem")
                .hasMessageContaining(".spec.template.spec.containers[0].securityContext");
    }

    @Test
    void anUnknownTopLevelFieldIsRefused() {
        ObjectNode deployment = TestManifests.load("hardened-deployment.yaml");
        deployment.putObject("specs");

        assertThatThrownBy(() -> StrictKubernetesModel.read(deployment)).hasMessageContaining("specs");
    }

    @Test
    void aValueOfTheWrongTypeIsRefused() {
        ObjectNode deployment = TestManifests.load("hardened-deployment.yaml");
        ((ObjectNode) deployment.get("spec")).put("replicas", "two");

        assertThatThrownBy(() -> StrictKubernetesModel.read(deployment))
                .isInstanceOf(StrictKubernetesModel.InvalidManifestException.class).hasMessageContaining(".spec.replicas");
    }

    @Test
    void aKindWithoutAModelIsRefused() {
        ObjectNode deployment = TestManifests.load("hardened-deployment.yaml");
        deployment.put("kind", "Deploymnet");

        assertThatThrownBy(() -> StrictKubernetesModel.read(deployment))
                .hasMessageContaining("no Kubernetes model for apiVersion apps/v1 kind Deploymnet");
    }

    @Test
    void aKeyGivenTwiceInOneMappingIsRefused() {
        String twice = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: twice
                  name: again
                """;

        assertThatThrownBy(() -> Manifests.documents(twice)).hasMessageContaining("Duplicate field 'name'");
    }

    @Test
    void anArgoCdApplicationIsReadAgainstArgoCdsFields() {
        String application = """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: example, namespace: argocd}
                spec:
                  project: default
                  source: {repoURL: "https://git.example/repo.git", path: deploy/charts/example, targetRevision: main}
                  destination: {server: "https://kubernetes.default.svc", namespace: example}
                  syncPolicy: {automated: {prune: true, selfHeal: true}}
                """;

        assertThat(StrictKubernetesModel.read(Manifests.document(application)).getMetadata().getName()).isEqualTo("example");
        assertThatThrownBy(() -> StrictKubernetesModel.read(Manifests.document(application.replace("selfHeal", "selfHeals"))))
                .hasMessageContaining("selfHeals").hasMessageContaining(".spec.syncPolicy.automated");
    }
}
