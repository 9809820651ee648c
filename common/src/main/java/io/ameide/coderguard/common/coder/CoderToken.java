package io.ameide.coderguard.common.coder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A Coder session token. It is sent only in the {@code Coder-Session-Token} header and never printed: {@link #toString()}
 * masks it, so a token that ends up in a log line by accident shows as {@code ****}.
 */
public final class CoderToken {

    private final String value;

    private CoderToken(String value) {
        this.value = value;
    }

    public static CoderToken of(String value) {
        Objects.requireNonNull(value, "token");
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("the Coder token is empty");
        }
        // An HTTP header carries only visible ASCII; the message must not echo the value, which is a secret.
        if (!trimmed.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("the Coder token holds characters an HTTP header cannot carry (spaces, line"
                    + " breaks or non-ASCII); check the token file");
        }
        return new CoderToken(trimmed);
    }

    /** Reads a token from a file, as mounted from a Kubernetes Secret; the trailing newline that editors add is dropped. */
    public static CoderToken fromFile(Path file) {
        try {
            return of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Coder token file " + file, e);
        }
    }

    String value() {
        return value;
    }

    @Override
    public String toString() {
        return "****";
    }
}
