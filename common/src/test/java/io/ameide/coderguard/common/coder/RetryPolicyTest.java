package io.ameide.coderguard.common.coder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

import io.ameide.coderguard.common.coder.TestClients.LongestWait;
import io.ameide.coderguard.common.coder.TestClients.NoWait;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(1));

    @Test
    void theCapDoublesWithEachRetryUntilTheMaximum() {
        assertThat(policy.cap(2)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.cap(3)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.cap(4)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.cap(5)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.cap(6)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.cap(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theDelayLiesBetweenZeroAndTheCap() {
        RandomGenerator random = new SplittableRandom(42);

        for (int attempt = 2; attempt <= 8; attempt++) {
            for (int draw = 0; draw < 200; draw++) {
                assertThat(policy.delayBefore(attempt, random)).isBetween(Duration.ZERO, policy.cap(attempt));
            }
        }
    }

    @Test
    void theDelayReachesBothEndsOfItsRange() {
        assertThat(policy.delayBefore(4, new NoWait())).isEqualTo(Duration.ZERO);
        assertThat(policy.delayBefore(4, new LongestWait())).isEqualTo(Duration.ofMillis(400));
    }

    @Test
    void noRetryMeansOneAttemptWithoutWaiting() {
        assertThat(RetryPolicy.NONE.maxAttempts()).isEqualTo(1);
        assertThat(RetryPolicy.NONE.delayBefore(2, new LongestWait())).isEqualTo(Duration.ZERO);
    }

    @Test
    void refusesANonsensicalPolicy() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initialDelay");
    }
}
