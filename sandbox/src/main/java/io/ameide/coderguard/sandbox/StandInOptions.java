package io.ameide.coderguard.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How to start a {@link CoderStandIn}. Start from {@link #defaults()} and change what the test needs.
 *
 * @param port the loopback port to listen on; 0 picks a free one
 * @param token the session token clients must present; Coder's tokens look like {@code <10-char id>-<secret>}
 * @param clock the source of every timestamp the stand-in writes
 * @param provisioners how many jobs run at once; Coder CE starts 3 built-in provisioners
 *     ({@code CODER_PROVISIONER_DAEMONS}), so a burst of stops queues
 * @param jobDuration how long each provisioner job runs before it completes; 0 completes jobs as soon as a
 *     provisioner takes them
 * @param activityInterval how often workspaces marked active get their {@code last_used_at} bumped; Coder's
 *     agents report stats every 30 s
 * @param threads the HTTP worker threads
 * @param username the user the token belongs to: the initiator of builds and {@code me} in searches
 * @param version what {@code GET /api/v2/buildinfo} reports
 */
public record StandInOptions(int port, String token, Clock clock, int provisioners, Duration jobDuration,
        Duration activityInterval, int threads, String username, String version) {

    private static final String TOKEN_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    public StandInOptions {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(jobDuration, "jobDuration");
        Objects.requireNonNull(activityInterval, "activityInterval");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(version, "version");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (token.isBlank() || provisioners < 0 || threads < 1) {
            throw new IllegalArgumentException("token must not be blank, provisioners negative, threads below 1");
        }
        if (jobDuration.isNegative() || activityInterval.isNegative() || activityInterval.isZero()) {
            throw new IllegalArgumentException("jobDuration must not be negative, activityInterval positive");
        }
    }

    /** An ephemeral port, a fresh random token, the system clock in UTC, 3 provisioners and 2 s per job. */
    public static StandInOptions defaults() {
        return new StandInOptions(0, randomToken(), Clock.systemUTC(), 3, Duration.ofSeconds(2),
                Duration.ofSeconds(30), 8, "admin", "v2.36.1-sandbox");
    }

    public StandInOptions withPort(int value) {
        return new StandInOptions(value, token, clock, provisioners, jobDuration, activityInterval, threads,
                username, version);
    }

    public StandInOptions withToken(String value) {
        return new StandInOptions(port, value, clock, provisioners, jobDuration, activityInterval, threads,
                username, version);
    }

    public StandInOptions withClock(Clock value) {
        return new StandInOptions(port, token, value, provisioners, jobDuration, activityInterval, threads,
                username, version);
    }

    public StandInOptions withProvisioners(int value) {
        return new StandInOptions(port, token, clock, value, jobDuration, activityInterval, threads,
                username, version);
    }

    public StandInOptions withJobDuration(Duration value) {
        return new StandInOptions(port, token, clock, provisioners, value, activityInterval, threads,
                username, version);
    }

    public StandInOptions withActivityInterval(Duration value) {
        return new StandInOptions(port, token, clock, provisioners, jobDuration, value, threads,
                username, version);
    }

    public StandInOptions withThreads(int value) {
        return new StandInOptions(port, token, clock, provisioners, jobDuration, activityInterval, value,
                username, version);
    }

    public StandInOptions withUsername(String value) {
        return new StandInOptions(port, token, clock, provisioners, jobDuration, activityInterval, threads,
                value, version);
    }

    /** A token in Coder's shape: a 10-character id, a dash, a 22-character secret. */
    static String randomToken() {
        return randomText(10) + "-" + randomText(22);
    }

    private static String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(TOKEN_ALPHABET.charAt(RANDOM.nextInt(TOKEN_ALPHABET.length())));
        }
        return text.toString();
    }

    @Override
    public String toString() {
        // The token stays out of logs.
        return "StandInOptions[port=" + port + ", provisioners=" + provisioners + ", jobDuration=" + jobDuration
                + ", activityInterval=" + activityInterval + ", threads=" + threads + ", username="
                + username + "]";
    }
}
