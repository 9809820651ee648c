package io.ameide.coderguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;

/** The idle-reaper chart, rendered for dev, gives the service what its README says it needs and nothing more. */
class IdleReaperChartTest {

    private static final String CHART = "idle-reaper";
    private static final String NAMESPACE = "coder-guardrails";
    private static final String CRD_FILE = "workspaceexemptions.guardrails.ameide.io-v1.yml";

    /** The sentence of idle-reaper/README.md the rules below were written from; a change there fails this test. */
    private static final String README_RBAC = "Its RBAC: list and watch pods, ReplicaSets and Deployments; get, create and"
            + " update Events; get, create and update its Lease; get, list and watch `workspaceexemptions`, patch"
            + " `workspaceexemptions/status`.";

    private static final Set<String> WORKSPACE_RULES = Set.of("/pods list,watch", "apps/replicasets,deployments list,watch",
            "/events create,get,update", "guardrails.ameide.io/workspaceexemptions get,list,watch",
            "guardrails.ameide.io/workspaceexemptions/status patch");

    @Test
    void theChartsCopyOfTheWorkspaceExemptionCrdIsTheOneIdleReapersBuildGenerates() throws IOException {
        ChartObjects.assertChartsCrdIsTheGeneratedOne(CHART, CRD_FILE);
    }

    @Test
    void grantsInTheWorkspaceNamespaceExactlyWhatIdleReapersReadmeLists() {
        assertThat(Readmes.flattened(Readmes.read(Readmes.idleReaperReadme()))).contains(README_RBAC);

        Role workspaces = named(Role.class, "idle-reaper-workspaces");

        assertThat(workspaces.getMetadata().getNamespace()).isEqualTo("coder-workspaces");
        assertThat(rules(workspaces.getRules())).isEqualTo(WORKSPACE_RULES);
    }

