package io.ameide.coderguard.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Collectors;

/**
 * Access tokens signed with a throwaway key pair made on the spot, for a service told to trust that key's public half
 * through {@code quarkus.oidc.public-key} instead of a Keycloak realm: how {@code ./run-sandbox} keeps the services'
 * API checks on without a Keycloak. The tokens carry what the services check in Keycloak's: the audience and
 * {@code realm_access.roles}. The private key lives only in this object, in memory. Not for anything but local runs
 * and tests: in the cluster the services trust Keycloak.
 */
public final class SandboxTokens {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final KeyPair keys;

    public SandboxTokens() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as {@code quarkus.oidc.public-key} takes it: the Base64 of its X.509 encoding. */
    public String publicKey() {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /** A token for {@code username} with the given realm roles, valid for {@code lifetime}. */
    public String token(String username, Duration lifetime, String... roles) {
        return token(username, Instant.now(), lifetime, roles);
    }

    /** A token issued at {@code now}: in the past, to make one that has expired. */
    public String token(String username, Instant now, Duration lifetime, String... roles) {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = String.format("{\"iss\":\"local\",\"sub\":\"%s\",\"preferred_username\":\"%s\","
                + "\"aud\":\"coder-guardrails-api\",\"iat\":%d,\"exp\":%d,\"realm_access\":{\"roles\":[%s]}}", username,
                username, now.getEpochSecond(), now.plus(lifetime).getEpochSecond(),
                Arrays.stream(roles).map(role -> "\"" + role + "\"").collect(Collectors.joining(",")));
        String signed = encode(header) + "." + encode(claims);
        return signed + "." + URL.encodeToString(sign(signed));
    }

    private byte[] sign(String content) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update(content.getBytes(StandardCharsets.US_ASCII));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String json) {
        return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
