package io.ameide.coderguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.marcnuri.helm.LintResult;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Every chart under deploy/charts, rendered by Helm for each environment, holds to the project's policy. */
class RenderedChartsTest {

    static List<String> charts() {
        return DeployTree.charts();
    }

    @ParameterizedTest
    @MethodSource("charts")
    void passesHelmLintInStrictMode(String chart) {
        LintResult lint = HelmCharts.lint(chart);

        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @ParameterizedTest
    @MethodSource("charts")
    void rendersNothingForAnEnvironmentThatDoesNotTurnItOn(String chart) {
        String rendered = HelmCharts.renderDefaults(chart, Environments.namespace(chart));

        assertThat(Manifests.documents(rendered)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("charts")
    void rendersForDevIntoObjectsTheKubernetesModelKnowsFieldForField(String chart) {
        List<HasMetadata> objects = Environments.renderDev(chart);

        assertThat(objects).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("charts")
    void pinsEveryImageByDigestInDev(String chart) {
        assertThat(PolicyChecks.imagesNotPinnedByDigest(Environments.renderDev(chart))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("charts")
    void grantsNoRbacByWildcardInDev(String chart) {
        assertThat(PolicyChecks.wildcardRbac(Environments.renderDev(chart))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("charts")
    void runsOnlyHardenedPodsInDev(String chart) {
        assertThat(PolicyChecks.unhardenedPods(Environments.renderDev(chart))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("charts")
    void opensNoNetworkPolicyRuleToEveryPeerInDev(String chart) {
        assertThat(PolicyChecks.openNetworkPolicyRules(Environments.renderDev(chart))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("charts")
    void rendersNoSecretBecauseSecretsAreNamedNotHeld(String chart) {
        assertThat(Environments.renderDev(chart)).extracting(HasMetadata::getKind).doesNotContain("Secret");
    }

    @Test
    void aTemplateErrorFailsTheRenderRatherThanYieldingLess() throws Exception {
        Path broken = Path.of(RenderedChartsTest.class.getResource("/charts/broken/Chart.yaml").toURI()).getParent();

        assertThatThrownBy(() -> HelmCharts.render(broken, "broken", "default", null, Map.of()))
                .hasMessageContaining("broken.missing");
    }
}
