package io.ameide.coderguard.idlereaper.security;

import java.util.Map;

import io.ameide.coderguard.sandbox.SandboxTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Makes a key pair, has the service trust its public half instead of Keycloak, and hands the test its signer. */
public class LocalKeyResource implements QuarkusTestResourceLifecycleManager {

    private final SandboxTokens tokens = new SandboxTokens();

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.oidc.tenant-enabled", "true", "quarkus.oidc.public-key", tokens.publicKey());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(tokens, new TestInjector.MatchesType(SandboxTokens.class));
    }

    @Override
    public void stop() {
    }
}
