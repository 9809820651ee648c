package io.ameide.coderguard.policyguard.decision;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentityRulesTest {

    private static final String POLICY = """
            forbidClusterAdminForWorkspaceServiceAccounts: true
            serviceAccountTokenAutomount: {allowedServiceAccounts: [ws-agent]}
            """;

    private static final String NAMESPACE = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: ws-a}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: ws-a, namespace: ws-a}
            automountServiceAccountToken: false
            """;

    @Test
    void judgesAClusterRoleByItsRulesNotItsName() {
        String innocuous = NAMESPACE + """
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: workspace-viewer}
                rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: ws-a-viewer}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: workspace-viewer}
                subjects: [{kind: ServiceAccount, name: ws-a, namespace: ws-a}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: cluster-admin-lookalike}
                rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: ws-a-lookalike}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin-lookalike}
                subjects: [{kind: ServiceAccount, name: ws-a, namespace: ws-a}]
                """;

        assertThat(Judged.lines(POLICY, innocuous)).containsExactly(
                "identity.cluster-admin ClusterRoleBinding ws-a-viewer [ServiceAccount ws-a]");
    }

    @Test
    void flagsRoleBindingsToWildcardRolesAndToGroupsEveryServiceAccountIsIn() {
        String bindings = NAMESPACE + """
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: everything, namespace: ws-a}
                rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: local-admin, namespace: ws-a}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: everything}
                subjects: [{kind: ServiceAccount, name: ws-a}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: builtin-admin, namespace: ws-a}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
                subjects: [{kind: Group, name: "system:serviceaccounts:ws-a"}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: other-namespace}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
                subjects: [{kind: ServiceAccount, name: ws-a, namespace: ws-b}]
                """;

        assertThat(Judged.lines(POLICY, bindings)).containsExactly(
                "identity.cluster-admin RoleBinding ws-a/builtin-admin [Group system:serviceaccounts:ws-a]",
                "identity.cluster-admin RoleBinding ws-a/local-admin [ServiceAccount ws-a]");
    }

    @Test
    void takesAServiceAccountNamedAsAUserForTheServiceAccount() {
        String binding = NAMESPACE
                + """
                        ---
                        apiVersion: rbac.authorization.k8s.io/v1
                        kind: ClusterRoleBinding
                        metadata: {name: as-user}
                        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
                        subjects: [{kind: User, name: "system:serviceaccount:ws-a:ws-a"}, {kind: User, name: "system:serviceaccount:ws-b:x"}]
                        """;

        assertThat(Judged.lines(POLICY, binding)).containsExactly(
                "identity.cluster-admin ClusterRoleBinding as-user [User system:serviceaccount:ws-a:ws-a]");
    }

    @Test
    void flagsAMountedTokenUnlessThePodOrItsAccountTurnsItOffOrThePolicyAllowsIt() {
        String pods = NAMESPACE + """
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: inherits-off, namespace: ws-a}
                spec: {serviceAccountName: ws-a, containers: [{name: c, image: x}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: turns-on, namespace: ws-a}
                spec: {serviceAccountName: ws-a, automountServiceAccountToken: true, containers: [{name: c, image: x}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: default-account, namespace: ws-a}
                spec: {containers: [{name: c, image: x}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: allowed, namespace: ws-a}
                spec: {serviceAccountName: ws-agent, containers: [{name: c, image: x}]}
                """;

        assertThat(Judged.lines(POLICY, pods)).containsExactly(
                "identity.token-automount Pod ws-a/default-account [ServiceAccount default]",
                "identity.token-automount Pod ws-a/turns-on [ServiceAccount ws-a]");
    }
}
