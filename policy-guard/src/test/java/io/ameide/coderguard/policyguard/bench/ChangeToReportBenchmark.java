package io.ameide.coderguard.policyguard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.ameide.coderguard.policyguard.kubernetes.ReportWriter;
import io.ameide.coderguard.policyguard.report.PolicyReport;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;

/**
 * The delay from an object change to the updated PolicyReport (goal: under 1 s at p99), through the running service
 * against fabric8's mock API server: a privileged pod is created in one of the namespaces, and the clock stops when a
 * watch on PolicyReports sees a report naming it. It includes the default debounce (200 ms), the informer's delivery
 * and the mock server's own watch delivery. Changes are made one at a time.
 */
@Tag("benchmark")
@QuarkusTest
@TestProfile(BenchmarkProfile.class)
@WithKubernetesTestServer(crud = true)
class ChangeToReportBenchmark {

    private static final int NAMESPACES = Integer.getInteger("benchmark.namespaces", 1_000);
    private static final int PODS = 10;
    private static final int CHANGES = 200;

    @KubernetesTestServer
    KubernetesServer server;

    @Test
    void measuresChangeToReport() throws IOException {
        KubernetesClient client = server.getClient();
        ReportWriter.registerWith(client);
        long loadStarted = System.nanoTime();
        for (int i = 0; i < NAMESPACES; i++) {
            for (HasMetadata object : Fleet.namespace("ws-bench-" + i, PODS)) {
                client.resource(object).create();
            }
        }
        await().atMost(Duration.ofMinutes(3)).until(() -> client.resources(PolicyReport.class).inAnyNamespace().list()
                .getItems().size() == NAMESPACES);
        Duration settled = Duration.ofNanos(System.nanoTime() - loadStarted);

        Map<String, Long> seen = new ConcurrentHashMap<>();
        List<Duration> delays = new ArrayList<>();
        try (Watch watch = client.resources(PolicyReport.class).inAnyNamespace().watch(new Watcher<>() {

            @Override
            public void eventReceived(Action action, PolicyReport report) {
                long now = System.nanoTime();
                report.getResults().forEach(result -> seen.putIfAbsent(result.resources.get(0).name, now));
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        })) {
            for (int change = 0; change < CHANGES; change++) {
                String pod = "probe-" + change;
                long started = System.nanoTime();
                client.resource(Fleet.pod("ws-bench-" + (change % NAMESPACES), pod, true)).create();
                await().atMost(Duration.ofSeconds(10)).until(() -> seen.containsKey(pod));
                delays.add(Duration.ofNanos(seen.get(pod) - started));
            }
        }

        Collections.sort(delays);
        assertThat(delays).hasSize(CHANGES);
        JudgementBenchmark.report(String.format("Change to report, %d namespaces x %d pods x 4 NetworkPolicies on the"
                + " mock API server (load and first reports: %d s), %d changes one at a time, debounce 200 ms:%n"
                + "  p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n", NAMESPACES, PODS, settled.toSeconds(), CHANGES,
                at(delays, 0.50), at(delays, 0.90), at(delays, 0.99), delays.get(delays.size() - 1).toMillis()));
    }

    private static long at(List<Duration> sorted, double quantile) {
        return sorted.get((int) Math.ceil(quantile * sorted.size()) - 1).toMillis();
    }
}
