package io.ameide.coderguard.deploy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** The environments under deploy/environments and the namespace each chart is released into. */
final class Environments {

    static final String DEV = "dev";

    /** The release namespace of each chart, as the Argo CD Applications name it. */
    private static final Map<String, String> NAMESPACES = Map.of("idle-reaper", "coder-guardrails", "policy-guard",
            "coder-guardrails", "template-sync", "coder-guardrails", "devcontainer", "coder-guardrails",
            "workspace-baseline", "coder-workspaces", "platform-apps", "argocd");

    private static final Map<String, List<JsonNode>> DEV_RENDERS = new ConcurrentHashMap<>();

    private Environments() {
    }

    static String namespace(String chart) {
        String namespace = NAMESPACES.get(chart);
        if (namespace == null) {
            throw new IllegalStateException("chart " + chart + " has no release namespace in Environments.NAMESPACES");
        }
        return namespace;
    }

    /** The chart rendered for dev and read strictly; rendered once per test run. */
    static List<HasMetadata> renderDev(String chart) {
        return StrictKubernetesModel.readAll(renderDevManifests(chart));
    }

    /** The chart rendered for dev as YAML trees, exactly as Helm wrote them; rendered once per test run. */
    static List<JsonNode> renderDevManifests(String chart) {
        return DEV_RENDERS.computeIfAbsent(chart,
                name -> Manifests.documents(HelmCharts.renderFor(DEV, name, namespace(name))));
    }
}
