package io.ameide.coderguard.common.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Remembers the message ids seen within a window, so that each Coder notification is acted on once although Coder
 * delivers at least once: it retries a failed delivery up to 5 times, 5 minutes apart by default, and sends one
 * delivery per recipient. Bounded in both time and count: the oldest ids are forgotten first.
 */
public final class DeliveryDeduplicator {

    private final Duration window;
    private final int capacity;
    private final Clock clock;
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    public DeliveryDeduplicator(Duration window, int capacity, Clock clock) {
        if (window.isNegative() || window.isZero() || capacity < 1) {
            throw new IllegalArgumentException("the window must be positive and the capacity at least 1");
        }
        this.window = window;
        this.capacity = capacity;
        this.clock = clock;
    }

    /**
     * True the first time an id is offered within the window, false for every repeat. Ids are compared ignoring case, as
     * the same UUID in capitals is the same message.
     */
    public synchronized boolean firstDelivery(String msgId) {
        Instant now = clock.instant();
        forgetExpired(now);
        String key = msgId.toLowerCase(Locale.ROOT);
        if (seen.containsKey(key)) {
            return false;
        }
        seen.put(key, now);
        if (seen.size() > capacity) {
            Iterator<String> oldest = seen.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    /**
     * Forgets an id offered before, so that its next delivery counts as the first: for a delivery that was refused after
     * all (say, with 503), which the sender will make again.
     */
    public synchronized void forget(String msgId) {
        seen.remove(msgId.toLowerCase(Locale.ROOT));
    }

    public synchronized int size() {
        return seen.size();
    }

    private void forgetExpired(Instant now) {
        Instant cutoff = now.minus(window);
        Iterator<Map.Entry<String, Instant>> entries = seen.entrySet().iterator();
        while (entries.hasNext() && entries.next().getValue().isBefore(cutoff)) {
            entries.remove();
        }
    }
}
