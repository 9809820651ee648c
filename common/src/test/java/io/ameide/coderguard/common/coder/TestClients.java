package io.ameide.coderguard.common.coder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import io.ameide.coderguard.common.coder.contract.ScriptedCoderServer;

/** Clients aimed at a {@link ScriptedCoderServer}, with waits short enough for a fast suite. */
final class TestClients {

    /** Shaped like a real token: a ten-character id, a dash, a secret. */
    static final String TOKEN = "k3Jx9QvT2a-Zr8mW4pLs7nYc1dHf6bGe";
    static final RetryPolicy QUICK_RETRY = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20));
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private TestClients() {
    }

    static CoderClient client(ScriptedCoderServer coder) {
        return client(coder, QUICK_RETRY, REQUEST_TIMEOUT, RandomGenerator.getDefault());
    }

    static CoderClient client(ScriptedCoderServer coder, RetryPolicy retry) {
        return client(coder, retry, REQUEST_TIMEOUT, RandomGenerator.getDefault());
    }

    static CoderClient client(ScriptedCoderServer coder, RetryPolicy retry, Duration requestTimeout,
            RandomGenerator random) {
        CoderClientConfig config = new CoderClientConfig(coder.baseUrl(), CoderToken.of(TOKEN), CONNECT_TIMEOUT,
                requestTimeout, retry);
        return new CoderClient(config, CoderCallListener.NONE, random);
    }

    /**
     * A random source that always picks the longest wait and remembers each cap it was asked for, so a test can
     * see the backoff the client chose without depending on chance.
     */
    static final class LongestWait implements RandomGenerator {

        private final List<Duration> caps = new ArrayList<>();

        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public synchronized long nextLong(long bound) {
            caps.add(Duration.ofNanos(bound - 1));
            return bound - 1;
        }

        synchronized List<Duration> caps() {
            return List.copyOf(caps);
        }
    }

    /** A random source that always picks no wait at all. */
    static final class NoWait implements RandomGenerator {

        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public long nextLong(long bound) {
            return 0;
        }
    }
}
