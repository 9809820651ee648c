package io.ameide.coderguard.policyguard.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.ameide.coderguard.policyguard.RealWorldCases;

class PolicyParserTest {

    @Test
    void readsTheBaselineFromItsConfigMap() throws Exception {
        Policy policy = PolicyParser.parse(Files.readString(RealWorldCases.baseline()));

        assertThat(policy.workspaceNamespaceSelector()).containsEntry("coder.example.internal/workspace", "true");
        assertThat(policy.network().orElseThrow().defaultDeny()).isEqualTo(Set.of(Direction.INGRESS, Direction.EGRESS));
        assertThat(policy.network().orElseThrow().egressAllowlist().orElseThrow()).extracting(AllowedPeer::name)
                .isEqualTo(List.of("dns", "coder-server", "egress-proxy"));
        assertThat(policy.forbiddenHostPathPrefixes()).contains("/var/run/docker.sock");
        assertThat(policy.tokenAutomountAllowedFor()).isEmpty();
        assertThat(policy.forbidPrivilegeEscalation()).isFalse();
    }

    @Test
    void namesAnUnknownFieldAndWhereItIs() {
        assertThatThrownBy(() -> PolicyParser.parse("networkPolicy: {defaultDeny: [Egress], egresAllowlist: []}"))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith("policy field 'networkPolicy.egresAllowlist' is not known");
    }

    @Test
    void namesAWrongValueByItsPath() {
        assertThatThrownBy(() -> PolicyParser.parse("""
                networkPolicy:
                  egressAllowlist:
                    - {name: dns, to: {namespace: kube-system}, ports: [{protocol: UDP, port: 70000}]}
                """)).hasMessage(
                "policy field 'networkPolicy.egressAllowlist[0].ports[0].port' must be a port number from 1 to 65535");
        assertThatThrownBy(() -> PolicyParser.parse("requireImageDigest: yes please"))
                .hasMessage("policy field 'requireImageDigest' must be true or false");
        assertThatThrownBy(() -> PolicyParser.parse("severities: {image.digest: urgent}"))
                .hasMessage("policy field 'severities.image.digest' must be one of info, low, medium, high, critical");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.40.0.0/33", "300.40.0.0/8", "10.40.0/24", "fd00::/129", "proxy.internal/32"})
    void refusesAnAllowlistBlockThatIsNoCidr(String block) {
        assertThatThrownBy(() -> PolicyParser.parse("""
                networkPolicy:
                  egressAllowlist:
                    - {name: proxy, to: {ipBlock: "%s"}, ports: [{protocol: TCP, port: 3128}]}
                """.formatted(block))).hasMessage(
                "policy field 'networkPolicy.egressAllowlist[0].to.ipBlock' must be a CIDR such as 10.40.0.10/32");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.40.0.10/32", "0.0.0.0/0", "fd00::/8", "2001:db8::1/128"})
    void readsAnAllowlistBlockThatIsACidr(String block) {
        assertThat(PolicyParser.isCidr(block)).isTrue();
    }

    @Test
    void refusesAnExemptionWithoutExpiry() {
        assertThatThrownBy(() -> PolicyParser.parse("""
                exemptions:
                  - {rule: privilege.privileged, namespace: ws-a, kind: Pod, name: p, reason: r}
                """)).hasMessage("policy field 'exemptions[0].expires' is required");
    }

    @Test
    void refusesBrokenYamlWithoutEchoingIt() {
        assertThatThrownBy(() -> PolicyParser.parse("a: [")).isInstanceOf(PolicyException.class)
                .hasMessageStartingWith("the policy is not valid YAML");
    }
}
