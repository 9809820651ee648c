package io.ameide.coderguard.idlereaper.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * The collections HotSpot reports while it is open, each with the instant it began and how long it took, so
 * that a latency spike can be laid beside the pause that may have caused it. With G1 on Java 17 each reported
 * collection is a stop-the-world pause (its concurrent marking is not reported).
 */
final class GcPauses implements NotificationListener, AutoCloseable {

    /** One collection: when it began and how long it took. */
    record Pause(Instant start, Duration duration, String collector) {
    }

    private final Instant jvmStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    private final List<Pause> pauses = new ArrayList<>();

    private GcPauses() {
    }

    static GcPauses watch() {
        GcPauses watch = new GcPauses();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(watch, null, null);
            }
        }
        return watch;
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
                .from((CompositeData) notification.getUserData());
        Pause pause = new Pause(jvmStart.plusMillis(info.getGcInfo().getStartTime()),
                Duration.ofMillis(info.getGcInfo().getDuration()), info.getGcName());
        synchronized (pauses) {
            pauses.add(pause);
        }
    }

    List<Pause> all() {
        synchronized (pauses) {
            return List.copyOf(pauses);
        }
    }

    @Override
    public void close() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                try {
                    emitter.removeNotificationListener(this);
                } catch (ListenerNotFoundException e) {
                    // Never added to this one.
                }
            }
        }
    }
}
