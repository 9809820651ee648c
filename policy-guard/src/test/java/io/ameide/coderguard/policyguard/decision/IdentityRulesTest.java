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
    void flagsATokenMountedByHandThoughAutomountIsOff() {
        String pods = NAMESPACE + """
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: ws-a-token, namespace: ws-a, annotations: {kubernetes.io/service-account.name: ws-a}}
                type: kubernetes.io/service-account-token
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: projected, namespace: ws-a}
                spec:
                  serviceAccountName: ws-a
                  containers: [{name: c, image: x}]
                  volumes: [{name: api, projected: {sources: [{serviceAccountToken: {path: token}}]}}]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: token-secret, namespace: ws-a}
                spec:
                  serviceAccountName: ws-a
                  containers: [{name: c, image: x}]
                  volumes: [{name: creds, secret: {secretName: ws-a-token}}]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: allowed, namespace: ws-a}
                spec:
                  serviceAccountName: ws-agent
                  containers: [{name: c, image: x}]
                  volumes: [{name: api, projected: {sources: [{serviceAccountToken: {path: token}}]}}]
                """;

        assertThat(Judged.lines(POLICY, pods)).containsExactly(
                "identity.token-automount Pod ws-a/projected [volume api]",
                "identity.token-automount Pod ws-a/token-secret [volume creds]");
    }

    @Test
    void judgesRolesByWhatTheirRulesAmountToWithoutWildcards() {
        String roles = NAMESPACE
                + """
                        ---
                        apiVersion: rbac.authorization.k8s.io/v1
                        kind: Role
                        metadata: {name: spelt-out, namespace: ws-a}
                        rules: [{apiGroups: ["*"], resources: ["*"], verbs: [get, list, watch, create, update, patch, delete]}]
                        ---
                        apiVersion: rbac.authorization.k8s.io/v1
                        kind: Role
                        metadata: {name: escalator, namespace: ws-a}
                        rules: [{apiGroups: [rbac.authorization.k8s.io], resources: [roles], verbs: [escalate]}]
                        ---
                        apiVersion: rbac.authorization.k8s.io/v1
                        kind: Role
                        metadata: {name: impersonator, namespace: ws-a}
                        rules: [{apiGroups: [""], resources: [users], verbs: [impersonate]}]
                        ---
                        apiVersion: rbac.authorization.k8s.io/v1
                        kind: Role
                        metadata: {name: reader, namespace: ws-a}
                        rules: [{apiGroups: ["*"], resources: ["*"], verbs: [get, list, watch]}, {apiGroups: [rbac.authorization.k8s.io], resources: [roles], verbs: [get]}]
                        """
                + bindTo("spelt-out") + bindTo("escalator") + bindTo("impersonator") + bindTo("reader");

        assertThat(Judged.findings(POLICY, roles)).extracting(Finding::message).containsExactly(
                "RoleBinding to-escalator gives ServiceAccount ws-a the rights of cluster-admin through Role escalator"
                        + " (escalate or bind on roles, with which it grants itself any right).",
                "RoleBinding to-impersonator gives ServiceAccount ws-a the rights of cluster-admin through Role"
                        + " impersonator (impersonate, with which it acts as any user).",
                "RoleBinding to-spelt-out gives ServiceAccount ws-a the rights of cluster-admin through Role spelt-out"
                        + " (every verb spelt out, on every resource of every API group).");
    }

    private static String bindTo(String role) {
        return """
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: to-%s, namespace: ws-a}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: %s}
                subjects: [{kind: ServiceAccount, name: ws-a}]
                """.formatted(role, role);
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
