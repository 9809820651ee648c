package io.ameide.coderguard.common.coder;

import java.util.Optional;
import java.util.OptionalLong;

import io.ameide.coderguard.common.coder.model.CoderError;

/**
 * A Coder call that did not succeed, after any retries. The message carries Coder's own words (its error body's
 * {@code message}, {@code detail} and {@code validations}) and never the token.
 */
public class CoderApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient CoderEndpoint endpoint;
    private final int status;
    private final transient CoderError error;
    /** Seconds Coder asked to wait (429's Retry-After); read by the client's retry loop. */
    transient OptionalLong retryAfter = OptionalLong.empty();

    public CoderApiException(CoderEndpoint endpoint, int status, CoderError error, Throwable cause) {
        super(describe(endpoint, status, error, cause), cause);
        this.endpoint = endpoint;
        this.status = status;
        this.error = error;
    }

    public CoderEndpoint endpoint() {
        return endpoint;
    }

    /** The HTTP status, or 0 when Coder did not answer at all. */
    public int status() {
        return status;
    }

    public Optional<CoderError> error() {
        return Optional.ofNullable(error);
    }

    /** Worth trying again later: no answer, a timeout, 429 (rate limited) or a 5xx. */
    public boolean isTransient() {
        return isTransientStatus(status);
    }

    /**
     * Coder's 409. On a build it means another build of the workspace is active: retry later, once it has finished; it is
     * not a failure.
     */
    public boolean isConflict() {
        return status == 409;
    }

    static boolean isTransientStatus(int status) {
        return status == 0 || status == 408 || status == 429 || status >= 500;
    }

    private static String describe(CoderEndpoint endpoint, int status, CoderError error, Throwable cause) {
        String answer = status == 0 ? "no answer" : "status " + status;
        String why = error != null
                ? error.describe()
                : cause != null
                        ? cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
                        : "no error body";
        return "Coder " + endpoint + " failed with " + answer + ": " + why;
    }
}
