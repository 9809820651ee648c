package io.ameide.coderguard.policyguard.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.ameide.coderguard.common.config.LeaseTimings;
import io.ameide.coderguard.common.config.StrictConverters;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/** Every setting of policy-guard, under {@code policy-guard}. Each key is described in the README's config table. */
@ConfigMapping(prefix = "policy-guard")
public interface GuardConfig {

    /**
     * The policy document: a YAML file holding the policy, or the ConfigMap that carries it (GitOps mounts the ConfigMap
     * and points here). Read at startup and again at each resync; a policy that cannot be read stops startup, and a
     * broken update keeps the last good one.
     */
    Optional<Path> policyFile();

    /** How long a namespace must be quiet after a change before it is judged again: a burst of changes, one judgement. */
    @WithDefault("200ms")
    @WithConverter(StrictConverters.DurationWithUnit.class)
    Duration debounce();

    /** How often every workspace namespace is judged again whether or not anything changed. */
    @WithDefault("10m")
    @WithConverter(StrictConverters.DurationWithUnit.class)
    Duration resyncInterval();

    /**
     * The most results one PolicyReport holds; beyond it the most severe are kept, the summary still counts all, and the
     * report's annotation says how many were left out. Keeps a report well under the API server's object size limit.
     */
    @WithDefault("200")
    int reportMaxResults();

    /** Coder, asked for its workspaces to find orphan pods and volumes. Without a URL orphans are not judged. */
    Coder coder();

    /** The cluster: what is watched, and the Lease that elects the replica that writes. */
    Kubernetes kubernetes();

    interface Coder {

        /** Coder's base URL, e.g. {@code http://coder.coder.svc:80}. */
        Optional<URI> url();

        /** A file holding the Coder API token (a mounted Secret); preferred over {@code token}. */
        Optional<Path> tokenFile();

        /** The Coder API token itself, for local runs. */
        Optional<String> token();
    }

    interface Kubernetes {

        /** Watch workspace namespaces and write PolicyReports and Events. Off by default: nothing reaches for a cluster. */
        @WithDefault("false")
        @WithConverter(StrictConverters.StrictBoolean.class)
        boolean enabled();

        /** Leader election: only the holder of the Lease writes PolicyReports and Events. */
        Lease lease();

        interface Lease extends LeaseTimings {

            /** Take part in leader election on a Lease; off means this replica is the only one and always writes. */
            @WithDefault("false")
            @WithConverter(StrictConverters.StrictBoolean.class)
            boolean enabled();

            /** The Lease's namespace; required when election is on (policy-guard watches every namespace). */
            Optional<String> namespace();

            /** The Lease's name. */
            @WithDefault("policy-guard")
            String name();
        }
    }
}
