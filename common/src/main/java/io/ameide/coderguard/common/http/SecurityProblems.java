package io.ameide.coderguard.common.http;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Answers a refused API call as an RFC 9457 problem instead of Quarkus' empty 401 and 403: no token or a token that is
 * not accepted is 401 with the {@code WWW-Authenticate: Bearer} challenge of RFC 6750, a valid token without the role
 * is 403 naming the roles that would do. Why a token was refused (expired, wrong signature, wrong audience) stays in
 * the service's debug log, so that a caller cannot probe the verification.
 */
public class SecurityProblems {

    private static final String CHALLENGE = "Bearer realm=\"coder-guardrails\"";

    @ServerExceptionMapper
    public Response missingToken(UnauthorizedException e, HttpHeaders headers) {
        return unauthorized(headers);
    }

    @ServerExceptionMapper
    public Response refusedToken(AuthenticationFailedException e, HttpHeaders headers) {
        return unauthorized(headers);
    }

    @ServerExceptionMapper
    public Response missingRole(ForbiddenException e, SimpleResourceInfo resource) {
        String detail = requiredRoles(resource)
                .map(roles -> roles.size() == 1
                        ? "this call needs a token with the realm role " + roles.get(0)
                        : "this call needs a token with one of the realm roles " + String.join(", ", roles))
                .orElse("this call is not open to the roles in the token");
        return Problem.of(Response.Status.FORBIDDEN, detail, null).build();
    }

    private static Response unauthorized(HttpHeaders headers) {
        boolean presented = headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null;
        String detail = presented
                ? "the bearer token was not accepted: it must be a current access token of Keycloak's coder-guardrails"
                        + " realm, issued for coder-guardrails-api"
                : "this call needs an access token of Keycloak's coder-guardrails realm, sent as Authorization: Bearer";
        String challenge = presented ? CHALLENGE + ", error=\"invalid_token\"" : CHALLENGE;
        return Problem.of(Response.Status.UNAUTHORIZED, detail, null).header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .build();
    }

    /** The roles named on the resource method, else on its class; a path permission alone names none here. */
    private static Optional<List<String>> requiredRoles(SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null) {
            return Optional.empty();
        }
        Class<?> type = resource.getResourceClass();
        RolesAllowed allowed = type.getAnnotation(RolesAllowed.class);
        try {
            Method method = type.getDeclaredMethod(resource.getMethodName(), resource.parameterTypes());
            allowed = Optional.ofNullable(method.getAnnotation(RolesAllowed.class)).orElse(allowed);
        } catch (NoSuchMethodException e) {
            // Inherited from a superclass: the class's annotation is the best answer there is.
        }
        return Optional.ofNullable(allowed).map(a -> List.of(a.value()));
    }
}
