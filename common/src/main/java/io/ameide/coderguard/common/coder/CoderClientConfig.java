package io.ameide.coderguard.common.coder;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Coder.
 *
 * @param baseUrl Coder's access URL, e.g. {@code https://coder.dev.ameide.io}; the client appends {@code /api/v2/…}
 * @param connectTimeout the bound on opening a connection
 * @param requestTimeout the bound on one exchange, from sending to the whole response read
 * @param maxResponseBytes the largest response body read; a larger one fails the call rather than the service's memory
 */
public record CoderClientConfig(URI baseUrl, CoderToken token, Duration connectTimeout, Duration requestTimeout,
        RetryPolicy retry, int maxResponseBytes) {

    /** 32 MiB: a page of 100 workspaces is about 300 KiB, so only a broken or hostile answer comes near. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

    public CoderClientConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(retry, "retry");
        if (baseUrl.getScheme() == null || !(baseUrl.getScheme().equals("http") || baseUrl.getScheme().equals("https"))) {
            throw new IllegalArgumentException("Coder's URL must be http or https, was " + baseUrl);
        }
        if (maxResponseBytes < 1024) {
            throw new IllegalArgumentException("maxResponseBytes must be at least 1024, was " + maxResponseBytes);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("Coder timeouts must be positive");
        }
    }

    public CoderClientConfig(URI baseUrl, CoderToken token, Duration connectTimeout, Duration requestTimeout,
            RetryPolicy retry) {
        this(baseUrl, token, connectTimeout, requestTimeout, retry, DEFAULT_MAX_RESPONSE_BYTES);
    }

    public static CoderClientConfig of(URI baseUrl, CoderToken token) {
        return new CoderClientConfig(baseUrl, token, Duration.ofSeconds(5), Duration.ofSeconds(30), RetryPolicy.DEFAULT);
    }
}
