package io.ameide.coderguard.policyguard.decision;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PodRulesTest {

    private static final String NAMESPACE = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: ws-a, labels: {environment: dev}}
            """;

    @Test
    void flagsHostNamespacesEscalationCapabilitiesAndSocketParentsInEveryContainerKind() {
        String policy = """
                forbidPrivileged: true
                forbidHostNamespaces: true
                forbidPrivilegeEscalation: true
                forbiddenCapabilities: [CAP_SYS_ADMIN, NET_ADMIN]
                forbidHostPathPrefixes: [/var/run/docker.sock, /run/containerd]
                """;
        String pod = NAMESPACE
                + """
                        ---
                        apiVersion: v1
                        kind: Pod
                        metadata: {name: p, namespace: ws-a}
                        spec:
                          hostPID: true
                          hostNetwork: true
                          initContainers:
                            - {name: init, image: x, securityContext: {allowPrivilegeEscalation: false, capabilities: {add: [sys_admin]}}}
                          containers:
                            - name: dev
                              image: x
                              securityContext: {allowPrivilegeEscalation: false, capabilities: {add: [NET_BIND_SERVICE]}}
                              volumeMounts: [{name: run, mountPath: /host/run}]
                          ephemeralContainers:
                            - {name: debug, image: x}
                          volumes:
                            - {name: run, hostPath: {path: /var/run/}}
                            - {name: data, hostPath: {path: /srv/data}}
                        """;

        assertThat(Judged.lines(policy, pod)).containsExactly(
                "privilege.capabilities Pod ws-a/p [initContainer init]",
                "privilege.escalation Pod ws-a/p [ephemeralContainer debug]",
                "privilege.host-namespaces Pod ws-a/p [pod]",
                "privilege.host-path Pod ws-a/p [volume run]");
    }

    @Test
    void flagsASecretOfAnotherEnvironmentAndOneOfAnyEnvironmentInANamespaceOfNone() {
        String policy = "forbidSecretsFromOtherEnvironment: true\n";
        String objects = NAMESPACE + """
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: ws-b}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: prod-db, namespace: ws-a, labels: {environment: prod}}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: dev-db, namespace: ws-a, labels: {environment: dev}}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: prod-db, namespace: ws-b, labels: {environment: prod}}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: p, namespace: ws-a}
                spec: {containers: [{name: c, image: x, envFrom: [{secretRef: {name: prod-db}}, {secretRef: {name: dev-db}}]}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: p, namespace: ws-b}
                spec: {containers: [{name: c, image: x, envFrom: [{secretRef: {name: prod-db}}]}]}
                """;

        assertThat(Judged.findings(policy, objects)).extracting(Finding::message).containsExactly(
                "Secret prod-db (environment=prod) reaches the pod via envFrom of container c in a namespace of"
                        + " environment=dev.",
                "Secret prod-db (environment=prod) reaches the pod via envFrom of container c in a namespace without the"
                        + " label environment.");
    }

    @Test
    void judgesTheTemplatesOfWorkloadsWhosePodsAreNotInTheInput() {
        String policy = "forbidPrivileged: true\n";
        String workloads = NAMESPACE + """
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: ws-a}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: dev, image: x, securityContext: {privileged: true}}]}
                ---
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: nightly, namespace: ws-a}
                spec:
                  schedule: "0 3 * * *"
                  jobTemplate:
                    spec:
                      template:
                        spec: {restartPolicy: Never, containers: [{name: job, image: x, securityContext: {privileged: true}}]}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: running, namespace: ws-a}
                spec:
                  selector: {matchLabels: {app: running}}
                  template:
                    metadata: {labels: {app: running}}
                    spec: {containers: [{name: dev, image: x, securityContext: {privileged: true}}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: running-5d6f7a8b9c-x2k4p
                  namespace: ws-a
                  labels: {app: running}
                  ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: running-5d6f7a8b9c, uid: u1}]
                spec: {containers: [{name: dev, image: x, securityContext: {privileged: true}}]}
                """;

        assertThat(Judged.lines(policy, workloads)).containsExactly(
                "privilege.privileged CronJob ws-a/nightly [container job]",
                "privilege.privileged Deployment ws-a/web [container dev]",
                "privilege.privileged Pod ws-a/running-5d6f7a8b9c-x2k4p [container dev]");
    }

    @Test
    void findsARuntimeSocketHoweverItsHostPathIsSpelt() {
        String policy = "forbidHostPathPrefixes: [/var/run/docker.sock, /run/containerd]\n";
        String pod = NAMESPACE + """
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: p, namespace: ws-a}
                spec:
                  containers: [{name: dev, image: x}]
                  volumes:
                    - {name: doubled, hostPath: {path: /var//run/docker.sock}}
                    - {name: dotted, hostPath: {path: /var/run/./docker.sock}}
                    - {name: rooted, hostPath: {path: //var/run/docker.sock}}
                    - {name: run-link, hostPath: {path: /run/docker.sock}}
                    - {name: var-run-link, hostPath: {path: /var/run/containerd/containerd.sock}}
                    - {name: fine, hostPath: {path: /var/runner/cache}}
                """;

        assertThat(Judged.lines(policy, pod)).containsExactly(
                "privilege.host-path Pod ws-a/p [volume dotted]",
                "privilege.host-path Pod ws-a/p [volume doubled]",
                "privilege.host-path Pod ws-a/p [volume rooted]",
                "privilege.host-path Pod ws-a/p [volume run-link]",
                "privilege.host-path Pod ws-a/p [volume var-run-link]");
    }

    @Test
    void recognisesTelepresenceAgentsByContainerAndByInjection() {
        String pods = NAMESPACE
                + """
                        ---
                        apiVersion: v1
                        kind: Pod
                        metadata: {name: intercepted, namespace: ws-a}
                        spec:
                          containers:
                            - {name: dev, image: x}
                            - {name: tel-agent, image: "ghcr.io/telepresenceio/tel2:2.20.0"}
                        ---
                        apiVersion: v1
                        kind: Pod
                        metadata: {name: annotated, namespace: ws-a, annotations: {telepresence.getambassador.io/inject-traffic-agent: enabled}}
                        spec: {containers: [{name: dev, image: x}]}
                        """;

        assertThat(Judged.lines("forbidTelepresence: true", pods)).containsExactly(
                "privilege.telepresence Pod ws-a/annotated [pod]",
                "privilege.telepresence Pod ws-a/intercepted [container tel-agent]");
    }

    @Test
    void findsQueueCredentialsByStrimziOwnerAndBySaslKeyWithoutReadingSecretData() {
        String objects = NAMESPACE + """
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: alice
                  namespace: ws-a
                  labels: {strimzi.io/cluster: events}
                  ownerReferences: [{apiVersion: kafka.strimzi.io/v1beta2, kind: KafkaUser, name: alice, uid: u1}]
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: settings, namespace: ws-a, labels: {environment: dev}}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: p, namespace: ws-a}
                spec:
                  initContainers:
                    - name: init
                      image: x
                      env: [{name: JAAS, valueFrom: {secretKeyRef: {name: settings, key: sasl.jaas.config}}}]
                  containers: [{name: dev, image: x, volumeMounts: [{name: user, mountPath: /u}]}]
                  volumes: [{name: user, secret: {secretName: alice}}]
                """;

        var findings = Judged.findings("forbidQueueCredentials: true\nforbidSecretsFromOtherEnvironment: true", objects);

        assertThat(Judged.lines(findings)).containsExactly("credentials.queue-secret Pod ws-a/p [secret alice]",
                "credentials.queue-secret Pod ws-a/p [secret settings]");
        assertThat(findings.get(1).message()).contains("SASL key sasl.jaas.config").contains("env JAAS of initContainer init");
    }

    @Test
    void requiresResourcesOrLimitRangeDefaultsAndQuotaWithinBounds() {
        String policy = """
                requireResourceQuota: true
                resourceQuotaMaximums: {limits.cpu: "8", limits.memory: 16Gi}
                requireLimitRange: true
                """;
        String objects = NAMESPACE + """
                ---
                apiVersion: v1
                kind: ResourceQuota
                metadata: {name: q, namespace: ws-a}
                spec: {hard: {limits.cpu: "8", limits.memory: 32Gi}}
                ---
                apiVersion: v1
                kind: LimitRange
                metadata: {name: lr, namespace: ws-a}
                spec: {limits: [{type: Container, default: {memory: 1Gi}}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: p, namespace: ws-a}
                spec:
                  containers:
                    - {name: sized, image: x, resources: {limits: {cpu: "1"}}}
                    - {name: bare, image: x}
                """;

        var findings = Judged.findings(policy, objects);

        assertThat(Judged.lines(findings)).containsExactly("quota.container-resources Pod ws-a/p [container bare]",
                "quota.resource-quota-bounds ResourceQuota ws-a/q [limits.memory]");
        assertThat(findings.get(0).message()).isEqualTo(
                "Container bare has no cpu request, cpu limit, and the LimitRange supplies none.");
    }
}
