package io.ameide.coderguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.ameide.coderguard.policyguard.policy.Policy;
import io.ameide.coderguard.policyguard.policy.PolicyParser;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;

/** The policy-guard chart, rendered for dev, gives the service what its README says it needs and nothing more. */
class PolicyGuardChartTest {

    private static final String CHART = "policy-guard";
    private static final String NAMESPACE = "coder-guardrails";

    /** The sentences of policy-guard/README.md the rules below were written from; a change there fails this test. */
    private static final String README_KINDS = "Namespaces (only those the policy's `workspaceNamespaceSelector` picks), Pods,"
            + " NetworkPolicies, ResourceQuotas, LimitRanges, ServiceAccounts, Roles, RoleBindings, Deployments,"
            + " PersistentVolumeClaims and Secrets, and cluster-wide ClusterRoleBindings and ClusterRoles.";
    private static final String README_RBAC = "RBAC it needs: list and watch all the kinds above (cluster-wide); get, create"
            + " and update `policyreports.wgpolicyk8s.io`; create Events; get, create and update its Lease.";

    private static final Set<String> CLUSTER_RULES = Set.of("/namespaces list,watch", "/pods list,watch",
            "networking.k8s.io/networkpolicies list,watch", "/resourcequotas list,watch", "/limitranges list,watch",
            "/serviceaccounts list,watch", "rbac.authorization.k8s.io/roles list,watch",
            "rbac.authorization.k8s.io/rolebindings list,watch", "apps/deployments list,watch",
            "/persistentvolumeclaims list,watch", "/secrets list,watch",
            "rbac.authorization.k8s.io/clusterrolebindings list,watch",
            "rbac.authorization.k8s.io/clusterroles list,watch", "wgpolicyk8s.io/policyreports create,get,update",
            "/events create");

