package io.ameide.coderguard.policyguard.decision;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretProjection;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;

/**
 * One way a pod reaches a Secret: an env var, an envFrom, a secret volume or a projected volume source, in any
 * container kind. {@code keys} are the keys the route names (a secretKeyRef's key, a projection's items); never values.
 */
record SecretRoute(String secret, String via, List<String> keys) {

    static List<SecretRoute> of(Pod pod) {
        List<SecretRoute> routes = new ArrayList<>();
        List<PodContainer> containers = PodContainer.of(pod);
        for (PodContainer container : containers) {
            for (EnvVar env : container.env()) {
                if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                    var ref = env.getValueFrom().getSecretKeyRef();
                    routes.add(new SecretRoute(ref.getName(), "env " + env.getName() + " of " + container.label(),
                            ref.getKey() == null ? List.of() : List.of(ref.getKey())));
                }
            }
            for (EnvFromSource envFrom : container.envFrom()) {
                if (envFrom.getSecretRef() != null) {
                    routes.add(new SecretRoute(envFrom.getSecretRef().getName(), "envFrom of " + container.label(),
                            List.of()));
                }
            }
        }
        if (pod.getSpec() != null) {
            for (Volume volume : PodContainer.nonNull(pod.getSpec().getVolumes())) {
                volumeRoutes(volume, containers, routes);
            }
        }
        return routes;
    }

    private static void volumeRoutes(Volume volume, List<PodContainer> containers, List<SecretRoute> routes) {
        String mountedInto = containers.stream()
                .filter(container -> container.mounts(volume.getName()))
                .map(PodContainer::name)
                .collect(Collectors.joining(", "));
        String where = mountedInto.isEmpty() ? "" : " mounted into " + mountedInto;
        if (volume.getSecret() != null) {
            List<String> keys = PodContainer.nonNull(volume.getSecret().getItems()).stream().map(item -> item.getKey())
                    .toList();
            routes.add(new SecretRoute(volume.getSecret().getSecretName(), "volume '" + volume.getName() + "'" + where,
                    keys));
        }
        if (volume.getProjected() != null) {
            for (VolumeProjection source : PodContainer.nonNull(volume.getProjected().getSources())) {
                SecretProjection projection = source.getSecret();
                if (projection != null) {
                    List<String> keys = PodContainer.nonNull(projection.getItems()).stream().map(item -> item.getKey())
                            .toList();
                    routes.add(new SecretRoute(projection.getName(),
                            "projected volume '" + volume.getName() + "'" + where, keys));
                }
            }
        }
    }
}
