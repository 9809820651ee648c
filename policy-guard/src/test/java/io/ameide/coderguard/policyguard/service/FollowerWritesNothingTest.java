package io.ameide.coderguard.policyguard.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.ameide.coderguard.policyguard.kubernetes.ReportWriter;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * With another replica holding the Lease, this one judges but writes nothing; once the holder stops renewing, this
 * replica takes the Lease and writes the report it was holding back.
 */
@QuarkusTest
@TestProfile(LeaseProfile.class)
@WithKubernetesTestServer(crud = true, setup = FollowerWritesNothingTest.LeaseHeldElsewhere.class)
class FollowerWritesNothingTest {

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    LatestFindings latest;

    @Inject
    NamespaceJudgements judgements;

    @Inject
    MeterRegistry registry;

    /**
     * A Lease held by another replica, renewed (as this replica's clock sees it) 15 s from now: time enough to judge
     * twice as a follower before the Lease runs out.
     */
    public static class LeaseHeldElsewhere implements Consumer<KubernetesServer> {

        @Override
        public void accept(KubernetesServer server) {
            server.getClient().leases().inNamespace("guardrails").resource(new LeaseBuilder().withNewMetadata()
                    .withName("policy-guard").endMetadata().withNewSpec().withHolderIdentity("other-replica")
                    .withLeaseDurationSeconds(6).withAcquireTime(ZonedDateTime.now())
                    .withRenewTime(ZonedDateTime.now().plusSeconds(15))
                    .withLeaseTransitions(0).endSpec().build()).create();
        }
    }

    @Test
    void judgesWithoutWritingUntilItHoldsTheLease() {
        KubernetesClient client = server.getClient();
        ReportWriter.registerWith(client);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("ws-t-follower")
                .withLabels(Map.of("coder.example.internal/workspace", "true")).endMetadata().build()).create();

        await().atMost(Duration.ofSeconds(10)).until(() -> latest.of("ws-t-follower").isPresent());
        // A second judgement starts only after the first one's write, if there was one, has finished.
        Instant first = latest.of("ws-t-follower").orElseThrow().judgedAt();
        judgements.resync();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> latest.of("ws-t-follower").orElseThrow().judgedAt().isAfter(first));
        assertThat(ServiceReports.report(client, "ws-t-follower")).as("a follower writes no report").isNull();
        assertThat(leaderGauge()).as("policy_guard_leader of a follower").isZero();

        await().atMost(Duration.ofSeconds(40)).until(() -> ServiceReports.report(client, "ws-t-follower") != null);
        assertThat(client.leases().inNamespace("guardrails").withName("policy-guard").get().getSpec()
                .getHolderIdentity()).isNotEqualTo("other-replica");
        assertThat(leaderGauge()).as("policy_guard_leader of the holder").isEqualTo(1.0);
    }

    private double leaderGauge() {
        return registry.get("policy_guard_leader").gauge().value();
    }
}
