package io.ameide.coderguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;

/**
 * The values dev gives Coder's chart. Coder's chart itself cannot be rendered here (it is not on a registry the build
 * may reach), so the parts that are Kubernetes objects are read strictly one by one, and the settings that tie Coder to
 * the rest of deploy/ are checked against it: Keycloak's client, the idle-reaper's webhook and its stops.
 */
class CoderValuesTest {

    private static final String ACCESS_URL = "https://coder.dev.ameide.io";

    private final JsonNode values = Manifests.document(Readmes.read(DeployTree.environmentValues("dev", "coder")));

    @Test
    void everyEnvironmentEntryIsAKubernetesEnvVar() {
        assertThat(values.at("/coder/env")).isNotEmpty().allSatisfy(entry -> StrictKubernetesModel.bind(entry, EnvVar.class));
        StrictKubernetesModel.bind(values.at("/coder/securityContext"), SecurityContext.class);
        StrictKubernetesModel.bind(values.at("/coder/resources"), ResourceRequirements.class);
    }

    @Test
    void servesTheAccessUrlThroughAnIngressThatKeepsWebSocketsOpen() {
        assertThat(env()).containsEntry("CODER_ACCESS_URL", ACCESS_URL);
        assertThat(values.at("/coder/ingress/enable").asBoolean()).isTrue();
        assertThat(values.at("/coder/ingress/host").asText()).isEqualTo(URI.create(ACCESS_URL).getHost());
        assertThat(values.at("/coder/ingress/tls/enable").asBoolean()).isTrue();
        JsonNode annotations = values.at("/coder/ingress/annotations");
        assertThat(Integer.parseInt(annotations.path("nginx.ingress.kubernetes.io/proxy-read-timeout").asText()))
                .isGreaterThanOrEqualTo(3600);
        assertThat(Integer.parseInt(annotations.path("nginx.ingress.kubernetes.io/proxy-send-timeout").asText()))
                .isGreaterThanOrEqualTo(3600);
    }

    @Test
    void signsInThroughTheRealmsCoderClientWhoseRedirectIsTheAccessUrl() {
        JsonNode realm = Manifests.document(Readmes.read(DeployTree.root().resolve("keycloak/realm-coder-guardrails.json")));
        JsonNode client = clientOf(realm, env().get("CODER_OIDC_CLIENT_ID"));

        assertThat(env().get("CODER_OIDC_ISSUER_URL")).endsWith("/realms/" + realm.path("realm").asText());
        assertThat(client.path("publicClient").asBoolean()).isFalse();
        assertThat(client.path("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(client.path("redirectUris")).extracting(JsonNode::asText)
                .containsExactly(ACCESS_URL + "/api/v2/users/oidc/callback");
    }

    @Test
    void takesTheDatabaseUrlTheClientSecretAndTheWebhookEndpointFromSecretsByName() {
        assertThat(secretRefs()).containsEntry("CODER_PG_CONNECTION_URL", "coder-db-url/url")
                .containsEntry("CODER_OIDC_CLIENT_SECRET", "coder-oidc/client-secret")
                .containsEntry("CODER_NOTIFICATIONS_WEBHOOK_ENDPOINT", "coder-notification-webhook/endpoint");
        assertThat(env()).doesNotContainKeys("CODER_PG_CONNECTION_URL", "CODER_OIDC_CLIENT_SECRET",
                "CODER_NOTIFICATIONS_WEBHOOK_ENDPOINT");
    }

    @Test
    void sendsNotificationsToTheWebhookRatherThanMail() {
        assertThat(env()).containsEntry("CODER_NOTIFICATIONS_METHOD", "webhook");
    }

    @Test
    void runsMoreProvisionersThanTheIdleReaperMayKeepBusyWithStops() {
        JsonNode reaper = Manifests.document(Readmes.read(DeployTree.chart("idle-reaper").resolve("values.yaml")));
        int stopsInFlight = reaper.at("/reaper/maxStopsInFlight").asInt();

        assertThat(Integer.parseInt(env().get("CODER_PROVISIONER_DAEMONS"))).isGreaterThan(stopsInFlight);
    }

    @Test
    void createsWorkspacesInTheBaselinedNamespace() {
        assertThat(values.at("/coder/serviceAccount/workspaceNamespaces")).extracting(entry -> entry.path("name").asText())
                .containsExactly("coder-workspaces");
        assertThat(values.at("/coder/serviceAccount/enableDeployments").asBoolean()).isTrue();
    }

    @Test
    void grantsCoderExtraRightsInTheWorkspaceNamespaceOnlyByName() {
        Role extra = new RoleBuilder().withNewMetadata().withName("coder-workspace-extra").endMetadata().build();
        values.at("/coder/serviceAccount/workspaceNamespaces/0/extraRules")
                .forEach(rule -> extra.getRules().add(StrictKubernetesModel.bind(rule, PolicyRule.class)));

        assertThat(extra.getRules()).isNotEmpty();
        assertThat(PolicyChecks.wildcardRbac(List.of(extra))).isEmpty();
    }

    /** Literal values only; entries from a Secret are in {@link #secretRefs()}. */
    private Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        values.at("/coder/env").forEach(entry -> {
            if (entry.has("value")) {
                env.put(entry.path("name").asText(), entry.path("value").asText());
            }
        });
        return env;
    }

    private Map<String, String> secretRefs() {
        Map<String, String> refs = new LinkedHashMap<>();
        values.at("/coder/env").forEach(entry -> {
            JsonNode ref = entry.at("/valueFrom/secretKeyRef");
            if (ref.isObject()) {
                refs.put(entry.path("name").asText(), ref.path("name").asText() + "/" + ref.path("key").asText());
            }
        });
        return refs;
    }

    private static JsonNode clientOf(JsonNode realm, String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (client.path("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("the realm has no client " + clientId);
    }
}
