package io.ameide.coderguard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Each policy check finds what it is there to find: a compliant object first, then one thing broken at a time. */
class PolicyChecksTest {

    private static final String DEPLOYMENT = "Deployment example";
    private static final String CONTAINER = "spec.template.spec.containers[app]";

    @Test
    void aHardenedDeploymentPinnedByDigestHasNoFinding() {
        List<HasMetadata> objects = read(TestManifests.load("hardened-deployment.yaml"));

        assertThat(PolicyChecks.imagesNotPinnedByDigest(objects)).isEmpty();
        assertThat(PolicyChecks.unhardenedPods(objects)).isEmpty();
    }

    @Test
    void anImageByTagIsFound() {
        ObjectNode deployment = TestManifests.load("hardened-deployment.yaml");
        TestManifests.firstContainer(deployment).put("image", "registry.example/app:1.2.3");

        assertThat(PolicyChecks.imagesNotPinnedByDigest(read(deployment))).containsExactly(new Finding(DEPLOYMENT,
                CONTAINER + ".image", "must be pinned by digest (name@sha256:<64 hex>), got registry.example/app:1.2.3"));
    }

    @Test
    void aShortOrUppercaseDigestIsFound() {
        ObjectNode deployment = TestManifests.load("hardened-deployment.yaml");
        TestManifests.firstContainer(deployment).put("image", "registry.example/app@sha256:0123ABCD");

        assertThat(PolicyChecks.imagesNotPinnedByDigest(read(deployment))).hasSize(1);
    }

    @Test
    void anInitContainerByTagIsFound() {
        ObjectNode deployment = TestManifests.load("hardened-deployment.yaml");
        ObjectNode init = ((ObjectNode) deployment.at("/spec/template/spec")).putArray("initContainers").addObject();
        init.put("name", "setup").put("image", "busybox:latest");

        assertThat(PolicyChecks.imagesNotPinnedByDigest(read(deployment))).extracting(Finding::path)
                .containsExactly("spec.template.spec.initContainers[setup].image");
    }

    @Test
    void aWritableRootFilesystemIsFound() {
        ObjectNode deployment = TestManifests.load("hardened-deployment.yaml");
        TestManifests.containerSecurity(deployment).put("readOnlyRootFilesystem", false);

        assertThat(PolicyChecks.unhardenedPods(read(deployment))).containsExactly(
                new Finding(DEPLOYMENT, CONTAINER + ".securityContext.readOnlyRootFilesystem", "must be true"));
    }

    @Test
    void privilegeEscalationLeftToItsDefaultIsFound() {
        ObjectNode deployment = TestManifests.load("hardened-deployment.yaml");
        TestManifests.containerSecurity(deployment).remove("allowPrivilegeEscalation");

        assertThat(PolicyChecks.unhardenedPods(read(deployment))).extracting(Finding::path)
                .containsExactly(CONTAINER + ".securityContext.allowPrivilegeEscalation");
    }

    @Test
    void aPodThatMayRunAsRootIsFound() {
        ObjectNode deployment = TestManifests.load("hardened-deployment.yaml");
        TestManifests.podSecurity(deployment).remove("runAsNonRoot");
        TestManifests.podSecurity(deployment).put("runAsUser", 0);

        assertThat(PolicyChecks.unhardenedPods(read(deployment))).extracting(Finding::path).containsExactly(
                CONTAINER + ".securityContext.runAsNonRoot", CONTAINER + ".securityContext.runAsUser");
    }

    @Test
    void aPodWithoutTheRuntimeDefaultSeccompProfileIsFound() {
        ObjectNode deployment = TestManifests.load("hardened-deployment.yaml");
        TestManifests.podSecurity(deployment).putObject("seccompProfile").put("type", "Unconfined");

        assertThat(PolicyChecks.unhardenedPods(read(deployment))).extracting(Finding::path)
                .containsExactly(CONTAINER + ".securityContext.seccompProfile.type");
    }

