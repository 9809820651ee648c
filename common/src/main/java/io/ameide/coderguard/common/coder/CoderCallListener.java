package io.ameide.coderguard.common.coder;

import java.time.Duration;

/** Told of every HTTP exchange with Coder, retries included; the services count these as metrics. */
@FunctionalInterface
public interface CoderCallListener {

    CoderCallListener NONE = (endpoint, status, duration) -> {
    };

    /**
     * @param status the HTTP status, or 0 when no response arrived (timeout, refused connection)
     */
    void onCall(CoderEndpoint endpoint, int status, Duration duration);

    /** The status as a bounded metric label: {@code 2xx} … {@code 5xx}, or {@code none} without a response. */
    static String statusClass(int status) {
        return status <= 0 ? "none" : (status / 100) + "xx";
    }
}
