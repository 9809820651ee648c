package io.ameide.coderguard.policyguard.policy;

/** One port of an allowlist entry: a protocol ({@code TCP}, {@code UDP} or {@code SCTP}) and a port number. */
public record AllowedPort(String protocol, int port) {

    @Override
    public String toString() {
        return protocol + "/" + port;
    }
}
