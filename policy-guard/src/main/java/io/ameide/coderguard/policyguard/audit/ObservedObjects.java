package io.ameide.coderguard.policyguard.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.ameide.coderguard.policyguard.decision.ClusterView;
import io.ameide.coderguard.policyguard.decision.NamespaceSnapshot;
import io.ameide.coderguard.policyguard.policy.Policy;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;

/**
 * Sorts a flat list of objects into one snapshot per namespace and the cluster-scoped view. A namespace appears when its
 * Namespace object matches the policy's selector, or when objects name a namespace whose Namespace object is not in the
 * input: manifests checked in CI seldom carry it, and then its labels are unknown (taken as none).
 */
public final class ObservedObjects {

    private static final String DEFAULT_NAMESPACE = "default";

    private ObservedObjects() {
    }

    public record Grouped(List<NamespaceSnapshot> namespaces, ClusterView cluster, List<String> notSelected) {
    }

    public static Grouped group(List<HasMetadata> input, Policy policy) {
        List<HasMetadata> objects = withoutTemplatesOfPodsPresent(input);
        Map<String, Namespace> declared = new LinkedHashMap<>();
        Map<String, List<HasMetadata>> byNamespace = new LinkedHashMap<>();
        List<ClusterRoleBinding> clusterBindings = new ArrayList<>();
        List<ClusterRole> clusterRoles = new ArrayList<>();
        for (HasMetadata object : objects) {
            if (object instanceof Namespace namespace) {
                declared.put(namespace.getMetadata().getName(), namespace);
                byNamespace.computeIfAbsent(namespace.getMetadata().getName(), name -> new ArrayList<>());
            } else if (object instanceof ClusterRoleBinding binding) {
                clusterBindings.add(binding);
            } else if (object instanceof ClusterRole role) {
                clusterRoles.add(role);
            } else {
                String namespace = object.getMetadata().getNamespace() == null
                        ? DEFAULT_NAMESPACE
                        : object.getMetadata().getNamespace();
                object.getMetadata().setNamespace(namespace);
                byNamespace.computeIfAbsent(namespace, name -> new ArrayList<>()).add(object);
            }
        }
        List<NamespaceSnapshot> snapshots = new ArrayList<>();
        List<String> notSelected = new ArrayList<>();
        byNamespace.forEach((name, members) -> {
            Namespace namespace = declared.getOrDefault(name,
                    new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build());
            if (declared.containsKey(name) && !policy.selectsNamespace(namespace.getMetadata().getLabels())) {
                notSelected.add(name);
            } else {
                snapshots.add(snapshot(namespace, members));
            }
        });
        return new Grouped(snapshots, ClusterView.of(clusterBindings, clusterRoles), notSelected);
    }

    /**
     * Drops the pod a workload's template stands for ({@link Manifests#POD_TEMPLATES}) when the input holds a pod that
     * workload made (its owner, or for a Deployment or CronJob the ReplicaSet or Job named after it): the real pod is
     * judged, and judging both would report every finding twice.
     */
    static List<HasMetadata> withoutTemplatesOfPodsPresent(List<HasMetadata> objects) {
        List<Pod> real = objects.stream().filter(o -> o instanceof Pod && "Pod".equals(o.getKind())).map(Pod.class::cast)
                .toList();
        return objects.stream()
                .filter(o -> !(o instanceof Pod) || "Pod".equals(o.getKind()) || real.stream().noneMatch(pod -> madeBy(pod, o)))
                .toList();
    }

    private static boolean madeBy(Pod pod, HasMetadata workload) {
        String name = workload.getMetadata().getName();
        if (!Objects.equals(pod.getMetadata().getNamespace(), workload.getMetadata().getNamespace())) {
            return false;
        }
        return pod.getMetadata().getOwnerReferences().stream().anyMatch(owner -> owner.getKind().equals(workload.getKind())
                && owner.getName().equals(name)
                || owner.getName().startsWith(name + "-") && ("Deployment".equals(workload.getKind())
                        && "ReplicaSet".equals(owner.getKind())
                        || "CronJob".equals(workload.getKind())
                                && "Job".equals(owner.getKind())));
    }

    public static NamespaceSnapshot snapshot(Namespace namespace, List<HasMetadata> members) {
        return new NamespaceSnapshot(namespace, only(members, Pod.class), only(members, NetworkPolicy.class),
                only(members, ResourceQuota.class), only(members, LimitRange.class), only(members, ServiceAccount.class),
                only(members, Role.class), only(members, RoleBinding.class), only(members, Deployment.class),
                only(members, PersistentVolumeClaim.class), only(members, Secret.class));
    }

    private static <T> List<T> only(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
