package io.ameide.coderguard.common.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class DeliveryDeduplicatorTest {

    private final MovableClock clock = new MovableClock();

    @Test
    void acceptsAMessageOnceWithinTheWindow() {
        DeliveryDeduplicator deduplicator = new DeliveryDeduplicator(Duration.ofMinutes(30), 100, clock);

        assertThat(deduplicator.firstDelivery("a")).isTrue();
        clock.advance(Duration.ofMinutes(29));
        assertThat(deduplicator.firstDelivery("a")).isFalse();
        assertThat(deduplicator.firstDelivery("b")).isTrue();
    }

    @Test
    void forgetsMessagesOlderThanTheWindow() {
        DeliveryDeduplicator deduplicator = new DeliveryDeduplicator(Duration.ofMinutes(30), 100, clock);
        deduplicator.firstDelivery("a");

        clock.advance(Duration.ofMinutes(31));

        assertThat(deduplicator.firstDelivery("a")).isTrue();
        assertThat(deduplicator.size()).isEqualTo(1);
    }

    @Test
    void forgetsTheOldestMessagesBeyondItsCapacity() {
        DeliveryDeduplicator deduplicator = new DeliveryDeduplicator(Duration.ofMinutes(30), 2, clock);
        deduplicator.firstDelivery("a");
        deduplicator.firstDelivery("b");
        deduplicator.firstDelivery("c");

        assertThat(deduplicator.size()).isEqualTo(2);
        assertThat(deduplicator.firstDelivery("b")).isFalse();
        assertThat(deduplicator.firstDelivery("a")).isTrue();
    }

    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-12-04T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void takesTheSameIdInCapitalsForARepeat() {
        DeliveryDeduplicator deduplicator = new DeliveryDeduplicator(Duration.ofHours(1), 10, Clock.systemUTC());

        deduplicator.firstDelivery("5f2b8c1e-0a4d-4b7e-9c3f-1d2e3f4a5b6c");

        assertThat(deduplicator.firstDelivery("5F2B8C1E-0A4D-4B7E-9C3F-1D2E3F4A5B6C")).isFalse();
    }

    @Test
    void takesAForgottenIdForAFirstDeliveryAgain() {
        DeliveryDeduplicator deduplicator = new DeliveryDeduplicator(Duration.ofHours(1), 10, Clock.systemUTC());
        deduplicator.firstDelivery("5f2b8c1e-0a4d-4b7e-9c3f-1d2e3f4a5b6c");

        deduplicator.forget("5f2b8c1e-0a4d-4b7e-9c3f-1d2e3f4a5b6c");

        assertThat(deduplicator.firstDelivery("5f2b8c1e-0a4d-4b7e-9c3f-1d2e3f4a5b6c")).isTrue();
    }
}
