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
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ameide.coderguard.templatesync.kubernetes.CoderTemplate;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;

/** The template-sync chart, rendered for dev, gives the service exactly the calls its code makes and nothing more. */
class TemplateSyncChartTest {

    private static final String CHART = "template-sync";
    private static final String NAMESPACE = "coder-guardrails";
    private static final String CRD_FILE = CoderTemplate.CRD_NAME + "-v1.yml";

    /** The sentence of the chart's README the rules below were written from; a change there fails this test. */
    private static final String README_RBAC = "get, list and watch `codertemplates`; patch `codertemplates/status`; get,"
            + " list and watch ConfigMaps; get, create and update Events; get, create and update its Lease.";

    /**
     * The calls of template-sync's kubernetes package: the CoderTemplate and ConfigMap informers (list, watch), the
     * status write (editStatus: get the object, JSON Patch its status), the ConfigMap read past the informer (get),
     * TemplateEvents (get, create, update to count a repeat).
     */
    private static final Set<String> TEMPLATE_RULES = Set.of("guardrails.ameide.io/codertemplates get,list,watch",
            "guardrails.ameide.io/codertemplates/status patch", "/configmaps get,list,watch", "/events create,get,update");

    @Test
    void theChartsCopyOfTheCoderTemplateCrdIsTheOneTemplateSyncsBuildGenerates() throws IOException {
        ChartObjects.assertChartsCrdIsTheGeneratedOne(CHART, CRD_FILE);
    }

