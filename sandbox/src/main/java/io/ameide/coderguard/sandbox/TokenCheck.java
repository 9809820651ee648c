package io.ameide.coderguard.sandbox;

import java.net.HttpCookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.vertx.core.MultiMap;

/**
 * Coder's session check ({@code httpmw.APITokenFromRequest}) for the one token the stand-in knows. Coder looks
 * for the token in the {@code coder_session_token} cookie, the {@code coder_session_token} query parameter, the
 * {@code Coder-Session-Token} header, an {@code Authorization: Bearer} header and the {@code access_token}
 * query parameter, in that order, and answers 401 with a fixed message when none holds a valid token.
 */
final class TokenCheck {

    /** Coder's fixed 401 message ({@code httpmw.SignedOutErrorMessage}); clients should match the status. */
    static final String SIGNED_OUT = "You are signed out or your session has expired."
            + " Please sign in again to continue.";
    static final String NO_TOKEN = "No session token was sent: set the Coder-Session-Token header.";
    static final String WRONG_TOKEN = "The session token is not known to this server.";

    private static final String COOKIE_AND_QUERY_NAME = "coder_session_token";
    private static final String BEARER = "Bearer ";

    private final byte[] expected;

    TokenCheck(String token) {
        this.expected = token.getBytes(StandardCharsets.UTF_8);
    }

    /** Why the request is refused, or empty when it carries the token. */
    Optional<String> refusal(MultiMap headers, Map<String, String> query) {
        String presented = presented(headers, query);
        if (presented == null || presented.isEmpty()) {
            return Optional.of(NO_TOKEN);
        }
        boolean valid = MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8));
        return valid ? Optional.empty() : Optional.of(WRONG_TOKEN);
    }

    private static String presented(MultiMap headers, Map<String, String> query) {
        String cookie = cookie(headers.getAll("Cookie"));
        if (cookie != null) {
            return cookie;
        }
        if (query.containsKey(COOKIE_AND_QUERY_NAME)) {
            return query.get(COOKIE_AND_QUERY_NAME);
        }
        String header = headers.get("Coder-Session-Token");
        if (header != null) {
            return header;
        }
        String authorization = headers.get("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length()).trim();
        }
        return query.get("access_token");
    }

    private static String cookie(List<String> cookieHeaders) {
        for (String header : cookieHeaders) {
            for (String pair : header.split(";")) {
                List<HttpCookie> parsed = parseQuietly(pair.trim());
                for (HttpCookie cookie : parsed) {
                    if (COOKIE_AND_QUERY_NAME.equals(cookie.getName())) {
                        return cookie.getValue();
                    }
                }
            }
        }
        return null;
    }

    private static List<HttpCookie> parseQuietly(String pair) {
        try {
            return HttpCookie.parse(pair);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }
}
