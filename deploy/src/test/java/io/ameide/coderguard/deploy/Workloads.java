package io.ameide.coderguard.deploy;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/** The pod specs that rendered objects would run, wherever a kind keeps its pod template. */
final class Workloads {

    private Workloads() {
    }

    /** A pod spec and the path to it in its object, for findings that say where to look. */
    record PodOf(String object, String path, PodSpec spec) {

        /** Containers and init containers, each with its path. */
        Stream<ContainerAt> containers() {
            return Stream.concat(at(spec.getInitContainers(), "initContainers"), at(spec.getContainers(), "containers"));
        }

        private Stream<ContainerAt> at(List<Container> containers, String field) {
            return containers == null
                    ? Stream.empty()
                    : containers.stream().map(container -> new ContainerAt(path + "." + field + "[" + container.getName() + "]",
                            container));
        }
    }

    record ContainerAt(String path, Container container) {
    }

    static List<PodOf> pods(List<HasMetadata> objects) {
        return objects.stream().flatMap(object -> podSpec(object).stream()).toList();
    }

    static Optional<PodOf> podSpec(HasMetadata object) {
        String name = object.getKind() + " " + object.getMetadata().getName();
        String template = "spec.template.spec";
        if (object instanceof Pod pod) {
            return Optional.of(new PodOf(name, "spec", pod.getSpec()));
        } else if (object instanceof Deployment deployment) {
            return Optional.of(new PodOf(name, template, deployment.getSpec().getTemplate().getSpec()));
        } else if (object instanceof StatefulSet set) {
            return Optional.of(new PodOf(name, template, set.getSpec().getTemplate().getSpec()));
        } else if (object instanceof DaemonSet set) {
            return Optional.of(new PodOf(name, template, set.getSpec().getTemplate().getSpec()));
        } else if (object instanceof ReplicaSet set) {
            return Optional.of(new PodOf(name, template, set.getSpec().getTemplate().getSpec()));
        } else if (object instanceof Job job) {
            return Optional.of(new PodOf(name, template, job.getSpec().getTemplate().getSpec()));
        } else if (object instanceof CronJob job) {
            return Optional.of(new PodOf(name, "spec.jobTemplate.spec.template.spec",
                    job.getSpec().getJobTemplate().getSpec().getTemplate().getSpec()));
        }
        return Optional.empty();
    }
}