    @Test
    void grantsInTheWatchedNamespaceExactlyTheCallsTemplateSyncMakes() {
        assertThat(Readmes.flattened(Readmes.read(DeployTree.chart(CHART).resolve("README.md")))).contains(README_RBAC);

        Role templates = named(Role.class, "template-sync-templates");

        assertThat(templates.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        assertThat(rules(templates.getRules())).isEqualTo(TEMPLATE_RULES);
    }

    @Test
    void grantsOnlyItsLeaseBesideAndNothingClusterWide() {
        Role lease = named(Role.class, "template-sync-lease");

        assertThat(rules(lease.getRules())).containsExactly("coordination.k8s.io/leases create,get,update");
        assertThat(named(RoleBinding.class, "template-sync-lease").getSubjects()).singleElement()
                .satisfies(subject -> assertThat(subject.getName()).isEqualTo("template-sync"));
        assertThat(Environments.renderDev(CHART)).extracting(HasMetadata::getKind).doesNotContain("ClusterRole",
                "ClusterRoleBinding");
    }

    @Test
    void grantsItsRightsInTheNamespaceItIsToldToWatch() {
        List<HasMetadata> objects = renderDevWith(Map.of("kubernetes.namespace", "coder-templates"));

        assertThat(objects).filteredOn(object -> object instanceof Role || object instanceof RoleBinding)
                .extracting(object -> object.getMetadata().getNamespace()).containsOnly("coder-templates");
        assertThat(env(objects)).containsEntry("TEMPLATE_SYNC_KUBERNETES_NAMESPACE", "coder-templates");
    }

    @Test
    void aRuleBeyondTheCallsIsFound() {
        Role templates = named(Role.class, "template-sync-templates");
        PolicyRule widened = new io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder(templates.getRules().get(1))
                .withVerbs("patch", "update").build();
        List<PolicyRule> broken = Stream.concat(Stream.of(templates.getRules().get(0), widened),
                templates.getRules().stream().skip(2)).toList();

        assertThat(rules(broken)).isNotEqualTo(TEMPLATE_RULES)
                .contains("guardrails.ameide.io/codertemplates/status patch,update");
    }

    @Test
    void runsTwoReplicasThatADrainMayTakeOnlyOneAtATime() {
        assertThat(only(Deployment.class).getSpec().getReplicas()).isEqualTo(2);
        assertThat(only(PodDisruptionBudget.class).getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    }

    @Test
    void refusesAnImageWithoutADigest() {
        assertThatThrownBy(() -> renderDevWith(Map.of("image.digest", "")))
                .hasMessageContaining("image.digest is required");
        assertThatThrownBy(() -> renderDevWith(Map.of("image.digest", "latest")))
                .hasMessageContaining("image.digest must be sha256:<64 hex digits>");
    }

    @Test
    void setsOnlyConfigKeysThatTemplateSyncsReadmeDocuments() {
        assertThat(undocumentedEnv(container())).isEmpty();
    }

    @Test
    void aSettingTemplateSyncDoesNotHaveIsFound() {
        List<HasMetadata> objects = renderDevWith(Map.of("extraEnv[0].name", "TEMPLATE_SYNC_SELF_HEAL",
                "extraEnv[0].value", "true"));

        assertThat(undocumentedEnv(container(objects))).containsExactly("TEMPLATE_SYNC_SELF_HEAL");
    }

    @Test
    void mapsEachValueToTemplateSyncsOwnKey() {
        Map<String, String> env = env(Environments.renderDev(CHART));

        assertThat(env).containsEntry("TEMPLATE_SYNC_DRY_RUN", "false")
                .containsEntry("TEMPLATE_SYNC_RESYNC_INTERVAL", "60s")
                .containsEntry("TEMPLATE_SYNC_IMPORT_TIMEOUT", "15m")
                .containsEntry("TEMPLATE_SYNC_REQUIRED_RESOURCES", "coder_agent")
                .containsEntry("TEMPLATE_SYNC_CODER_URL", "http://coder.coder.svc.cluster.local")
                .containsEntry("TEMPLATE_SYNC_KUBERNETES_ENABLED", "true")
                .containsEntry("TEMPLATE_SYNC_KUBERNETES_NAMESPACE", NAMESPACE)
                .containsEntry("TEMPLATE_SYNC_KUBERNETES_LEASE_NAME", "template-sync");
    }

    @Test
    void startsANewEnvironmentInDryRun() {
        JsonNode defaults = Manifests.document(Readmes.read(DeployTree.chart(CHART).resolve("values.yaml")));

        assertThat(defaults.at("/sync/dryRun").asBoolean()).isTrue();
    }

    @Test
    void runsAJvmThatExitsWhenItRunsOutOfMemoryRatherThanLimpOn() {
        assertThat(env(Environments.renderDev(CHART)).get("JAVA_TOOL_OPTIONS")).contains("-XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void takesTheCoderTokenFromASecretByName() {
        Map<String, String> secretVolumes = new HashMap<>();
        only(Deployment.class).getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(volume -> volume.getSecret() != null)
                .forEach(volume -> secretVolumes.put(volume.getName(), volume.getSecret().getSecretName()));

        assertThat(env(Environments.renderDev(CHART))).containsEntry("TEMPLATE_SYNC_CODER_TOKEN_FILE",
                "/var/run/secrets/coder/token").doesNotContainKeys("TEMPLATE_SYNC_CODER_TOKEN", "TEMPLATE_SYNC_WEBHOOK_SECRET");
        assertThat(secretVolumes).containsOnly(Map.entry("coder-token", "template-sync-coder-token"));
    }

    @Test
    void letsOnlyPrometheusInWhileTheWebhookIsOff() {
        NetworkPolicy policy = only(NetworkPolicy.class);

        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(ingressPeers(policy)).containsExactly("monitoring/app.kubernetes.io/name=prometheus");
    }

    @Test
    void letsCoderdInOnceTheWebhookIsOn() {
        List<HasMetadata> objects = renderDevWith(Map.of("webhook.secret.name", "template-sync-webhook"));
        NetworkPolicy policy = objects.stream().filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast)
                .findFirst().orElseThrow();

        assertThat(ingressPeers(policy)).containsExactly("coder/app.kubernetes.io/name=coder",
                "monitoring/app.kubernetes.io/name=prometheus");
        assertThat(env(objects)).containsEntry("TEMPLATE_SYNC_WEBHOOK_SECRET_FILE", "/var/run/secrets/webhook/secret");
    }

    @Test
    void letsOutOnlyDnsTheApiServerCoderAndKeycloak() {
        NetworkPolicy policy = only(NetworkPolicy.class);

        assertThat(policy.getSpec().getEgress()).allSatisfy(rule -> assertThat(rule.getTo()).isNotEmpty());
        assertThat(policy.getSpec().getEgress()).extracting(
                rule -> rule.getTo().stream().map(ChartObjects::peer).collect(Collectors.joining(",")) + " "
                        + rule.getPorts().stream().map(ChartObjects::port).collect(Collectors.joining(",")))
                .containsExactly("kube-system/k8s-app=kube-dns UDP/53,TCP/53", "0.0.0.0/0 TCP/443",
                        "coder/app.kubernetes.io/name=coder TCP/8080", "keycloak/app.kubernetes.io/name=keycloak TCP/8080");
    }

    @Test
    void alertsOnDriftFailedImportsFailingSyncsCoderErrorsAndNoLeader() {
        assertThat(alerts()).extracting(Rule::getAlert).containsExactlyInAnyOrder("TemplateSyncDown",
                "TemplateSyncNoLeader", "TemplateSyncTemplateDrifted", "TemplateSyncImportFailed", "TemplateSyncFailing",
                "TemplateSyncCoderApiErroring");
    }

    @Test
    void waitsLongerThanAnImportMayTakeBeforeCallingDriftAnAlert() {
        Rule drifted = alerts().stream().filter(rule -> rule.getAlert().equals("TemplateSyncTemplateDrifted")).findFirst()
                .orElseThrow();

        assertThat(drifted.getExpr().getStrVal()).contains("template_sync_drifted");
        assertThat(drifted.getFor()).isEqualTo("30m");
        assertThat(drifted.getAnnotations().get("summary")).contains("{{ $labels.template }}");
    }

    @Test
    void everyAlertLinksToItsSectionOfTheRunbook() {
        ChartMonitoring.assertEveryAlertLinksToItsRunbookSection(CHART);
    }

    @Test
    void alertsAndTheDashboardUseOnlyMetricsTheServiceExports() {
        Set<String> used = ChartMonitoring.metricsUsed(CHART, "template-sync-dashboard", "template-sync.json");

        assertThat(used).contains("template_sync_drifted", "template_sync_leader");
        assertThat(notExported(used)).isEmpty();
    }

    @Test
    void aMetricTheServiceDoesNotExportIsFound() {
        Set<String> used = ChartMonitoring.metrics(Stream.of("sum(template_sync_templates_failed_total{job=\"template-sync\"})",
                "template_sync_passes_seconds_count{result=\"failed\"}"));

        assertThat(notExported(used)).containsExactly("template_sync_templates_failed_total");
    }

    /** Environment variables the container sets that are no documented key of template-sync (or of Quarkus it names). */
    private static List<String> undocumentedEnv(Container container) {
        Set<String> documented = Readmes.tableKeys(Readmes.read(Readmes.templateSyncReadme())).stream()
                .map(key -> key.toUpperCase(Locale.ROOT).replaceAll("[.-]", "_")).collect(Collectors.toSet());
        // The README's "Also:" line: the realm (and Quarkus's own key for an issuer that differs), JSON logs; the JVM's.
        documented.addAll(Set.of("QUARKUS_OIDC_AUTH_SERVER_URL", "QUARKUS_OIDC_TOKEN_ISSUER",
                "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "JAVA_TOOL_OPTIONS"));
        return container.getEnv().stream().map(EnvVar::getName).filter(name -> !documented.contains(name)).toList();
    }

    private static List<String> notExported(Set<String> used) {
        return ChartMonitoring.notExported(used, Readmes.templateSyncReadme(), "template_sync_");
    }

    private static List<String> ingressPeers(NetworkPolicy policy) {
        assertThat(policy.getSpec().getIngress()).allSatisfy(rule -> assertThat(rule.getFrom()).isNotEmpty());
        return policy.getSpec().getIngress().stream().map(NetworkPolicyIngressRule::getFrom)
                .map(from -> ChartObjects.peer(from.get(0))).toList();
    }

    private static List<Rule> alerts() {
        return ChartMonitoring.alerts(CHART);
    }

    private static Container container() {
        return container(Environments.renderDev(CHART));
    }

    private static Container container(List<HasMetadata> objects) {
        return objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).findFirst().orElseThrow()
                .getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Map<String, String> env(List<HasMetadata> objects) {
        Map<String, String> env = new HashMap<>();
        container(objects).getEnv().forEach(variable -> env.put(variable.getName(), variable.getValue()));
        return env;
    }

    private static Set<String> rules(List<PolicyRule> rules) {
        return rules.stream().flatMap(rule -> rule.getApiGroups().stream().map(group -> group + "/"
                + String.join(",", rule.getResources()) + " " + String.join(",", rule.getVerbs().stream().sorted().toList())))
                .collect(Collectors.toSet());
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
