package io.ameide.coderguard.policyguard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.ameide.coderguard.policyguard.RealWorldCases;
import io.ameide.coderguard.policyguard.audit.ObservedObjects;
import io.ameide.coderguard.policyguard.decision.ClusterView;
import io.ameide.coderguard.policyguard.decision.Finding;
import io.ameide.coderguard.policyguard.decision.Judge;
import io.ameide.coderguard.policyguard.decision.NamespaceSnapshot;
import io.ameide.coderguard.policyguard.policy.Policy;
import io.ameide.coderguard.policyguard.policy.PolicyParser;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;

/**
 * A full judgement of 1,000 workspace namespaces with 10 pods and 4 NetworkPolicies each, against the baseline policy:
 * wall time (goal: under 10 s on 2 cores) and the memory the observed objects take. The judging is the service's own
 * code over in-memory snapshots, as the service does it from its caches; the API server is not part of it.
 */
@Tag("benchmark")
class JudgementBenchmark {

    private static final int NAMESPACES = 1_000;
    private static final int PODS = 10;
    private static final int ROUNDS = 5;

    @Test
    void judgesAThousandNamespaces() throws IOException {
        Policy policy = PolicyParser.parse(Files.readString(RealWorldCases.baseline()));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long heapBefore = usedHeapAfterGc(memory);
        List<NamespaceSnapshot> fleet = new ArrayList<>();
        for (int i = 0; i < NAMESPACES; i++) {
            List<HasMetadata> objects = Fleet.namespace("ws-bench-" + i, PODS);
            fleet.add(ObservedObjects.snapshot((Namespace) objects.get(0), objects.subList(1, objects.size())));
        }
        long fleetBytes = usedHeapAfterGc(memory) - heapBefore;

        List<Duration> rounds = new ArrayList<>();
        int findings = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Instant started = Instant.now();
            findings = judgeAll(policy, fleet);
            rounds.add(Duration.between(started, Instant.now()));
        }

        assertThat(findings).isEqualTo(NAMESPACES * PODS / 10);
        report(String.format("Full judgement, %d namespaces x %d pods (3 containers each) x 4 NetworkPolicies, baseline"
                + " policy, %d cores:%n  first round (cold JIT) %d ms; following rounds %s ms; %d findings%n"
                + "  observed objects in memory: %.1f MiB (%.1f KiB per namespace)%n", NAMESPACES, PODS,
                Runtime.getRuntime().availableProcessors(), rounds.get(0).toMillis(),
                rounds.subList(1, ROUNDS).stream().map(Duration::toMillis).toList(), findings,
                fleetBytes / 1024.0 / 1024.0, fleetBytes / 1024.0 / NAMESPACES));
    }

    private static int judgeAll(Policy policy, List<NamespaceSnapshot> fleet) {
        Judge judge = new Judge(policy);
        int findings = 0;
        for (NamespaceSnapshot namespace : fleet) {
            List<Finding> found = judge.judge(namespace, ClusterView.EMPTY, Optional.empty(), Instant.now());
            findings += found.size();
        }
        return findings;
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    static void report(String text) throws IOException {
        System.out.print(text);
        Files.writeString(Path.of("target/benchmark-results.txt"), text, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