    @Test
    void grantsInItsOwnNamespaceOnlyItsLease() {
        Role lease = named(Role.class, "idle-reaper-lease");

        assertThat(lease.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        assertThat(rules(lease.getRules())).containsExactly("coordination.k8s.io/leases create,get,update");
        assertThat(named(RoleBinding.class, "idle-reaper-lease").getSubjects()).singleElement()
                .satisfies(subject -> assertThat(subject.getName()).isEqualTo("idle-reaper"));
    }

    @Test
    void grantsTheSameRulesClusterWideWhenNoWorkspaceNamespaceIsListed() {
        List<HasMetadata> objects = renderDevWith(Map.of("kubernetes.workspaceNamespaces", "null"));

        assertThat(objects).filteredOn(ClusterRole.class::isInstance).singleElement()
                .satisfies(role -> assertThat(rules(((ClusterRole) role).getRules())).isEqualTo(WORKSPACE_RULES));
        assertThat(objects).filteredOn(Role.class::isInstance).extracting(object -> object.getMetadata().getName())
                .containsExactly("idle-reaper-lease");
    }

    @Test
    void runsTwoReplicasThatADrainMayTakeOnlyOneAtATime() {
        assertThat(only(Deployment.class).getSpec().getReplicas()).isEqualTo(2);
        assertThat(only(PodDisruptionBudget.class).getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    }

    @Test
    void refusesTwoReplicasWithoutTheKubernetesSideThatElectsTheLeader() {
        assertThatThrownBy(() -> renderDevWith(Map.of("kubernetes.enabled", "false")))
                .hasMessageContaining("replicas > 1 needs kubernetes.enabled=true");
    }

    @Test
    void withoutTheKubernetesSideOneReplicaRunsWithNoClusterRightsNoCrdAndNoWayToTheApiServer() {
        List<HasMetadata> objects = renderDevWith(Map.of("kubernetes.enabled", "false", "replicas", "1"));
        Deployment deployment = objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .findFirst().orElseThrow();
        NetworkPolicy policy = objects.stream().filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast)
                .findFirst().orElseThrow();

        assertThat(objects).extracting(HasMetadata::getKind).doesNotContain("Role", "ClusterRole", "RoleBinding",
                "ClusterRoleBinding", "CustomResourceDefinition", "PodDisruptionBudget");
        assertThat(deployment.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isFalse();
        assertThat(policy.getSpec().getEgress()).noneSatisfy(rule -> assertThat(rule.getTo().get(0).getIpBlock()).isNotNull());
    }

    @Test
    void refusesAnImageWithoutADigest() {
        assertThatThrownBy(() -> renderDevWith(Map.of("image.digest", "")))
                .hasMessageContaining("image.digest is required");
        assertThatThrownBy(() -> renderDevWith(Map.of("image.digest", "latest")))
                .hasMessageContaining("image.digest must be sha256:<64 hex digits>");
    }

    @Test
    void setsOnlyConfigKeysThatIdleReapersReadmeDocuments() {
        Set<String> documented = Readmes.tableKeys(Readmes.read(Readmes.idleReaperReadme())).stream()
                .map(key -> key.toUpperCase(Locale.ROOT).replaceAll("[.-]", "_")).collect(Collectors.toSet());
        documented.add("QUARKUS_LOG_CONSOLE_JSON_ENABLED");
        documented.add("JAVA_TOOL_OPTIONS");

        assertThat(container().getEnv()).extracting(EnvVar::getName).isNotEmpty().allSatisfy(
                name -> assertThat(documented).as("documented in idle-reaper/README.md").contains(name));
    }

    @Test
    void runsAJvmThatExitsWhenItRunsOutOfMemoryRatherThanLimpOn() {
        assertThat(container().getEnv()).filteredOn(variable -> variable.getName().equals("JAVA_TOOL_OPTIONS"))
                .singleElement().satisfies(variable -> assertThat(variable.getValue()).contains("-XX:+ExitOnOutOfMemoryError"));
    }

    @Test
    void takesTheCoderTokenAndTheWebhookSecretFromSecretsByName() {
        Map<String, String> env = new HashMap<>();
        container().getEnv().forEach(variable -> env.put(variable.getName(), variable.getValue()));
        Map<String, String> secretVolumes = new HashMap<>();
        only(Deployment.class).getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(volume -> volume.getSecret() != null)
                .forEach(volume -> secretVolumes.put(volume.getName(), volume.getSecret().getSecretName()));

        assertThat(env).containsEntry("IDLE_REAPER_CODER_TOKEN_FILE", "/var/run/secrets/coder/token")
                .containsEntry("IDLE_REAPER_WEBHOOK_SECRET_FILE", "/var/run/secrets/webhook/secret")
                .doesNotContainKeys("IDLE_REAPER_CODER_TOKEN", "IDLE_REAPER_WEBHOOK_SECRET");
        assertThat(secretVolumes).containsEntry("coder-token", "idle-reaper-coder-token")
                .containsEntry("webhook-secret", "idle-reaper-webhook");
    }

    @Test
    void letsOnlyCoderdAndPrometheusIn() {
        NetworkPolicy policy = only(NetworkPolicy.class);

        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(policy.getSpec().getIngress()).allSatisfy(rule -> assertThat(rule.getFrom()).isNotEmpty());
        assertThat(policy.getSpec().getIngress()).extracting(rule -> peer(rule.getFrom().get(0)))
                .containsExactly("coder/app.kubernetes.io/name=coder", "monitoring/app.kubernetes.io/name=prometheus");
    }

    @Test
    void letsOutOnlyDnsTheApiServerCoderAndKeycloak() {
        NetworkPolicy policy = only(NetworkPolicy.class);

        assertThat(policy.getSpec().getEgress()).allSatisfy(rule -> assertThat(rule.getTo()).isNotEmpty());
        assertThat(policy.getSpec().getEgress()).extracting(
                rule -> rule.getTo().stream().map(IdleReaperChartTest::peer).collect(Collectors.joining(",")) + " "
                        + rule.getPorts().stream().map(IdleReaperChartTest::port).collect(Collectors.joining(",")))
                .containsExactly("kube-system/k8s-app=kube-dns UDP/53,TCP/53", "0.0.0.0/0 TCP/443",
                        "coder/app.kubernetes.io/name=coder TCP/8080", "keycloak/app.kubernetes.io/name=keycloak TCP/8080");
    }

    @Test
    void alertsWhenStopsFailCoderErrsOrNoReplicaLeads() {
        assertThat(alerts()).extracting(Rule::getAlert).contains("IdleReaperStopsFailing", "IdleReaperCoderApiErroring",
                "IdleReaperNoLeader");
    }

    @Test
    void everyAlertLinksToItsSectionOfTheRunbook() {
        ChartMonitoring.assertEveryAlertLinksToItsRunbookSection(CHART);
    }

    @Test
    void alertsAndTheDashboardUseOnlyMetricsTheServiceExports() {
        Set<String> used = ChartMonitoring.metricsUsed(CHART, "idle-reaper-dashboard", "idle-reaper.json");

        assertThat(used).isNotEmpty();
        assertThat(ChartMonitoring.notExported(used, Readmes.idleReaperReadme(), "idle_reaper_")).isEmpty();
    }

    private static List<Rule> alerts() {
        return ChartMonitoring.alerts(CHART);
    }

    private static Container container() {
        return only(Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Set<String> rules(List<PolicyRule> rules) {
        return rules.stream().flatMap(rule -> rule.getApiGroups().stream().map(group -> group + "/"
                + String.join(",", rule.getResources()) + " " + String.join(",", rule.getVerbs().stream().sorted().toList())))
                .collect(Collectors.toSet());
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

    private static <T extends HasMetadata> T named(Class<T> kind, String name) {
        return ChartObjects.named(CHART, kind, name);
    }

    private static List<HasMetadata> renderDevWith(Map<String, ?> sets) {
        return ChartObjects.renderDevWith(CHART, NAMESPACE, sets);
    }
}
