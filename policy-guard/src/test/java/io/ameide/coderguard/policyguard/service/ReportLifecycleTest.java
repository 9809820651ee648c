package io.ameide.coderguard.policyguard.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ameide.coderguard.policyguard.kubernetes.DriftEvents;
import io.ameide.coderguard.policyguard.kubernetes.ReportWriter;
import io.ameide.coderguard.policyguard.policy.Rule;
import io.ameide.coderguard.policyguard.policy.Severity;
import io.ameide.coderguard.policyguard.report.PolicyReport;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/** A namespace's PolicyReport and Events follow the namespace as it drifts and is put right, on the mock API server. */
@QuarkusTest
@TestProfile(KubernetesProfile.class)
@WithKubernetesTestServer(crud = true)
class ReportLifecycleTest {

    private static final String IMAGE = "registry.example.internal/devbox/base:1.8.2@sha256:"
            + "3f1a9c0e5b7d2a4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d";

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    NamespaceJudgements judgements;

    @Inject
    LatestFindings latest;

    @Inject
    MeterRegistry registry;

    private KubernetesClient client;

    @BeforeEach
    void client() {
        client = server.getClient();
        ReportWriter.registerWith(client);
    }

    @Test
    void createsTheReportUpdatesItWhenAnObjectIsFixedAndDropsResultsOfDeletedObjects() {
        workspaceNamespace("ws-t-life");
        client.pods().inNamespace("ws-t-life").resource(privilegedPod("dev")).create();

        PolicyReport created = awaitLines("ws-t-life", List.of(
                "network.default-deny Namespace ws-t-life [Egress]", "network.default-deny Namespace ws-t-life [Ingress]",
                "privilege.privileged Pod ws-t-life/dev [container dev]",
                "quota.limit-range-missing Namespace ws-t-life [LimitRange]",
                "quota.resource-quota-missing Namespace ws-t-life [ResourceQuota]"));
        assertThat(created.getSummary().fail).isEqualTo(5);

        client.limitRanges().inNamespace("ws-t-life").resource(new LimitRangeBuilder().withNewMetadata()
                .withName("ws-defaults").endMetadata().withNewSpec().addNewLimit().withType("Container")
                .withDefault(Map.of("cpu", new Quantity("1"), "memory", new Quantity("1Gi"))).endLimit().endSpec()
                .build()).create();

        PolicyReport fixed = awaitLines("ws-t-life", List.of("network.default-deny Namespace ws-t-life [Egress]",
                "network.default-deny Namespace ws-t-life [Ingress]",
                "privilege.privileged Pod ws-t-life/dev [container dev]",
                "quota.resource-quota-missing Namespace ws-t-life [ResourceQuota]"));
        assertThat(fixed.getMetadata().getUid()).isEqualTo(created.getMetadata().getUid());
        assertThat(fixed.getMetadata().getResourceVersion()).isNotEqualTo(created.getMetadata().getResourceVersion());

        client.pods().inNamespace("ws-t-life").withName("dev").delete();

        awaitLines("ws-t-life", List.of("network.default-deny Namespace ws-t-life [Egress]",
                "network.default-deny Namespace ws-t-life [Ingress]",
                "quota.resource-quota-missing Namespace ws-t-life [ResourceQuota]"));
    }

    @Test
    void writesAnEventOncePerNewFindingAndNotAgainOnResync() {
        workspaceNamespace("ws-t-events");
        client.pods().inNamespace("ws-t-events").resource(privilegedPod("dev")).create();
        await().atMost(Duration.ofSeconds(20)).until(() -> driftEvents("ws-t-events").size() == 5);
        PolicyReport before = ServiceReports.report(client, "ws-t-events");
        Instant judged = latest.of("ws-t-events").orElseThrow().judgedAt();

        judgements.resync();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> latest.of("ws-t-events").orElseThrow().judgedAt().isAfter(judged));

        List<Event> onPod = driftEvents("ws-t-events").stream()
                .filter(event -> "Pod".equals(event.getInvolvedObject().getKind()))
                .toList();
        assertThat(onPod).hasSize(1);
        assertThat(onPod.get(0).getMessage()).isEqualTo("[privilege.privileged] Container dev runs privileged.");
        assertThat(onPod.get(0).getType()).isEqualTo("Warning");
        assertThat(driftEvents("ws-t-events")).hasSize(5);
        assertThat(ServiceReports.report(client, "ws-t-events").getMetadata().getResourceVersion())
                .as("an unchanged judgement leaves the report alone").isEqualTo(before.getMetadata().getResourceVersion());
    }

    @Test
    void countsFindingsByRuleAndSeverityAsTheNamespacesHoldThem() {
        workspaceNamespace("ws-t-metrics");
        client.pods().inNamespace("ws-t-metrics").resource(privilegedPod("dev")).create();
        await().atMost(Duration.ofSeconds(20)).until(() -> latest.of("ws-t-metrics").map(j -> j.findings().size())
                .orElse(0) == 5);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (Rule rule : Rule.values()) {
                for (Severity severity : Severity.values()) {
                    long held = latest.all().values().stream().flatMap(judgement -> judgement.findings().stream())
                            .filter(finding -> finding.rule() == rule && finding.severity() == severity).count();
                    assertThat(registry.get("policy_guard_findings").tag("rule", rule.id())
                            .tag("severity", severity.label()).gauge().value()).as("%s %s", rule, severity)
                            .isEqualTo(held);
                }
            }
        });
        assertThat(registry.get("policy_guard_objects_cached").tag("kind", "Pod").gauge().value()).isPositive();
        assertThat(registry.get("policy_guard_evaluations_total").tag("outcome", "judged").counter().count())
                .isPositive();
    }

    private void workspaceNamespace(String name) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of("coder.example.internal/workspace", "true", "environment", "dev")).endMetadata()
                .build()).create();
    }

    private static Pod privilegedPod(String name) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().addNewContainer()
                .withName("dev").withImage(IMAGE).withNewSecurityContext().withPrivileged(true).endSecurityContext()
                .addNewEnv().withName("CODER_AGENT_TOKEN").withValue("not-a-real-token").endEnv()
                .endContainer().endSpec().build();
    }

    private List<Event> driftEvents(String namespace) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(event -> DriftEvents.REASON.equals(event.getReason()))
                .toList();
    }

    private PolicyReport awaitLines(String namespace, List<String> expected) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> ServiceReports.report(client, namespace),
                report -> report != null && ServiceReports.lines(report).equals(expected));
    }
}
