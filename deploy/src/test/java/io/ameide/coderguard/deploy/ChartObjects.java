package io.ameide.coderguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/** What a service chart's tests look up in its rendering for dev, and how they write network peers and ports. */
final class ChartObjects {

    private ChartObjects() {
    }

    /** The one object of that kind the chart renders for dev. */
    static <T extends HasMetadata> T only(String chart, Class<T> kind) {
        List<T> found = Environments.renderDev(chart).stream().filter(kind::isInstance).map(kind::cast).toList();
        assertThat(found).as(kind.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    /** The object of that kind and name the chart renders for dev. */
    static <T extends HasMetadata> T named(String chart, Class<T> kind, String name) {
        return Environments.renderDev(chart).stream().filter(kind::isInstance).map(kind::cast)
                .filter(object -> name.equals(object.getMetadata().getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name));
    }

    /** The chart rendered with dev's values and {@code sets} over them, read strictly. */
    static List<HasMetadata> renderDevWith(String chart, String namespace, Map<String, ?> sets) {
        return StrictKubernetesModel.readAll(Manifests.documents(HelmCharts.render(chart, namespace,
                DeployTree.environmentValues(Environments.DEV, chart), sets)));
    }

    /** {@code 10.0.0.0/8}, or {@code namespace/label=value,…} for a peer chosen by selectors. */
    static String peer(NetworkPolicyPeer peer) {
        if (peer.getIpBlock() != null) {
            return peer.getIpBlock().getCidr();
        }
        return peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name") + "/"
                + peer.getPodSelector().getMatchLabels().entrySet().stream()
                        .map(label -> label.getKey() + "=" + label.getValue())
                        .collect(Collectors.joining(","));
    }

    /** {@code TCP/8080}. */
    static String port(NetworkPolicyPort port) {
        return port.getProtocol() + "/" + port.getPort().getIntVal();
    }
}
