package io.ameide.coderguard.policyguard.decision;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NetworkRulesTest {

    private static final String POLICY = """
            networkPolicy:
              defaultDeny: [Ingress, Egress]
              egressAllowlist:
                - name: dns
                  to: {namespace: kube-system, podLabels: {k8s-app: kube-dns}}
                  ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]
                - name: proxy
                  to: {ipBlock: 10.40.0.0/24}
                  ports: [{protocol: TCP, port: 3128}]
            """;

    private static final String NAMESPACE = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: ws-a}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: dev, namespace: ws-a, labels: {app: dev}}
            spec: {containers: [{name: dev, image: x}]}
            """;

    private static final String DENY_ALL = """
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny, namespace: ws-a}
            spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
            """;

    private static final String DNS_UDP = """
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: dns-udp, namespace: ws-a}
            spec:
              podSelector: {}
              policyTypes: [Egress]
              egress:
                - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
                  ports: [{protocol: UDP, port: 53}]
            """;

    private static final String DNS_TCP_AND_PROXY = """
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: dns-tcp, namespace: ws-a}
            spec:
              podSelector: {}
              policyTypes: [Egress]
              egress:
                - to: [{namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [kube-system]}]}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
                  ports: [{protocol: TCP, port: 53}]
                - to: [{ipBlock: {cidr: 10.40.0.10/32}}]
                  ports: [{port: 3128}]
            """;

    @Test
    void takesTheUnionOfEveryPolicyThatSelectsThePods() {
        assertThat(Judged.lines(POLICY, NAMESPACE + DENY_ALL + DNS_UDP + DNS_TCP_AND_PROXY)).isEmpty();
    }

    @Test
    void reportsEachMissingAllowlistEntryApartFromDns() {
        assertThat(Judged.lines(POLICY, NAMESPACE + DENY_ALL + DNS_UDP)).containsExactly(
                "network.dns Namespace ws-a [DNS]", "network.egress-allowlist-incomplete Namespace ws-a [allowlist proxy]");
    }

    @Test
    void ignoresRulesOfADirectionThePolicyDoesNotList() {
        String egressUnderIngressOnly = """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: ingress-only, namespace: ws-a}
                spec:
                  podSelector: {}
                  policyTypes: [Ingress]
                  egress: [{}]
                """;

        assertThat(Judged.lines(POLICY, NAMESPACE + DENY_ALL + DNS_UDP + DNS_TCP_AND_PROXY + egressUnderIngressOnly))
                .isEmpty();
    }

    @Test
    void takesEgressAsIsolatedWithoutPolicyTypesOnlyWhenThePolicyHasEgressRules() {
        String noTypesNoEgress = """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: no-types, namespace: ws-a}
                spec: {podSelector: {}}
                """;

        assertThat(Judged.lines(POLICY, NAMESPACE + noTypesNoEgress)).containsExactly(
                "network.default-deny Namespace ws-a [Egress]");
    }

    @Test
    void flagsEgressBeyondTheAllowlistOnThePolicyThatGrantsIt() {
        String wide = """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: wide, namespace: ws-a}
                spec:
                  podSelector: {matchLabels: {app: dev}}
                  policyTypes: [Egress]
                  egress:
                    - to: [{ipBlock: {cidr: 10.40.0.10/32}}]
                      ports: [{port: 3128}]
                    - to: [{ipBlock: {cidr: 0.0.0.0/0}}]
                      ports: [{port: 443}]
                    - to: [{namespaceSelector: {}}]
                """;

        assertThat(Judged.lines(POLICY, NAMESPACE + DENY_ALL + DNS_UDP + DNS_TCP_AND_PROXY + wide)).containsExactly(
                "network.egress-beyond-allowlist NetworkPolicy ws-a/wide [egress[1]]",
                "network.egress-beyond-allowlist NetworkPolicy ws-a/wide [egress[2]]");
    }

    @Test
    void flagsAnyIngressWhenIngressIsDefaultDenyAndNothingIsAllowlisted() {
        String ingress = """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: open-ingress, namespace: ws-a}
                spec:
                  podSelector: {}
                  ingress: [{from: [{podSelector: {}}]}]
                """;

        assertThat(Judged.lines(POLICY, NAMESPACE + DENY_ALL + DNS_UDP + DNS_TCP_AND_PROXY + ingress)).containsExactly(
                "network.ingress-beyond-allowlist NetworkPolicy ws-a/open-ingress [ingress[0]]");
    }

    @Test
    void namesThePodsLeftOpenWhenNoPolicySelectsEveryPod() {
        String onlyOthers = """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: others, namespace: ws-a}
                spec: {podSelector: {matchLabels: {app: other}}, policyTypes: [Ingress, Egress]}
                """;

        var findings = Judged.findings(POLICY, NAMESPACE + onlyOthers);

        assertThat(Judged.lines(findings)).containsExactly("network.default-deny Namespace ws-a [Egress]",
                "network.default-deny Namespace ws-a [Ingress]");
        assertThat(findings.get(0).message()).endsWith("open now: dev.");
    }

    @Test
    void judgesEachIsolatedPodWhenNoPolicyCoversEveryPod() {
        String podOnly = """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: dev-only, namespace: ws-a}
                spec:
                  podSelector: {matchExpressions: [{key: app, operator: In, values: [dev]}]}
                  policyTypes: [Ingress, Egress]
                  egress:
                    - to: [{ipBlock: {cidr: 10.40.0.10/32}}]
                      ports: [{port: 3128}]
                """;

        assertThat(Judged.lines(POLICY, NAMESPACE + podOnly)).containsExactly(
                "network.default-deny Namespace ws-a [Egress]", "network.default-deny Namespace ws-a [Ingress]",
                "network.dns Pod ws-a/dev [DNS]");
    }
}
