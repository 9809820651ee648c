package io.ameide.coderguard.policyguard.decision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.ameide.coderguard.policyguard.policy.Policy;
import io.ameide.coderguard.policyguard.policy.Rule;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;

/**
 * No workspace ServiceAccount is bound to a role whose rules amount to cluster-admin, whatever the role is called; and
 * the ServiceAccount token is mounted only where the policy allows.
 */
final class IdentityRules {

    /** Kubernetes' own cluster-admin, whose rules are fixed; used when the ClusterRole itself was not observed. */
    private static final String CLUSTER_ADMIN = "cluster-admin";
    private static final String DEFAULT_ACCOUNT = "default";
    private static final String WILDCARDS = "wildcard verbs, resources and API groups";
    private static final String SERVICE_ACCOUNT_TOKEN = "kubernetes.io/service-account-token";
    private static final String RBAC_GROUP = "rbac.authorization.k8s.io";
    /** The verbs of every resource; {@code deletecollection} and the special verbs are not needed to rule a cluster. */
    private static final Set<String> EVERY_VERB = Set.of("get", "list", "watch", "create", "update", "patch", "delete");

    private IdentityRules() {
    }

    static void judge(Policy policy, NamespaceSnapshot namespace, ClusterView cluster, Findings findings) {
        if (policy.forbidClusterAdmin()) {
            for (RoleBinding binding : namespace.roleBindings()) {
                judgeBinding(namespace, cluster, binding, binding.getRoleRef(), binding.getSubjects(),
                        binding.getMetadata().getNamespace(), findings);
            }
            for (ClusterRoleBinding binding : cluster.clusterRoleBindings()) {
                judgeBinding(namespace, cluster, binding, binding.getRoleRef(), binding.getSubjects(), null, findings);
            }
        }
        policy.tokenAutomountAllowedFor().ifPresent(allowed -> tokenAutomount(namespace, allowed, findings));
    }

    private static void judgeBinding(NamespaceSnapshot namespace, ClusterView cluster, HasMetadata binding,
            RoleRef roleRef, List<Subject> subjects, String bindingNamespace, Findings findings) {
        if (roleRef == null) {
            return;
        }
        List<String> workspaceSubjects = workspaceSubjects(namespace.name(), subjects, bindingNamespace);
        Optional<String> why = workspaceSubjects.isEmpty() ? Optional.empty() : adminRights(namespace, cluster, roleRef);
        if (why.isEmpty()) {
            return;
        }
        for (String subject : workspaceSubjects) {
            findings.add(Rule.IDENTITY_CLUSTER_ADMIN, ObjectRef.of(binding), subject, binding.getKind() + " "
                    + binding.getMetadata().getName() + " gives " + subject + " the rights of cluster-admin through "
                    + roleRef.getKind() + " " + roleRef.getName() + " (" + why.get() + ").");
        }
    }

    /**
     * The subjects that stand for this namespace's ServiceAccounts: one of them by name, or a group every one of them is
     * in ({@code system:serviceaccounts}, {@code system:serviceaccounts:<namespace>}, {@code system:authenticated}).
     */
    private static List<String> workspaceSubjects(String namespace, List<Subject> subjects, String bindingNamespace) {
        List<String> matched = new ArrayList<>();
        for (Subject subject : PodContainer.nonNull(subjects)) {
            if ("ServiceAccount".equals(subject.getKind())) {
                String subjectNamespace = subject.getNamespace() == null ? bindingNamespace : subject.getNamespace();
                if (namespace.equals(subjectNamespace)) {
                    matched.add("ServiceAccount " + subject.getName());
                }
            } else if ("User".equals(subject.getKind()) && subject.getName() != null
                    && subject.getName().startsWith("system:serviceaccount:" + namespace + ":")) {
                // A ServiceAccount's own username: the same subject as the ServiceAccount, spelt as a User.
                matched.add("User " + subject.getName());
            } else if ("Group".equals(subject.getKind()) && Set
                    .of("system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated")
                    .contains(subject.getName())) {
                matched.add("Group " + subject.getName());
            }
        }
        return matched;
    }

    /** Why the role the binding names amounts to cluster-admin, or empty when it does not. */
    private static Optional<String> adminRights(NamespaceSnapshot namespace, ClusterView cluster, RoleRef roleRef) {
        if ("Role".equals(roleRef.getKind())) {
            return namespace.role(roleRef.getName()).map(Role::getRules).flatMap(IdentityRules::adminRights);
        }
        Optional<ClusterRole> role = cluster.clusterRole(roleRef.getName());
        if (role.isEmpty()) {
            return CLUSTER_ADMIN.equals(roleRef.getName()) ? Optional.of(WILDCARDS) : Optional.empty();
        }
        return adminRights(role.get().getRules());
    }

