package io.ameide.coderguard.policyguard.decision;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.VolumeMount;

/**
 * A container of any kind (container, init container, ephemeral container) seen the same way, so that no rule can forget
 * a kind: an ephemeral container attached for debugging runs with the pod's rights like any other.
 */
record PodContainer(String kind, String name, String image, SecurityContext securityContext, List<EnvVar> env,
        List<EnvFromSource> envFrom, ResourceRequirements resources, List<VolumeMount> volumeMounts) {

    static List<PodContainer> of(Pod pod) {
        PodSpec spec = pod.getSpec();
        List<PodContainer> all = new ArrayList<>();
        if (spec == null) {
            return all;
        }
        for (Container container : nonNull(spec.getInitContainers())) {
            all.add(of("initContainer", container));
        }
        for (Container container : nonNull(spec.getContainers())) {
            all.add(of("container", container));
        }
        for (EphemeralContainer container : nonNull(spec.getEphemeralContainers())) {
            all.add(new PodContainer("ephemeralContainer", container.getName(), container.getImage(),
                    container.getSecurityContext(), nonNull(container.getEnv()), nonNull(container.getEnvFrom()),
                    container.getResources(), nonNull(container.getVolumeMounts())));
        }
        return all;
    }

    private static PodContainer of(String kind, Container container) {
        return new PodContainer(kind, container.getName(), container.getImage(), container.getSecurityContext(),
                nonNull(container.getEnv()), nonNull(container.getEnvFrom()), container.getResources(),
                nonNull(container.getVolumeMounts()));
    }

    /** {@code initContainer setup-docker}: the kind and name, as findings name a container. */
    String label() {
        return kind + " " + name;
    }

    boolean mounts(String volume) {
        return volumeMounts.stream().anyMatch(mount -> volume.equals(mount.getName()));
    }

    static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
