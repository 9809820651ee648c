package io.ameide.coderguard.templatesync.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.ameide.coderguard.common.http.Problem;
import io.ameide.coderguard.common.webhook.CoderNotification;
import io.ameide.coderguard.common.webhook.DeliveryDeduplicator;
import io.ameide.coderguard.common.webhook.InvalidNotificationException;
import io.ameide.coderguard.common.webhook.NotificationKind;
import io.ameide.coderguard.common.webhook.NotificationParser;
import io.ameide.coderguard.templatesync.config.SyncSettings;
import io.ameide.coderguard.templatesync.kubernetes.TemplateCluster;
import io.ameide.coderguard.templatesync.metrics.SyncMetrics;

/**
 * Coder's notification webhook, taken as a hint: a template was deleted or deprecated, so its CoderTemplate is looked at
 * again now instead of at the next resync. Nothing is decided from the body; Coder is read afresh. Coder posts unsigned
 * JSON without custom headers, at least once and once per recipient; the path carries a secret, compared in constant
 * time.
 * <p>
 * Answers: 202 accepted or ignored, 200 for a duplicate, 400 (problem) for a body that is no notification, 404 for a
 * wrong secret or a webhook that is off, 413 for an oversized body.
 */
@Path("/hooks/coder/{secret}")
@Singleton
public class CoderWebhookResource {

    private static final Logger LOG = Logger.getLogger(CoderWebhookResource.class);

    private final Optional<byte[]> secretDigest;
    private final int maxBodyBytes;
    private final DeliveryDeduplicator deduplicator;
    private final SyncMetrics metrics;
    private final TemplateCluster cluster;

    CoderWebhookResource(SyncSettings settings, Clock clock, SyncMetrics metrics, TemplateCluster cluster) {
        this.secretDigest = settings.webhookSecret().map(CoderWebhookResource::digest);
        this.maxBodyBytes = settings.config().webhook().maxBodyBytes();
        this.deduplicator = new DeliveryDeduplicator(settings.config().webhook().dedupeWindow(),
                settings.config().webhook().dedupeCapacity(), clock);
        this.metrics = metrics;
        this.cluster = cluster;
        if (secretDigest.isEmpty()) {
            LOG.info("Coder webhook is off: set template-sync.webhook.secret-file to receive Coder's notifications");
        }
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@PathParam("secret") String secret, @HeaderParam("X-Message-Id") String messageId,
            byte[] body) {
        if (secretDigest.isEmpty() || !MessageDigest.isEqual(secretDigest.get(), digest(secret))) {
            return refused("unknown", Response.Status.NOT_FOUND, "path", "no webhook here");
        }
        if (body == null || body.length > maxBodyBytes) {
            return refused("oversized", Response.Status.REQUEST_ENTITY_TOO_LARGE, "body",
                    "the body must be at most " + maxBodyBytes + " bytes");
        }
        CoderNotification notification;
        try {
            notification = NotificationParser.parse(body, messageId);
        } catch (InvalidNotificationException e) {
            return refused("invalid", Response.Status.BAD_REQUEST, e.field(), e.getMessage());
        }

        MDC.put("delivery_id", notification.msgId());
        try {
            return accept(notification);
        } finally {
            MDC.remove("delivery_id");
        }
    }

    private Response accept(CoderNotification notification) {
        if (!deduplicator.firstDelivery(notification.msgId())) {
            metrics.webhook(notification.kind().tag(), "duplicate");
            return Response.ok(Map.of("outcome", "duplicate")).build();
        }
        Optional<String> template = templateName(notification);
        if (template.isEmpty() || cluster.controller().isEmpty()) {
            metrics.webhook(notification.kind().tag(), "ignored");
            return Response.accepted(Map.of("outcome", "ignored")).build();
        }
        int found = cluster.controller().get().enqueueTemplateNamed(template.get());
        metrics.webhook(notification.kind().tag(), found > 0 ? "accepted" : "ignored");
        LOG.debugf("Coder notification about a template: kind=%s template=%s watched=%d", notification.kind().tag(),
                template.get(), found);
        return Response.accepted(Map.of("outcome", found > 0 ? "accepted" : "ignored")).build();
    }

    /** The template a template notification names: {@code name} for a deletion, {@code template} for a deprecation. */
    static Optional<String> templateName(CoderNotification notification) {
        if (notification.kind() == NotificationKind.TEMPLATE_DELETED) {
            return Optional.ofNullable(notification.labels().get("name"));
        }
        if (notification.kind() == NotificationKind.TEMPLATE_DEPRECATED) {
            return Optional.ofNullable(notification.labels().get("template"));
        }
        return Optional.empty();
    }

    private Response refused(String outcome, Response.Status status, String field, String detail) {
        metrics.webhook("unknown", outcome);
        return Problem.of(status, detail, field).build();
    }

    /** Comparing digests keeps the comparison's time independent of both the secret's and the guess's length. */
    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
