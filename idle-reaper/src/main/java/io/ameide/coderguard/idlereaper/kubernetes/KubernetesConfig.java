package io.ameide.coderguard.idlereaper.kubernetes;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.ameide.coderguard.common.config.LeaseTimings;
import io.ameide.coderguard.common.config.StrictConverters;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/**
 * The Kubernetes side of the idle-reaper, under {@code idle-reaper.kubernetes} in {@link
 * io.ameide.coderguard.idlereaper.config.ReaperConfig}: which workspace pods it watches, and
 * whether it looks at a cluster at all. Off by default, so that the service, its tests and {@code ./run-sandbox} never
 * reach for a cluster unless told to. How to reach the cluster is Quarkus' {@code quarkus.kubernetes-client.*} (in a
 * pod: its ServiceAccount).
 */
public interface KubernetesConfig {

    /**
     * Watch workspace pods, record Events on workspace Deployments and report orphan pods. Needs RBAC to list and watch
     * pods, ReplicaSets and Deployments, and to create and patch Events, in the watched namespaces.
     */
    @WithDefault("false")
    @WithConverter(StrictConverters.StrictBoolean.class)
    boolean enabled();

    /** The namespaces holding workspaces; none means every namespace (which needs a ClusterRole). */
    Optional<List<String>> namespaces();

    /**
     * The label selector of workspace pods, applied to their ReplicaSets and Deployments as well; it bounds what the
     * reaper keeps in memory. Coder's Kubernetes and envbuilder templates put {@code app.kubernetes.io/name=coder-workspace}
     * on all three.
     */
    @WithDefault("app.kubernetes.io/name=coder-workspace")
    String selector();

    /**
     * How many complete sweeps in a row must find a running pod's workspace not running in Coder before the pod is
     * reported as an orphan. One sweep is not enough: a workspace being started has its pod before Coder calls it
     * running.
     */
    @WithDefault("2")
    int orphanConfirmations();

    /**
     * How long after its creation a WorkspaceExemption may last at most, whatever its {@code expiresAt} says: an
     * exemption is a stopgap, and one that outlives this must be written again, with a fresh reason.
     */
    @WithDefault("7d")
    @WithConverter(StrictConverters.DurationWithUnit.class)
    Duration exemptionMaxLifetime();

    /** Leader election among replicas: only the holder of the Lease stops workspaces. */
    Lease lease();

    interface Lease extends LeaseTimings {

        /** The namespace of the Lease; by default the namespace the client works in (in a pod: the pod's). */
        Optional<String> namespace();

        /** The Lease's name, shared by every replica. */
        @WithDefault("idle-reaper")
        String name();
    }
}
