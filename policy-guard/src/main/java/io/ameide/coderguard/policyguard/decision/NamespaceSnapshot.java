package io.ameide.coderguard.policyguard.decision;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;

/**
 * Everything of one workspace namespace the rules read, as observed at one moment. Secrets carry metadata only: the rules
 * never need, and the service never keeps, their data.
 */
public record NamespaceSnapshot(Namespace namespace, List<Pod> pods, List<NetworkPolicy> networkPolicies,
        List<ResourceQuota> resourceQuotas, List<LimitRange> limitRanges, List<ServiceAccount> serviceAccounts,
        List<Role> roles, List<RoleBinding> roleBindings, List<Deployment> deployments,
        List<PersistentVolumeClaim> volumeClaims, List<Secret> secrets) {

    public NamespaceSnapshot {
        pods = List.copyOf(pods);
        networkPolicies = List.copyOf(networkPolicies);
        resourceQuotas = List.copyOf(resourceQuotas);
        limitRanges = List.copyOf(limitRanges);
        serviceAccounts = List.copyOf(serviceAccounts);
        roles = List.copyOf(roles);
        roleBindings = List.copyOf(roleBindings);
        deployments = List.copyOf(deployments);
        volumeClaims = List.copyOf(volumeClaims);
        secrets = List.copyOf(secrets);
    }

    public String name() {
        return namespace.getMetadata().getName();
    }

    public Map<String, String> labels() {
        Map<String, String> labels = namespace.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    public ObjectRef namespaceRef() {
        return ObjectRef.namespace(name(), namespace.getMetadata().getUid());
    }

    public Optional<Secret> secret(String name) {
        return secrets.stream().filter(secret -> secret.getMetadata().getName().equals(name)).findFirst();
    }

    public Optional<ServiceAccount> serviceAccount(String name) {
        return serviceAccounts.stream().filter(account -> account.getMetadata().getName().equals(name)).findFirst();
    }

    public Optional<Role> role(String name) {
        return roles.stream().filter(role -> role.getMetadata().getName().equals(name)).findFirst();
    }
}
