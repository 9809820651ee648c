package io.ameide.coderguard.policyguard.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.ameide.coderguard.policyguard.kubernetes.DriftEvents;
import io.ameide.coderguard.policyguard.kubernetes.ReportWriter;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * The sandbox's seeded namespaces, in the API server before the service starts, as in the sandbox: the first reports
 * hold exactly the seeded deviations, and no Event is written for a finding that only a half-filled cache could see
 * (a namespace judged before its pods or policies were listed).
 */
@QuarkusTest
@TestProfile(SeededClusterTest.SandboxPolicy.class)
@WithKubernetesTestServer(crud = true, setup = SeededClusterTest.Seeded.class)
class SeededClusterTest {

    @KubernetesTestServer
    KubernetesServer server;

    /** The sandbox's policy; no Coder, so the orphan rules are skipped. */
    public static class SandboxPolicy implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("policy-guard.kubernetes.enabled", "true", "policy-guard.policy-file", "sandbox/policy.yaml",
                    "policy-guard.debounce", "50ms", "policy-guard.resync-interval", "1h");
        }
    }

    /** Loads policy-guard/sandbox/workspace-namespaces.yaml before the service starts. */
    public static class Seeded implements Consumer<KubernetesServer> {

        @Override
        public void accept(KubernetesServer server) {
            KubernetesClient client = server.getClient();
            try (InputStream input = Files.newInputStream(Path.of("sandbox", "workspace-namespaces.yaml"))) {
                for (HasMetadata object : client.load(input).items()) {
                    client.resource(object).create();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void reportsTheSeededDeviationsAndWritesNoEventForAFindingThatIsNotReal() {
        KubernetesClient client = server.getClient();
        ReportWriter.registerWith(client);
        String bobPod = "Pod ws-bob/coder-8c2d4e6f-1a3b-4c5d-8e7f-9a0b1c2d3e4f-7d8e9f0a1b-k4p2q";

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(ServiceReports.report(client, "ws-alice")).isNotNull();
            assertThat(ServiceReports.lines(ServiceReports.report(client, "ws-alice"))).isEmpty();
            assertThat(ServiceReports.lines(ServiceReports.report(client, "ws-bob"))).containsExactly(
                    "image.digest " + bobPod + " [container dind]", "network.dns Namespace ws-bob [DNS]",
                    "privilege.host-path " + bobPod + " [volume dockersock]",
                    "privilege.privileged " + bobPod + " [container dind]");
            assertThat(ServiceReports.lines(ServiceReports.report(client, "ws-carol"))).containsExactly(
                    "credentials.queue-secret Pod ws-carol/carol-scratch [secret orders-kafka]",
                    "identity.cluster-admin RoleBinding ws-carol/workspace-helper [ServiceAccount ws-carol]",
                    "identity.token-automount Pod ws-carol/carol-scratch [ServiceAccount ws-carol]",
                    "quota.limit-range-missing Namespace ws-carol [LimitRange]");
        });

        List<String> events = client.v1().events().inAnyNamespace().list().getItems().stream()
                .filter(event -> DriftEvents.REASON.equals(event.getReason()))
                .map(Event::getMessage)
                .map(message -> message.substring(0, message.indexOf(']') + 1))
                .sorted()
                .toList();
        assertThat(events).containsExactly("[credentials.queue-secret]", "[identity.cluster-admin]",
                "[identity.token-automount]", "[image.digest]", "[network.dns]", "[privilege.host-path]",
                "[privilege.privileged]", "[quota.limit-range-missing]");
    }
}
