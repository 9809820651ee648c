package io.ameide.coderguard.templatesync.kubernetes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;

/**
 * Writes what template-sync did and found as Kubernetes Events (core/v1) on the CoderTemplate, where
 * {@code kubectl describe codertemplate} and Argo CD show them. The same reason and message on the same object raise
 * the count of one Event instead of adding another, so a repeat (a restart, a second replica) adds no noise. A failure
 * to write is logged and counted, never thrown: Events describe, they do not decide.
 */
public final class TemplateEvents {

    static final String COMPONENT = "template-sync";
    private static final int MAX_MESSAGE = 1024;
    private static final Logger LOG = Logger.getLogger(TemplateEvents.class);

    private final KubernetesClient client;
    private final Clock clock;
    private final String instance;
    private final SyncListener listener;

    public TemplateEvents(KubernetesClient client, Clock clock, String instance, SyncListener listener) {
        this.client = client;
        this.clock = clock;
        this.instance = instance.length() > 128 ? instance.substring(0, 128) : instance;
        this.listener = listener;
    }

    public void record(CoderTemplate template, EventReason reason, String message) {
        try {
            listener.event(reason, createOrCount(template, reason, bounded(message)));
        } catch (RuntimeException e) {
            listener.event(reason, "failed");
            LOG.warnf("Event not written: reason=%s template=%s/%s cause=%s", reason.reason(),
                    template.getMetadata().getNamespace(), template.getMetadata().getName(), e.getMessage());
        }
    }

    private String createOrCount(CoderTemplate template, EventReason reason, String message) {
        String namespace = template.getMetadata().getNamespace();
        String name = eventName(template, reason, message);
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        Resource<Event> resource = client.v1().events().inNamespace(namespace).withName(name);
        Event existing = resource.get();
        if (existing == null) {
            try {
                client.v1().events().inNamespace(namespace).resource(newEvent(template, reason, message, name, now))
                        .create();
                return "created";
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                existing = resource.get();
                if (existing == null) {
                    throw e;
                }
            }
        }
        Event counted = new EventBuilder(existing)
                .withCount(existing.getCount() == null ? 2 : existing.getCount() + 1)
                .withLastTimestamp(now)
                .build();
        client.v1().events().inNamespace(namespace).resource(counted).update();
        return "updated";
    }

    private Event newEvent(CoderTemplate template, EventReason reason, String message, String name, String now) {
        return new EventBuilder()
                .withNewMetadata()
                .withNamespace(template.getMetadata().getNamespace())
                .withName(name)
                .addToLabels("app.kubernetes.io/managed-by", COMPONENT)
                .endMetadata()
                .withInvolvedObject(target(template))
                .withReason(reason.reason())
                .withType(reason.type())
                .withMessage(message)
                .withCount(1)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .withReportingInstance(instance)
                .build();
    }

    static ObjectReference target(CoderTemplate template) {
        return new ObjectReferenceBuilder()
                .withApiVersion(CoderTemplate.GROUP + "/" + CoderTemplate.VERSION)
                .withKind("CoderTemplate")
                .withNamespace(template.getMetadata().getNamespace())
                .withName(template.getMetadata().getName())
                .withUid(template.getMetadata().getUid())
                .build();
    }

    /** The object's name, then a digest of what makes the Event the same one: the object, the reason, the message. */
    static String eventName(CoderTemplate template, EventReason reason, String message) {
        String key = template.getMetadata().getUid() + "/" + reason.reason() + "/" + message;
        String prefix = template.getMetadata().getName();
        prefix = prefix.length() > 200 ? prefix.substring(0, 200) : prefix;
        return prefix + "." + digest(key).substring(0, 16);
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String bounded(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 3) + "...";
    }
}