    @Test
    void capabilitiesNotAllDroppedOrAddedAreFound() {
        ObjectNode deployment = TestManifests.load("hardened-deployment.yaml");
        ObjectNode capabilities = (ObjectNode) TestManifests.containerSecurity(deployment).get("capabilities");
        capabilities.putArray("drop").add("NET_RAW");
        capabilities.putArray("add").add("NET_ADMIN");

        assertThat(PolicyChecks.unhardenedPods(read(deployment))).extracting(Finding::path).containsExactly(
                CONTAINER + ".securityContext.capabilities.drop", CONTAINER + ".securityContext.capabilities.add");
    }

    @Test
    void aPrivilegedContainerIsFound() {
        ObjectNode deployment = TestManifests.load("hardened-deployment.yaml");
        TestManifests.containerSecurity(deployment).put("privileged", true);

        assertThat(PolicyChecks.unhardenedPods(read(deployment))).extracting(Finding::path)
                .containsExactly(CONTAINER + ".securityContext.privileged");
    }

    @Test
    void aPodOnTheHostNetworkIsFound() {
        ObjectNode deployment = TestManifests.load("hardened-deployment.yaml");
        ((ObjectNode) deployment.at("/spec/template/spec")).put("hostNetwork", true);

        assertThat(PolicyChecks.unhardenedPods(read(deployment))).extracting(Finding::path)
                .containsExactly("spec.template.spec.hostNetwork");
    }

    @Test
    void missingLimitsAndAZeroRequestAreFound() {
        ObjectNode deployment = TestManifests.load("hardened-deployment.yaml");
        ObjectNode resources = (ObjectNode) TestManifests.firstContainer(deployment).get("resources");
        resources.remove("limits");
        ((ObjectNode) resources.get("requests")).put("cpu", "0");

        assertThat(PolicyChecks.unhardenedPods(read(deployment))).extracting(Finding::path).containsExactly(
                CONTAINER + ".resources.requests.cpu", CONTAINER + ".resources.limits.cpu",
                CONTAINER + ".resources.limits.memory");
    }

    @Test
    void aNarrowRoleHasNoFinding() {
        assertThat(PolicyChecks.wildcardRbac(read(TestManifests.load("narrow-role.yaml")))).isEmpty();
    }

    @Test
    void aWildcardVerbIsFound() {
        ObjectNode role = TestManifests.load("narrow-role.yaml");
        ((ArrayNode) role.at("/rules/0/verbs")).add("*");

        assertThat(PolicyChecks.wildcardRbac(read(role))).containsExactly(
                new Finding("Role example", "rules[0].verbs", "must not contain a wildcard, got [get, list, *]"));
    }

    @Test
    void aWildcardSubresourceOrApiGroupInAClusterRoleIsFound() {
        ObjectNode role = TestManifests.load("narrow-role.yaml");
        role.put("kind", "ClusterRole");
        ((ObjectNode) role.get("metadata")).remove("namespace");
        ((ArrayNode) role.at("/rules/0/resources")).add("pods/*");
        ((ArrayNode) role.at("/rules/0/apiGroups")).add("*");

        assertThat(PolicyChecks.wildcardRbac(read(role))).extracting(Finding::path)
                .containsExactly("rules[0].apiGroups", "rules[0].resources");
    }

    private static List<HasMetadata> read(ObjectNode manifest) {
        return List.of(StrictKubernetesModel.read(manifest));
    }

    @Test
    void aNetworkPolicyRuleThatNamesItsPeersHasNoFinding() {
        assertThat(PolicyChecks.openNetworkPolicyRules(read(TestManifests.load("narrow-network-policy.yaml")))).isEmpty();
    }

    @Test
    void rulesOpenToEveryPeerAreFound() {
        ObjectNode policy = TestManifests.load("narrow-network-policy.yaml");
        ((ObjectNode) policy.at("/spec/ingress/0")).remove("from");
        ((ObjectNode) policy.at("/spec/egress/0")).putArray("to");

        assertThat(PolicyChecks.openNetworkPolicyRules(read(policy))).containsExactly(
                new Finding("NetworkPolicy example", "spec.ingress[0].from", "must name its peers"),
                new Finding("NetworkPolicy example", "spec.egress[0].to", "must name its peers"));
    }
}
