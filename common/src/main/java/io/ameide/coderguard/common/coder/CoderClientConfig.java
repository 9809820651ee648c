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
 */
public record CoderClientConfig(URI baseUrl, CoderToken token, Duration connectTimeout, Duration requestTimeout,
        RetryPolicy retry) {

    public CoderClientConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(retry, "retry");
        if (baseUrl.getScheme() == null || !(baseUrl.getScheme().equals("http") || baseUrl.getScheme().equals("https"))) {
            throw new IllegalArgumentException("Coder's URL must be http or https, was " + baseUrl);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("Coder timeouts must be positive");
        }
    }

    public static CoderClientConfig of(URI baseUrl, CoderToken token) {
        return new CoderClientConfig(baseUrl, token, Duration.ofSeconds(5), Duration.ofSeconds(30), RetryPolicy.DEFAULT);
    }
}
