package io.ameide.coderguard.policyguard.decision;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;

/** The cluster-scoped objects the identity rules read: ClusterRoleBindings and the ClusterRoles bindings name. */
public record ClusterView(List<ClusterRoleBinding> clusterRoleBindings, Map<String, ClusterRole> clusterRoles) {

    public static final ClusterView EMPTY = new ClusterView(List.of(), Map.of());

    public ClusterView {
        clusterRoleBindings = List.copyOf(clusterRoleBindings);
        clusterRoles = Map.copyOf(clusterRoles);
    }

    public static ClusterView of(List<ClusterRoleBinding> bindings, List<ClusterRole> roles) {
        return new ClusterView(bindings, roles.stream()
                .collect(Collectors.toMap(role -> role.getMetadata().getName(), Function.identity(), (a, b) -> a)));
    }

    public Optional<ClusterRole> clusterRole(String name) {
        return Optional.ofNullable(clusterRoles.get(name));
    }
}
