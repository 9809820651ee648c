package io.ameide.coderguard.idlereaper.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.ameide.coderguard.common.http.Problem;
import io.ameide.coderguard.idlereaper.config.ReaperSettings;
import io.ameide.coderguard.idlereaper.metrics.ReaperMetrics;

/**
 * The webhook's door: the secret path segment, compared in constant time, and the body limit. It is checked in a
 * pre-matching request filter ({@link Filter}), which RESTEasy runs before it reads a body, so that a sender who does not
 * know the secret, or announces a body over the limit, is refused before a byte of the body is buffered.
 */
@Singleton
public class WebhookGate {

    static final String PATH = "/hooks/coder/";

    private final Optional<byte[]> secretDigest;
    private final int maxBodyBytes;
    private final ReaperMetrics metrics;

    WebhookGate(ReaperSettings settings, ReaperMetrics metrics) {
        this.secretDigest = settings.webhookSecret().map(WebhookGate::digest);
        this.maxBodyBytes = settings.config().webhook().maxBodyBytes();
        this.metrics = metrics;
    }

    /** A refusal for a delivery to a wrong secret or with an announced body over the limit; empty for anything else. */
    Optional<Response> refuseEarly(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith(PATH) || path.indexOf('/', PATH.length()) >= 0) {
            return Optional.empty();
        }
        if (!opens(path.substring(PATH.length()))) {
            return Optional.of(refused("unknown", Response.Status.NOT_FOUND, "path", "no webhook here"));
        }
        if (request.getLength() > maxBodyBytes) {
            return Optional.of(tooLarge());
        }
        return Optional.empty();
    }

    /** Whether the webhook is on and {@code secret} is its secret. */
    boolean opens(String secret) {
        return secretDigest.isPresent() && MessageDigest.isEqual(secretDigest.get(), digest(secret));
    }

    boolean on() {
        return secretDigest.isPresent();
    }

    int maxBodyBytes() {
        return maxBodyBytes;
    }

    Response tooLarge() {
        return refused("oversized", Response.Status.REQUEST_ENTITY_TOO_LARGE, "body",
                "the body must be at most " + maxBodyBytes + " bytes");
    }

    /** A refused delivery, counted, as a problem naming what was wrong. */
    Response refused(String outcome, Response.Status status, String field, String detail) {
        metrics.webhook("unknown", outcome);
        Problem problem = new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, field);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** Comparing digests keeps the comparison's time independent of both the secret's and the guess's length. */
    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * The filter itself. RESTEasy creates it while it deploys, before the configuration can be read, so it finds the gate
     * at the first request rather than when it is made.
     */
    public static class Filter {

        @Inject
        Instance<WebhookGate> gate;

        @ServerRequestFilter(preMatching = true)
        public Optional<Response> refuseEarly(ContainerRequestContext request) {
            return gate.get().refuseEarly(request);
        }
    }
}