    /**
     * Why rules amount to cluster-admin, whatever their role is called: every verb on every resource of every API group,
     * written as wildcards or spelt out; {@code escalate} or {@code bind} on roles, with which a holder grants itself any
     * right; or {@code impersonate} on users, groups or service accounts, with which it acts as anyone.
     */
    static Optional<String> adminRights(List<PolicyRule> rules) {
        for (PolicyRule rule : PodContainer.nonNull(rules)) {
            Set<String> verbs = Set.copyOf(PodContainer.nonNull(rule.getVerbs()));
            Set<String> resources = Set.copyOf(PodContainer.nonNull(rule.getResources()));
            Set<String> groups = Set.copyOf(PodContainer.nonNull(rule.getApiGroups()));
            boolean everything = resources.contains("*") && groups.contains("*");
            if (everything && verbs.contains("*")) {
                return Optional.of(WILDCARDS);
            }
            if (everything && verbs.containsAll(EVERY_VERB)) {
                return Optional.of("every verb spelt out, on every resource of every API group");
            }
            if (anyOf(verbs, "*", "escalate", "bind") && anyOf(groups, "*", RBAC_GROUP)
                    && anyOf(resources, "*", "roles", "clusterroles")) {
                return Optional.of("escalate or bind on roles, with which it grants itself any right");
            }
            if (anyOf(verbs, "*", "impersonate") && anyOf(groups, "*", "")
                    && anyOf(resources, "*", "users", "groups", "serviceaccounts")) {
                return Optional.of("impersonate, with which it acts as any user");
            }
        }
        return Optional.empty();
    }

    private static boolean anyOf(Set<String> values, String... wanted) {
        return Arrays.stream(wanted).anyMatch(values::contains);
    }

    private static void tokenAutomount(NamespaceSnapshot namespace, Set<String> allowed, Findings findings) {
        for (Pod pod : namespace.pods()) {
            String account = pod.getSpec() == null || pod.getSpec().getServiceAccountName() == null
                    ? DEFAULT_ACCOUNT
                    : pod.getSpec().getServiceAccountName();
            if (allowed.contains(account)) {
                continue;
            }
            if (mountsToken(pod, namespace.serviceAccount(account))) {
                findings.add(Rule.IDENTITY_TOKEN_AUTOMOUNT, ObjectRef.of(pod), "ServiceAccount " + account,
                        "The pod mounts the token of ServiceAccount " + account + ", which the policy does not allow.");
            }
            handMountedToken(pod, namespace).ifPresent(volume -> findings.add(Rule.IDENTITY_TOKEN_AUTOMOUNT,
                    ObjectRef.of(pod), "volume " + volume, "The pod mounts a ServiceAccount token through volume "
                            + volume + ", which the policy does not allow for ServiceAccount " + account + "."));
        }
    }

    /**
     * A volume that carries a ServiceAccount token whatever {@code automountServiceAccountToken} says: a projected
     * {@code serviceAccountToken}, or a Secret of type {@code kubernetes.io/service-account-token}.
     */
    private static Optional<String> handMountedToken(Pod pod, NamespaceSnapshot namespace) {
        for (Volume volume : PodContainer.nonNull(pod.getSpec() == null ? null : pod.getSpec().getVolumes())) {
            boolean projected = volume.getProjected() != null && PodContainer.nonNull(volume.getProjected().getSources())
                    .stream().anyMatch(source -> source.getServiceAccountToken() != null);
            boolean tokenSecret = volume.getSecret() != null && namespace.secret(volume.getSecret().getSecretName())
                    .map(Secret::getType).filter(SERVICE_ACCOUNT_TOKEN::equals).isPresent();
            if (projected || tokenSecret) {
                return Optional.of(volume.getName());
            }
        }
        return Optional.empty();
    }

    /** The pod's own setting wins; else the ServiceAccount's; Kubernetes mounts the token when neither says. */
    private static boolean mountsToken(Pod pod, Optional<ServiceAccount> account) {
        Boolean own = pod.getSpec() == null ? null : pod.getSpec().getAutomountServiceAccountToken();
        if (own != null) {
            return own;
        }
        return account.map(ServiceAccount::getAutomountServiceAccountToken).map(Boolean.TRUE::equals).orElse(true);
    }
}
