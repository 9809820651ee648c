package io.ameide.coderguard.idlereaper.kubernetes.exemption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ameide.coderguard.common.coder.model.Workspace;
import io.ameide.coderguard.idlereaper.decision.Exemptions;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;

/** WorkspaceExemption objects in a mock API server (CRUD mode, on loopback), as the reaper sees them. */
@EnableKubernetesMockClient(crud = true)
class ExemptionWatchTest {

    private static final String NAMESPACE = "coder-workspaces";
    private static final Duration CAP = Duration.ofDays(7);

    KubernetesClient client;
    private final Recording listener = new Recording();
    private ExemptionWatch watch;

    @BeforeEach
    void watch() throws Exception {
        watch = new ExemptionWatch(client, List.of(NAMESPACE), CAP, Clock.systemUTC(), listener);
        watch.start().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(watch.synced()).isTrue();
    }

    @AfterEach
    void stop() {
        watch.close();
    }

    @Test
    void anExemptionInForceExemptsTheOwnersWorkspaces() {
        create("alice-demo", spec(List.of("alice"), List.of(), List.of(), "board demo", inOneHour()));

        Exemptions current = awaitInForce();

        assertThat(current.match(workspace("alice", "dev", "k8s"))).contains("owner alice is exempt");
        assertThat(current.match(workspace("bob", "dev", "k8s"))).isEmpty();
    }

    @Test
    void anExemptionInForceExemptsANamedWorkspace() {
        create("forgotten", spec(List.of(), List.of("bob/forgotten", "training"), List.of(), "long test run", inOneHour()));

        Exemptions current = awaitInForce();

        assertThat(current.match(workspace("bob", "forgotten", "k8s"))).contains("workspace bob/forgotten is exempt");
        assertThat(current.match(workspace("carol", "training", "k8s"))).contains("workspace carol/training is exempt");
        assertThat(current.match(workspace("carol", "forgotten", "k8s"))).isEmpty();
    }

    @Test
    void anExemptionInForceExemptsATemplatesWorkspaces() {
        create("gpu", spec(List.of(), List.of(), List.of("GPU-Notebook"), "model training", inOneHour()));

        Exemptions current = awaitInForce();

        assertThat(current.match(workspace("dave", "dev", "gpu-notebook"))).contains("template gpu-notebook is exempt");
    }

