package io.ameide.coderguard.common.kubernetes.lease;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import io.ameide.coderguard.common.config.LeaseTimings;

/**
 * Where the replicas' Lease lives and how it is timed.
 *
 * @param namespace the namespace of the Lease, usually the reaper's own
 * @param name the Lease's name, e.g. the service's name
 * @param identity this replica's name in the Lease's {@code holderIdentity}; see {@link #identity(String, String)}
 * @param leaseDuration how long a follower waits after the holder's last renewal before it takes the Lease
 * @param renewDeadline how long the holder goes on acting after its last renewal; shorter than the lease duration, and
 *     the difference is the margin that keeps two replicas from acting at once
 * @param retryPeriod how often a follower tries to take the Lease and the holder renews it
 */
public record LeaseSettings(String namespace, String name, String identity, Duration leaseDuration,
        Duration renewDeadline, Duration retryPeriod) {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final SecureRandom RANDOM = new SecureRandom();

    public LeaseSettings {
        List<String> problems = problems(namespace, name, identity, leaseDuration, renewDeadline, retryPeriod);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid leader election settings: " + String.join("; ", problems));
        }
    }

    /** The settings of a Lease timed as a service's configuration says. */
    public static LeaseSettings of(String namespace, String name, String identity, LeaseTimings timings) {
        return new LeaseSettings(namespace, name, identity, timings.duration(), timings.renewDeadline(),
                timings.retryPeriod());
    }

    /**
     * A replica identity: the pod's name (Kubernetes puts it in {@code HOSTNAME}) and a random suffix, so that a pod
     * restarted under the same name is a new holder and never mistakes the Lease of its previous life for its own.
     * Without a pod name (a run outside Kubernetes), the service's name stands in for it.
     */
    public static String identity(String podName, String service) {
        byte[] suffix = new byte[4];
        RANDOM.nextBytes(suffix);
        String pod = podName == null || podName.isBlank() ? service : podName.strip();
        return pod + "-" + HexFormat.of().formatHex(suffix);
    }

    private static List<String> problems(String namespace, String name, String identity, Duration leaseDuration,
            Duration renewDeadline, Duration retryPeriod) {
        List<String> problems = new ArrayList<>();
        if (namespace == null || !DNS_LABEL.matcher(namespace).matches()) {
            problems.add("the Lease namespace must be a DNS label, got '" + namespace + "'");
        }
        if (name == null || !DNS_SUBDOMAIN.matcher(name).matches()) {
            problems.add("the Lease name must be a DNS subdomain, got '" + name + "'");
        }
        if (identity == null || identity.isBlank()) {
            problems.add("the replica identity must not be blank");
        }
        // The Lease stores whole seconds: a fraction would be cut off and silently eat into the safety margin.
        if (Objects.requireNonNull(leaseDuration, "leaseDuration").toMillis() < 1000 || leaseDuration.getNano() != 0) {
            problems.add("the lease duration must be whole seconds, at least 1s, got " + leaseDuration);
        }
        if (renewDeadline == null || renewDeadline.compareTo(leaseDuration) >= 0) {
            problems.add("the renew deadline must be shorter than the lease duration " + leaseDuration + ", got "
                    + renewDeadline);
        }
        if (retryPeriod == null || retryPeriod.isNegative() || retryPeriod.isZero()
                || (renewDeadline != null && retryPeriod.compareTo(renewDeadline) >= 0)) {
            problems.add("the retry period must be positive and shorter than the renew deadline " + renewDeadline
                    + ", got " + retryPeriod);
        }
        return problems;
    }
}
