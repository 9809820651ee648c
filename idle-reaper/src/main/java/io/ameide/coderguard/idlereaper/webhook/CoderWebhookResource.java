package io.ameide.coderguard.idlereaper.webhook;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.ameide.coderguard.common.http.Problem;
import io.ameide.coderguard.common.webhook.CoderNotification;
import io.ameide.coderguard.common.webhook.DeliveryDeduplicator;
import io.ameide.coderguard.common.webhook.InvalidNotificationException;
import io.ameide.coderguard.common.webhook.NotificationParser;
import io.ameide.coderguard.idlereaper.config.ReaperSettings;
import io.ameide.coderguard.idlereaper.metrics.ReaperMetrics;

/**
 * Coder's notification webhook, behind {@link WebhookGate}. Coder posts unsigned JSON without custom headers, at least once and
 * once per
 * recipient; the path carries a secret, compared in constant time. A workspace notification becomes a
 * {@link WorkspaceHint} on the {@link WorkspaceHint#CHANNEL} channel; nothing is decided from the body.
 * <p>
 * Answers: 202 accepted or ignored, 200 for a duplicate, 400 (problem) for a body that is no notification, 404 for a
 * wrong secret or a webhook that is off, 413 for an oversized body, 503 when the hint queue is full, so that Coder
 * delivers again later and nothing is lost.
 */
@Path("/hooks/coder/{secret}")
@Singleton
public class CoderWebhookResource {

    private static final Logger LOG = Logger.getLogger(CoderWebhookResource.class);

    private final WebhookGate gate;
    private final DeliveryDeduplicator deduplicator;
    private final ReaperMetrics metrics;

    @Inject
    @Channel(WorkspaceHint.CHANNEL)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = WorkspaceHint.BUFFER)
    Emitter<WorkspaceHint> hints;

    CoderWebhookResource(ReaperSettings settings, WebhookGate gate, Clock clock, ReaperMetrics metrics) {
        this.gate = gate;
        this.deduplicator = new DeliveryDeduplicator(settings.config().webhook().dedupeWindow(),
                settings.config().webhook().dedupeCapacity(), clock);
        this.metrics = metrics;
        if (!gate.on()) {
            LOG.info("Coder webhook is off: set idle-reaper.webhook.secret-file to receive Coder's notifications");
        }
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@PathParam("secret") String secret, @HeaderParam("X-Message-Id") String messageId, byte[] body) {
        // WebhookGate refused wrong secrets and announced oversized bodies before the body was read; a chunked body
        // has no length to announce, so its size is known only now.
        if (!gate.opens(secret)) {
            return gate.refused("unknown", Response.Status.NOT_FOUND, "path", "no webhook here");
        }
        if (body == null || body.length > gate.maxBodyBytes()) {
            return gate.tooLarge();
        }
        CoderNotification notification;
        try {
            notification = NotificationParser.parse(body, messageId);
        } catch (InvalidNotificationException e) {
            return gate.refused("invalid", Response.Status.BAD_REQUEST, e.field(), e.getMessage());
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
        Optional<WorkspaceHint> hint = notification.kind().aboutWorkspace() ? WorkspaceHint.of(notification) : Optional.empty();
        if (hint.isEmpty()) {
            metrics.webhook(notification.kind().tag(), "ignored");
            return Response.accepted(Map.of("outcome", "ignored")).build();
        }
        try {
            hints.send(hint.get());
        } catch (RuntimeException e) {
            // Refused after all: Coder delivers it again with the same id, which must then count as the first delivery.
            deduplicator.forget(notification.msgId());
            metrics.webhook(notification.kind().tag(), "overloaded");
            LOG.warnf("Coder notification not queued, the hint queue is full; Coder will deliver it again: msg_id=%s",
                    notification.msgId());
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "60")
                    .type(Problem.MEDIA_TYPE).entity(new Problem("about:blank", "Service Unavailable", 503,
                            "the hint queue is full; deliver again later", null))
                    .build();
        }
        metrics.webhook(notification.kind().tag(), "accepted");
        LOG.debugf("Coder notification accepted: msg_id=%s kind=%s", notification.msgId(), notification.kind().tag());
        return Response.accepted(Map.of("outcome", "accepted")).build();
    }
}
