package io.ameide.coderguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.rbac.Role;

/** The namespace that holds workspaces: closed by default, open only where the allowlist says, bounded, and read-only. */
class WorkspaceBaselineChartTest {

    private static final String CHART = "workspace-baseline";
    private static final String NAMESPACE = "coder-workspaces";

    @Test
    void deniesEveryConnectionInAndOutOfEveryPodByDefault() {
        NetworkPolicy deny = policy(Environments.renderDev(CHART), "default-deny");

        assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(deny.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
        assertThat(deny.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
        assertThat(deny.getSpec().getEgress()).isNullOrEmpty();
    }

    @Test
    void letsNothingConnectIn() {
        assertThat(Environments.renderDev(CHART)).filteredOn(NetworkPolicy.class::isInstance)
                .allSatisfy(policy -> assertThat(((NetworkPolicy) policy).getSpec().getIngress()).isNullOrEmpty());
    }

    @Test
    void letsOutExactlyDnsCoderdTheOidcIssuerAndGitHostingInDev() {
        Map<String, String> allowed = Environments.renderDev(CHART).stream().filter(NetworkPolicy.class::isInstance)
                .map(NetworkPolicy.class::cast).filter(policy -> !policy.getSpec().getEgress().isEmpty())
                .collect(Collectors.toMap(policy -> policy.getMetadata().getName(),
                        policy -> describe(policy.getSpec().getEgress())));

        assertThat(allowed).containsOnly(Map.entry("allow-dns", "kube-system/{k8s-app=kube-dns} UDP/53,TCP/53"),
                Map.entry("allow-coderd", "coder/{app.kubernetes.io/name=coder} TCP/8080"),
                Map.entry("allow-oidc-issuer", "keycloak/{app.kubernetes.io/name=keycloak} TCP/8080"),
                Map.entry("allow-git-hosting",
                        "192.30.252.0/22,185.199.108.0/22,140.82.112.0/20,143.55.64.0/20 TCP/443,TCP/22"));
    }

    @Test
    void letsOutToAnAiEndpointOnlyWhenOneIsSet() {
        List<HasMetadata> objects = render(Map.of("egress.aiEndpoint.cidrs[0]", "20.50.0.0/16"));

        assertThat(describe(policy(objects, "allow-ai-endpoint").getSpec().getEgress())).isEqualTo("20.50.0.0/16 TCP/443");
        assertThat(Environments.renderDev(CHART)).extracting(object -> object.getMetadata().getName())
                .doesNotContain("allow-ai-endpoint");
    }

    @Test
    void boundsTheNamespacesCpuMemoryStorageAndPods() {
        ResourceQuota quota = only(Environments.renderDev(CHART), ResourceQuota.class);

        assertThat(quota.getSpec().getHard()).containsKeys("requests.cpu", "limits.cpu", "requests.memory", "limits.memory",
                "requests.storage", "requests.ephemeral-storage", "limits.ephemeral-storage", "persistentvolumeclaims",
                "pods");
    }

    @Test
    void givesEveryContainerDefaultRequestsAndLimitsAndCapsVolumes() {
        LimitRange limits = only(Environments.renderDev(CHART), LimitRange.class);

        assertThat(limits.getSpec().getLimits()).extracting(item -> item.getType()).containsExactly("Container",
                "PersistentVolumeClaim");
        assertThat(limits.getSpec().getLimits().get(0).getDefaultRequest()).containsKeys("cpu", "memory",
                "ephemeral-storage");
        assertThat(limits.getSpec().getLimits().get(0).getDefault()).containsKeys("cpu", "memory", "ephemeral-storage");
        assertThat(limits.getSpec().getLimits().get(1).getMax()).containsKey("storage");
    }

    @Test
    void enforcesThePodSecurityBaselineOnTheNamespace() {
        assertThat(only(Environments.renderDev(CHART), Namespace.class).getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "baseline")
                .containsEntry("pod-security.kubernetes.io/warn", "restricted");
    }

    @Test
    void withKubectlWorkspacesMayReadButNeverChangeTheNamespaceNorReadSecrets() {
        Role role = only(Environments.renderDev(CHART), Role.class);

        assertThat(only(Environments.renderDev(CHART), ServiceAccount.class).getAutomountServiceAccountToken()).isTrue();
        assertThat(role.getRules()).allSatisfy(rule -> {
            assertThat(rule.getVerbs()).isSubsetOf("get", "list", "watch");
            assertThat(rule.getResources()).doesNotContain("secrets");
        });
    }

    @Test
    void withoutKubectlAWorkspaceHoldsNoClusterCredential() {
        List<HasMetadata> objects = render(Map.of("kubectl.enabled", "false"));

        assertThat(only(objects, ServiceAccount.class).getAutomountServiceAccountToken()).isFalse();
        assertThat(objects).extracting(HasMetadata::getKind).doesNotContain("Role", "RoleBinding");
    }

    private static String describe(List<NetworkPolicyEgressRule> rules) {
        return rules.stream().map(rule -> rule.getTo().stream().map(peer -> peer.getIpBlock() != null
                ? peer.getIpBlock().getCidr()
                : peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name") + "/"
                        + peer.getPodSelector().getMatchLabels())
                .collect(Collectors.joining(",")) + " "
                + rule.getPorts().stream().map(port -> port.getProtocol() + "/" + port.getPort().getIntVal())
                        .collect(Collectors.joining(",")))
                .collect(Collectors.joining("; "));
    }

    private static NetworkPolicy policy(List<HasMetadata> objects, String name) {
        return objects.stream().filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast)
                .filter(policy -> name.equals(policy.getMetadata().getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no NetworkPolicy " + name));
    }

    private static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> kind) {
        List<T> found = objects.stream().filter(kind::isInstance).map(kind::cast).toList();
        assertThat(found).as(kind.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    private static List<HasMetadata> render(Map<String, ?> sets) {
        return StrictKubernetesModel.readAll(Manifests.documents(
                HelmCharts.render(CHART, NAMESPACE, DeployTree.environmentValues(Environments.DEV, CHART), sets)));
    }
}
