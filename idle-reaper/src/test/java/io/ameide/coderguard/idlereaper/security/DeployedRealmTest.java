package io.ameide.coderguard.idlereaper.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ameide.coderguard.common.http.ApiRoles;
import io.ameide.coderguard.common.security.KeycloakServer;

/**
 * The realm that deploy/ imports into Keycloak: the roles and clients the services rely on, and nothing secret in it,
 * since it is committed. (ApiSecurityTest runs a Keycloak with this very file.)
 */
class DeployedRealmTest {

    private static final Path REALM = Path.of("..", "deploy", "keycloak", "realm-coder-guardrails.json");

    private final JsonNode realm = read();

    @Test
    void definesTheRolesTheServicesCheck() {
        assertThat(realm.path("realm").asText()).isEqualTo(KeycloakServer.REALM);
        assertThat(names(realm.path("roles").path("realm"), "name")).containsExactlyInAnyOrder(ApiRoles.VIEWER,
                ApiRoles.ADMIN);
    }

    @Test
    void makesTheAdminRoleIncludeTheViewerRole() {
        JsonNode admin = role(ApiRoles.ADMIN);

        assertThat(admin.path("composite").asBoolean()).isTrue();
        assertThat(names(admin.path("composites").path("realm"), null)).containsExactly(ApiRoles.VIEWER);
    }

    @Test
    void holdsNoUsersNoPasswordsAndNoClientSecrets() {
        assertThat(realm.has("users")).isFalse();
        assertThat(fieldNames(realm)).doesNotContain("secret", "credentials", "password", "value");
    }

    @Test
    void letsTheApiClientSignNobodyIn() {
        JsonNode api = client("coder-guardrails-api");

        assertThat(api.path("bearerOnly").asBoolean()).isTrue();
        assertThat(api.path("publicClient").asBoolean()).isFalse();
        assertThat(api.path("directAccessGrantsEnabled").asBoolean()).isFalse();
    }

    @Test
    void givesPeopleTokensForTheApiThroughTheDeviceFlowOnly() {
        JsonNode cli = client("coder-guardrails-cli");

        assertThat(cli.path("publicClient").asBoolean()).isTrue();
        assertThat(cli.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(cli.path("standardFlowEnabled").asBoolean()).isFalse();
        assertThat(cli.path("attributes").path("oauth2.device.authorization.grant.enabled").asText()).isEqualTo("true");
        assertThat(cli.findValuesAsText("included.client.audience")).containsExactly("coder-guardrails-api");
    }

    private JsonNode role(String name) {
        for (JsonNode role : realm.path("roles").path("realm")) {
            if (role.path("name").asText().equals(name)) {
                return role;
            }
        }
        throw new AssertionError("no realm role " + name);
    }

    private JsonNode client(String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (client.path("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("no client " + clientId);
    }

    private static List<String> names(JsonNode array, String field) {
        List<String> names = new ArrayList<>();
        array.forEach(node -> names.add(field == null ? node.asText() : node.path(field).asText()));
        return names;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                names.add(field.getKey());
                names.addAll(fieldNames(field.getValue()));
            });
        } else if (node.isArray()) {
            node.forEach(element -> names.addAll(fieldNames(element)));
        }
        return names;
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(REALM.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + REALM.toAbsolutePath(), e);
        }
    }
}