    @Test
    void exemptionsOfSeveralObjectsAreJoined() {
        create("alice-demo", spec(List.of("alice"), List.of(), List.of(), "board demo", inOneHour()));
        create("gpu", spec(List.of(), List.of(), List.of("gpu"), "model training", inOneHour()));

        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            Exemptions current = watch.current(Instant.now());
            assertThat(current.owners()).containsExactly("alice");
            assertThat(current.templates()).containsExactly("gpu");
        });
    }

    @Test
    void anExpiredExemptionIsIgnoredAndReported() {
        create("old",
                spec(List.of("alice"), List.of(), List.of(), "last week's demo", Instant.now().minusSeconds(60).toString()));

        ExemptionReport report = awaitReport("old", ExemptionState.EXPIRED);

        assertThat(report.capped()).isFalse();
        assertThat(watch.current(Instant.now())).isEqualTo(Exemptions.NONE);
        assertThat(listener.counts.get()).containsEntry(ExemptionState.EXPIRED, 1).containsEntry(ExemptionState.ACTIVE, 0);
        awaitStatus("old", "Expired", false);
    }

    @Test
    void anExemptionWithoutAReasonIsInvalidAndReported() {
        create("no-reason", spec(List.of("alice"), List.of(), List.of(), null, inOneHour()));

        ExemptionReport report = awaitReport("no-reason", ExemptionState.INVALID);

        assertThat(report.message()).contains("spec.reason is missing");
        assertThat(watch.current(Instant.now())).isEqualTo(Exemptions.NONE);
        assertThat(listener.counts.get()).containsEntry(ExemptionState.INVALID, 1);
        awaitStatus("no-reason", "Invalid", false);
    }

    @Test
    void anExemptionWithoutAnExpiryIsInvalidAndReported() {
        create("forever", spec(List.of("alice"), List.of(), List.of(), "always", null));

        ExemptionReport report = awaitReport("forever", ExemptionState.INVALID);

        assertThat(report.message()).contains("spec.expiresAt is missing");
        assertThat(watch.current(Instant.now())).isEqualTo(Exemptions.NONE);
    }

    @Test
    void anExemptionWithAnUnreadableExpiryIsInvalidAndReported() {
        create("next-friday", spec(List.of("alice"), List.of(), List.of(), "demo", "next friday"));

        ExemptionReport report = awaitReport("next-friday", ExemptionState.INVALID);

        assertThat(report.message()).contains("not an RFC 3339 time");
    }

    @Test
    void anExemptionBeyondTheCapIsInForceOnlyUntilCreationPlusTheCap() {
        WorkspaceExemption created = create("quarter", spec(List.of("alice"), List.of(), List.of(), "quarter-end freeze",
                Instant.now().plus(Duration.ofDays(90)).toString()));
        Instant cap = Instant.parse(created.getMetadata().getCreationTimestamp()).plus(CAP);

        ExemptionReport active = awaitReport("quarter", ExemptionState.ACTIVE);

        assertThat(active.capped()).isTrue();
        assertThat(active.until()).contains(cap);
        assertThat(watch.current(cap.minusSeconds(1)).owners()).containsExactly("alice");
        assertThat(watch.current(cap)).isEqualTo(Exemptions.NONE);
        assertThat(awaitReport("quarter", ExemptionState.EXPIRED).capped()).isTrue();
    }

    @Test
    void deletingAnExemptionEndsIt() {
        create("alice-demo", spec(List.of("alice"), List.of(), List.of(), "board demo", inOneHour()));
        awaitInForce();

        client.resources(WorkspaceExemption.class).inNamespace(NAMESPACE).withName("alice-demo").delete();

        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            assertThat(watch.current(Instant.now())).isEqualTo(Exemptions.NONE);
            assertThat(listener.counts.get()).containsEntry(ExemptionState.ACTIVE, 0);
        });
    }

    @Test
    void eachStateIsReportedOncePerObject() {
        create("alice-demo", spec(List.of("alice"), List.of(), List.of(), "board demo", inOneHour()));
        awaitStatus("alice-demo", "Active", true);

        watch.current(Instant.now());
        watch.current(Instant.now());

        assertThat(listener.reports).extracting(ExemptionReport::state).containsExactly(ExemptionState.ACTIVE);
    }

    private Exemptions awaitInForce() {
        AtomicReference<Exemptions> current = new AtomicReference<>();
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            current.set(watch.current(Instant.now()));
            assertThat(current.get()).isNotEqualTo(Exemptions.NONE);
        });
        return current.get();
    }

    private ExemptionReport awaitReport(String name, ExemptionState state) {
        AtomicReference<ExemptionReport> found = new AtomicReference<>();
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            Optional<ExemptionReport> report = listener.reports.stream()
                    .filter(r -> r.name().equals(name) && r.state() == state).findFirst();
            assertThat(report).isPresent();
            found.set(report.get());
        });
        return found.get();
    }

    private void awaitStatus(String name, String state, boolean active) {
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            WorkspaceExemptionStatus status = client.resources(WorkspaceExemption.class).inNamespace(NAMESPACE).withName(name)
                    .get().getStatus();
            assertThat(status).isNotNull();
            assertThat(status.getState()).isEqualTo(state);
            assertThat(status.getActive()).isEqualTo(active);
        });
    }

    private WorkspaceExemption create(String name, WorkspaceExemptionSpec spec) {
        WorkspaceExemption exemption = new WorkspaceExemption();
        exemption.setMetadata(new ObjectMetaBuilder().withNamespace(NAMESPACE).withName(name).build());
        exemption.setSpec(spec);
        return client.resources(WorkspaceExemption.class).inNamespace(NAMESPACE).resource(exemption).create();
    }

    private static WorkspaceExemptionSpec spec(List<String> owners, List<String> workspaces, List<String> templates,
            String reason, String expiresAt) {
        WorkspaceExemptionSpec spec = new WorkspaceExemptionSpec();
        spec.setOwners(owners);
        spec.setWorkspaces(workspaces);
        spec.setTemplates(templates);
        spec.setReason(reason);
        spec.setExpiresAt(expiresAt);
        return spec;
    }

    private static String inOneHour() {
        return Instant.now().plus(Duration.ofHours(1)).toString();
    }

    private static Workspace workspace(String owner, String name, String template) {
        return new Workspace("0b6c2d1e-4f3a-4c55-9e01-7a1b2c3d4e01", name, "1a2b3c4d-0000-4000-8000-00000000aaaa", owner,
                "9c8b7a6d-0000-4000-8000-00000000cccc", template, null, null, null, null, false, null, null);
    }

    /** What the watch reported, for the assertions. */
    private static final class Recording implements ExemptionListener {

        final List<ExemptionReport> reports = new CopyOnWriteArrayList<>();
        final AtomicReference<Map<ExemptionState, Integer>> counts = new AtomicReference<>(Map.of());

        @Override
        public void entered(ExemptionReport report) {
            reports.add(report);
        }

        @Override
        public void counted(Map<ExemptionState, Integer> current) {
            counts.set(Map.copyOf(current));
        }
    }
}
