package io.ameide.coderguard.common.security;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the service at the shared test Keycloak, starting it if no test class has yet. */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.oidc.tenant-enabled", "true",
                "quarkus.oidc.auth-server-url", KeycloakServer.shared().realmUrl().toString());
    }

    @Override
    public void stop() {
        // Shared with the other test classes; it stops when the test JVM ends.
    }
}
