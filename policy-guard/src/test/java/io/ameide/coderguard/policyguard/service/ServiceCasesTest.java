package io.ameide.coderguard.policyguard.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ameide.coderguard.policyguard.RealWorldCases;
import io.ameide.coderguard.policyguard.kubernetes.ReportWriter;
import io.ameide.coderguard.policyguard.report.PolicyReport;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * The shared real-world cases through the running service: every case's objects are created in the mock API server
 * (CRUD mode) and the PolicyReport the service writes for each namespace must hold the expected findings, the same
 * scope as in the audit tests.
 */
@QuarkusTest
@TestProfile(KubernetesProfile.class)
@WithKubernetesTestServer(crud = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceCasesTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @KubernetesTestServer
    KubernetesServer server;

    @BeforeAll
    void createEveryCase() throws IOException {
        KubernetesClient client = server.getClient();
        ReportWriter.registerWith(client);
        for (RealWorldCases realCase : RealWorldCases.values()) {
            try (InputStream input = Files.newInputStream(realCase.input())) {
                for (HasMetadata object : client.load(input).items()) {
                    create(client, object);
                }
            }
        }
    }

    /** Creates an object; the case's stale Kyverno report goes through its Java type, which names its resource. */
    private static void create(KubernetesClient client, HasMetadata object) throws IOException {
        if (object instanceof GenericKubernetesResource generic && "PolicyReport".equals(generic.getKind())) {
            String json = client.getKubernetesSerialization().asJson(generic);
            PolicyReport report = JSON.readValue(json, PolicyReport.class);
            client.resources(PolicyReport.class).inNamespace(generic.getMetadata().getNamespace()).resource(report)
                    .create();
            return;
        }
        client.resource(object).create();
    }

    @Test
    void passesNamespaceWhoseCatchAllPoliciesCoverEveryPod() {
        assertInScope(RealWorldCases.CASE_15, "ws-u-amber");
        assertThat(ServiceReports.report(server.getClient(), "ws-u-amber").getSummary().fail).isZero();
    }

    @Test
    void flagsMissingDnsAndDnsOverUdpOnly() {
        assertInScope(RealWorldCases.CASE_17, "ws-u-cedar", "ws-u-dune");
    }

    @Test
    void flagsAbsentLimitRangeAlthoughAQuotaIsPresent() {
        assertInScope(RealWorldCases.CASE_18, "ws-u-elm");
    }

    @Test
    void flagsPrivilegedInitAndEphemeralContainersAndTheDockerSocketDespiteAnUnprivilegedMainContainer() {
        assertInScope(RealWorldCases.CASE_20, "ws-u-grove");
    }

    @Test
    void acceptsOnlyValidDigestsWhateverRegistryPortsAndLookalikeNames() {
        assertInScope(RealWorldCases.CASE_21, "ws-u-heath");
    }

    @Test
    void findsQueueAndOtherEnvironmentSecretsReachedThroughProjectedVolumesAndEnvFrom() {
        assertInScope(RealWorldCases.CASE_22, "ws-u-iris");
    }

    @Test
    void judgesLiveObjectsAndNotAStaleReportAboutAPodThatIsGone() {
        assertInScope(RealWorldCases.CASE_23, "ws-u-jade");
        PolicyReport stale = server.getClient().resources(PolicyReport.class).inNamespace("ws-u-jade")
                .withName("cpol-disallow-privileged-containers").get();
        assertThat(stale.getResults()).as("another tool's report is left alone").hasSize(1);
    }

    /**
     * The reports of the case's namespaces hold the expected findings once the service has judged them with every object
     * of the case in its caches (a namespace judged while its objects were still being created is judged again).
     */
    private void assertInScope(RealWorldCases realCase, String... namespaces) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Set<String> lines = new TreeSet<>();
            for (String namespace : namespaces) {
                PolicyReport report = ServiceReports.report(server.getClient(), namespace);
                assertThat(report).as("PolicyReport of %s", namespace).isNotNull();
                lines.addAll(ServiceReports.lines(report));
            }
            assertThat(realCase.inScope(List.copyOf(lines))).isEqualTo(realCase.expected());
        });
    }
}
