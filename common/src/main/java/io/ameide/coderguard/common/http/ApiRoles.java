package io.ameide.coderguard.common.http;

/**
 * The realm roles of Keycloak's {@code coder-guardrails} realm that the HTTP API checks, as they appear in a token's
 * {@code realm_access.roles}. Shared by every guardrail service, so they are fixed names, not settings; the realm is
 * {@code deploy/keycloak/realm-coder-guardrails.json}.
 */
public final class ApiRoles {

    /** May read: decision records, upcoming stops. */
    public static final String VIEWER = "guardrails-viewer";

    /** May also change state, such as starting a sweep now. The realm makes it include the viewer role. */
    public static final String ADMIN = "guardrails-admin";

    private ApiRoles() {
    }
}