    @Test
    void grantsClusterWideExactlyWhatPolicyGuardsReadmeLists() {
        String readme = Readmes.flattened(Readmes.read(Readmes.policyGuardReadme()));
        assertThat(readme).contains(README_KINDS).contains(README_RBAC);

        assertThat(rules(only(ClusterRole.class).getRules())).isEqualTo(CLUSTER_RULES);
        assertThat(only(ClusterRoleBinding.class).getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getName()).isEqualTo("policy-guard");
            assertThat(subject.getNamespace()).isEqualTo(NAMESPACE);
        });
    }

    @Test
    void readsSecretsOnlyByListAndWatchNeverByGet() {
        assertThat(rules(only(ClusterRole.class).getRules())).filteredOn(rule -> rule.startsWith("/secrets "))
                .containsExactly("/secrets list,watch");
    }

    @Test
    void grantsInItsOwnNamespaceOnlyItsLease() {
        Role lease = only(Role.class);

        assertThat(lease.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        assertThat(rules(lease.getRules())).containsExactly("coordination.k8s.io/leases create,get,update");
        assertThat(only(RoleBinding.class).getRoleRef().getName()).isEqualTo(lease.getMetadata().getName());
    }

    @Test
    void shipsNoPolicyReportCrdItDoesNotOwn() {
        assertThat(Environments.renderDev(CHART)).extracting(HasMetadata::getKind).doesNotContain("CustomResourceDefinition");
    }

    @Test
    void itsPolicyParsesWithPolicyGuardsOwnParserAndSelectsTheNamespaceTheBaselineRenders() {
        Policy policy = PolicyParser.parse(policyDocument(Environments.renderDev(CHART)));
        Namespace workspaces = Environments.renderDev("workspace-baseline").stream().filter(Namespace.class::isInstance)
                .map(Namespace.class::cast).findFirst().orElseThrow();

        assertThat(policy.selectsNamespace(workspaces.getMetadata().getLabels())).isTrue();
        assertThat(policy.selectsNamespace(Map.of("kubernetes.io/metadata.name", "coder-guardrails"))).isFalse();
    }

    @Test
    void mountsThePolicyAsAFolderSoThatAChangedConfigMapReachesTheRunningPods() {
        Map<String, String> env = env();
        VolumeMount mount = container().getVolumeMounts().stream().filter(m -> m.getName().equals("policy")).findFirst()
                .orElseThrow();
        PodSpec pod = only(Deployment.class).getSpec().getTemplate().getSpec();

        assertThat(mount.getSubPath()).isNull();
        assertThat(env.get("POLICY_GUARD_POLICY_FILE")).isEqualTo(mount.getMountPath() + "/policy.yaml");
        assertThat(only(ConfigMap.class, "policy-guard-policy").getData()).containsOnlyKeys("policy.yaml");
        assertThat(pod.getVolumes()).filteredOn(volume -> volume.getName().equals("policy")).singleElement()
                .satisfies(volume -> assertThat(volume.getConfigMap().getName()).isEqualTo("policy-guard-policy"));
    }

    @Test
    void runsTwoReplicasThatElectOneWriterAndADrainMayTakeOnlyOneAtATime() {
        assertThat(only(Deployment.class).getSpec().getReplicas()).isEqualTo(2);
        assertThat(only(PodDisruptionBudget.class).getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        assertThat(env()).containsEntry("POLICY_GUARD_KUBERNETES_LEASE_ENABLED", "true")
                .containsEntry("POLICY_GUARD_KUBERNETES_LEASE_NAMESPACE", NAMESPACE)
                .containsEntry("POLICY_GUARD_KUBERNETES_ENABLED", "true");
    }

    @Test
    void refusesAnImageWithoutADigestAndAnEnvironmentWithoutTheApiServersAddress() {
        assertThatThrownBy(() -> renderDevWith(Map.of("image.digest", "latest")))
                .hasMessageContaining("image.digest must be sha256:<64 hex digits>");
        assertThatThrownBy(() -> renderDevWith(Map.of("networkPolicy.apiServer.cidrs", "null")))
                .hasMessageContaining("networkPolicy.apiServer.cidrs is required");
    }

    @Test
    void setsOnlyConfigKeysThatPolicyGuardsReadmeDocuments() {
        Set<String> documented = Readmes.tableKeys(Readmes.read(Readmes.policyGuardReadme())).stream()
                .map(key -> key.toUpperCase(Locale.ROOT).replaceAll("[.-]", "_")).collect(Collectors.toSet());
        documented.add("QUARKUS_LOG_CONSOLE_JSON_ENABLED");
        documented.add("QUARKUS_OIDC_AUTH_SERVER_URL");
        documented.add("QUARKUS_OIDC_TOKEN_ISSUER");
        documented.add("JAVA_TOOL_OPTIONS");

        assertThat(container().getEnv()).extracting(EnvVar::getName).isNotEmpty().allSatisfy(
                name -> assertThat(documented).as("documented in policy-guard/README.md").contains(name));
    }

    @Test
    void runsAJvmThatExitsWhenItRunsOutOfMemoryRatherThanLimpOn() {
        assertThat(env().get("JAVA_TOOL_OPTIONS")).contains("-XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void takesTheCoderTokenFromASecretByNameAndWithoutCoderNeedsNone() {
        PodSpec pod = only(Deployment.class).getSpec().getTemplate().getSpec();

        assertThat(env()).containsEntry("POLICY_GUARD_CODER_TOKEN_FILE", "/var/run/secrets/coder/token")
                .doesNotContainKey("POLICY_GUARD_CODER_TOKEN");
        assertThat(pod.getVolumes()).filteredOn(volume -> volume.getSecret() != null).singleElement()
                .satisfies(volume -> assertThat(volume.getSecret().getSecretName()).isEqualTo("policy-guard-coder-token"));

        List<HasMetadata> withoutCoder = renderDevWith(Map.of("coder.url", ""));
        Deployment deployment = withoutCoder.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .findFirst().orElseThrow();
        assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes()).allSatisfy(
                volume -> assertThat(volume.getSecret()).isNull());
        assertThat(egress(withoutCoder.stream().filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast)
                .findFirst().orElseThrow())).noneSatisfy(rule -> assertThat(rule).startsWith("coder/"));
    }

    @Test
    void letsOnlyPrometheusIn() {
        NetworkPolicy policy = only(NetworkPolicy.class);

        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(policy.getSpec().getIngress()).extracting(rule -> peer(rule.getFrom().get(0)))
                .containsExactly("monitoring/app.kubernetes.io/name=prometheus");
    }

    @Test
    void letsOutOnlyDnsTheApiServerCoderAndKeycloak() {
        assertThat(egress(only(NetworkPolicy.class))).containsExactly("kube-system/k8s-app=kube-dns UDP/53,TCP/53",
                "0.0.0.0/0 TCP/443", "coder/app.kubernetes.io/name=coder TCP/8080",
                "keycloak/app.kubernetes.io/name=keycloak TCP/8080");
    }

    @Test
    void alertsOnFindingsBySeverityOnNoLeaderAndOnFailingJudgements() {
        Map<String, String> severities = new HashMap<>();
        alerts().forEach(alert -> severities.put(alert.getAlert(), alert.getLabels().get("severity")));

        assertThat(severities).containsEntry("PolicyGuardCriticalFindings", "critical")
                .containsEntry("PolicyGuardHighFindings", "warning").containsEntry("PolicyGuardNoLeader", "warning")
                .containsEntry("PolicyGuardEvaluationsFailing", "warning");
        assertThat(alert("PolicyGuardCriticalFindings").getExpr().getStrVal()).contains("severity=\"critical\"");
        assertThat(alert("PolicyGuardHighFindings").getExpr().getStrVal()).contains("severity=\"high\"");
    }

    @Test
    void everyAlertLinksToItsSectionOfTheRunbook() {
        ChartMonitoring.assertEveryAlertLinksToItsRunbookSection(CHART);
    }

    @Test
    void alertsAndTheDashboardUseOnlyMetricsTheServiceExports() {
        Set<String> used = ChartMonitoring.metricsUsed(CHART, "policy-guard-dashboard", "policy-guard.json");

        assertThat(used).contains("policy_guard_findings", "policy_guard_leader", "policy_guard_evaluations_total");
        assertThat(ChartMonitoring.notExported(used, Readmes.policyGuardReadme(), "policy_guard_")).isEmpty();
    }

    static String policyDocument(List<HasMetadata> rendered) {
        return rendered.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(map -> map.getMetadata().getName().equals("policy-guard-policy")).findFirst().orElseThrow()
                .getData().get("policy.yaml");
    }

    private static List<Rule> alerts() {
        return ChartMonitoring.alerts(CHART);
    }

    private static Rule alert(String name) {
        return alerts().stream().filter(rule -> name.equals(rule.getAlert())).findFirst().orElseThrow();
    }

    private static Container container() {
        return only(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        container().getEnv().forEach(variable -> env.put(variable.getName(), variable.getValue()));
        return env;
    }

    /** One line per resource: {@code group/resource verbs}, so that how rules are grouped does not matter. */
    private static Set<String> rules(List<PolicyRule> rules) {
        return rules.stream().flatMap(rule -> rule.getApiGroups().stream().flatMap(group -> rule.getResources().stream()
                .map(resource -> group + "/" + resource + " " + String.join(",", rule.getVerbs().stream().sorted().toList()))))
                .collect(Collectors.toSet());
    }

    private static List<String> egress(NetworkPolicy policy) {
        return policy.getSpec().getEgress().stream()
                .map(rule -> rule.getTo().stream().map(PolicyGuardChartTest::peer).collect(Collectors.joining(",")) + " "
                        + rule.getPorts().stream().map(PolicyGuardChartTest::port).collect(Collectors.joining(",")))
                .toList();
    }

    private static String peer(NetworkPolicyPeer peer) {
        return ChartObjects.peer(peer);
    }

    private static String port(NetworkPolicyPort port) {
        return ChartObjects.port(port);
    }

    private static <T extends HasMetadata> T only(Class<T> kind) {
        return ChartObjects.only(CHART, kind);
    }

    private static <T extends HasMetadata> T only(Class<T> kind, String name) {
        return ChartObjects.named(CHART, kind, name);
    }

    private static List<HasMetadata> renderDevWith(Map<String, ?> sets) {
        return ChartObjects.renderDevWith(CHART, NAMESPACE, sets);
    }
}
