package io.ameide.coderguard.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

/**
 * Renders a chart with the real Helm engine (helm-java runs Helm's Go code as a native library), as {@code helm template}
 * would: no cluster is contacted, {@code .Capabilities} are Helm's defaults for the Kubernetes version given.
 */
final class HelmCharts {

    /** The Kubernetes version the charts are rendered for: AKS's supported minor versions start here. */
    static final String KUBE_VERSION = "v1.31.0";

    private HelmCharts() {
    }

    /** The chart rendered with its own defaults only: an environment that has not turned it on. */
    static String renderDefaults(String chart, String namespace) {
        return render(chart, namespace, null, Map.of());
    }

    /** The chart rendered with an environment's values file (deploy/environments/&lt;env&gt;/&lt;chart&gt;.yaml). */
    static String renderFor(String environment, String chart, String namespace) {
        Path values = DeployTree.environmentValues(environment, chart);
        if (!Files.isRegularFile(values)) {
            throw new IllegalStateException("no values for chart " + chart + " in environment " + environment + ": " + values);
        }
        return render(chart, namespace, values, Map.of());
    }

    /** The chart rendered with an environment's values and single values set on top ({@code --set}). */
    static String render(String chart, String namespace, Path values, Map<String, ?> sets) {
        return render(DeployTree.chart(chart), chart, namespace, values, sets);
    }

    /** Any chart folder, released under the given name. */
    static String render(Path chartDir, String release, String namespace, Path values, Map<String, ?> sets) {
        TemplateCommand command = new Helm(chartDir).template().withName(release).withNamespace(namespace)
                .withKubeVersion(KUBE_VERSION);
        if (values != null) {
            command = command.withValuesFile(values);
        }
        for (Map.Entry<String, ?> set : sets.entrySet()) {
            command = command.set(set.getKey(), set.getValue());
        }
        // helm-java answers null rather than an empty string when the chart rendered nothing.
        String rendered = command.call();
        return rendered == null ? "" : rendered;
    }

    static LintResult lint(String chart) {
        return new Helm(DeployTree.chart(chart)).lint().strict().call();
    }
}
