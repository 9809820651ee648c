package io.ameide.coderguard.templatesync.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.ameide.coderguard.common.coder.CoderEndpoint;
import io.ameide.coderguard.sandbox.CoderStandIn;
import io.ameide.coderguard.sandbox.Fault;
import io.ameide.coderguard.sandbox.ImportOutcome;
import io.ameide.coderguard.templatesync.coder.StandInSync;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * CoderTemplate objects in a mock API server (CRUD mode, on loopback) synced into the Coder stand-in: what a person
 * sees in the object's status and Events through a full sync, a failed import, a hand promotion and an out-of-order
 * release.
 */
@EnableKubernetesMockClient(crud = true)
class TemplateControllerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String NS = CoderTemplates.NAMESPACE;

    KubernetesClient client;
    private CoderStandIn standIn;
    private TemplateController controller;
    private final AtomicBoolean leading = new AtomicBoolean(true);

    @BeforeEach
    void start() {
        standIn = CoderStandIn.start();
        standIn.templates().importDuration(Duration.ofMillis(100));
        controller = controller(Duration.ofMillis(500), true, Duration.ofMillis(50), Duration.ofMillis(200));
        controller.start();
    }

    @AfterEach
    void stop() {
        controller.close();
        standIn.close();
    }

    @Test
    void aFullSyncCreatesTheTemplateAndReportsItReadyWithItsPromotionAndEvents() {
        apply("devbox", "2026.12.04-1");

        CoderTemplateStatus status = awaitStatus("devbox", s -> isTrue(s, "Ready"));

        assertThat(condition(status, "Synced").getReason()).isEqualTo("InSync");
        assertThat(condition(status, "Drifted").getStatus()).isEqualTo("False");
        assertThat(condition(status, "Failed").getStatus()).isEqualTo("False");
        assertThat(status.getObservedGeneration()).isEqualTo(generation("devbox"));
        assertThat(status.getActiveVersion().getName()).isEqualTo("2026.12.04-1");
        assertThat(status.getActiveVersion().getImportStatus()).isEqualTo("succeeded");
        assertThat(status.getLastPromotion().getCause()).isEqualTo("TemplateCreated");
        assertThat(status.getContentHash()).startsWith("sha256:");
        assertThat(standIn.templates().activeVersionName("k8s-devbox")).contains("2026.12.04-1");
        assertThat(standIn.templates().defaultTtl("k8s-devbox")).contains(Duration.ofMinutes(30));
        // Events are written after the status, so they may arrive a moment after Ready.
        await().atMost(WAIT).until(() -> reasons("devbox").containsAll(List.of("VersionCreated", "TemplateCreated")));
    }

    @Test
    void aFailedImportIsReportedWithCodersErrorAndNothingIsPromoted() {
        apply("devbox", "2026.12.01-1");
        awaitStatus("devbox", s -> isTrue(s, "Ready"));
        standIn.templates().nextImports(ImportOutcome.fail("terraform plan: Unsupported argument \"resources_limits\""));

        release("devbox", "2026.12.04-1");
        CoderTemplateStatus status = awaitStatus("devbox", s -> isTrue(s, "Failed"));

        assertThat(condition(status, "Failed").getReason()).isEqualTo("ReleaseImportFailed");
        assertThat(condition(status, "Failed").getMessage()).startsWith("release version failed to import")
                .contains("resources_limits");
        assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
        assertThat(status.getActiveVersion().getName()).isEqualTo("2026.12.01-1");
        assertThat(status.getReleaseVersion().getImportStatus()).isEqualTo("failed");
        assertThat(standIn.requestCount(CoderEndpoint.PROMOTE_TEMPLATE_VERSION)).isZero();
        await().atMost(WAIT).until(() -> events("devbox").stream()
                .anyMatch(e -> e.getReason().equals("SyncFailed") && e.getType().equals("Warning")));
    }

    @Test
    void aHandPromotionIsDetectedHealedAndRecorded() {
        apply("devbox", "2026.12.04-1");
        awaitStatus("devbox", s -> isTrue(s, "Ready"));

        standIn.templates().pushByHand("k8s-devbox", "hotfix-by-hand", "Uploaded from the CLI");
        standIn.templates().promoteByHand("k8s-devbox", "hotfix-by-hand");
        CoderTemplateStatus status = awaitStatus("devbox", s -> s.getLastPromotion() != null
                && "SelfHeal".equals(s.getLastPromotion().getCause()));

        assertThat(status.getLastPromotion().getReplacedVersionName()).isEqualTo("hotfix-by-hand");
        assertThat(status.getLastPromotion().getVersionName()).isEqualTo("2026.12.04-1");
        assertThat(status.getPromotionHistory()).extracting(CoderTemplateStatus.PromotionRecord::getCause)
                .containsExactly("SelfHeal", "TemplateCreated");
        assertThat(standIn.templates().activeVersionName("k8s-devbox")).contains("2026.12.04-1");
        await().atMost(WAIT).until(() -> reasons("devbox").contains("SelfHealed"));
        assertThat(events("devbox")).filteredOn(e -> e.getReason().equals("SelfHealed")).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).contains("hotfix-by-hand", "made active by hand"));
    }

    @Test
    void aNewerReleaseWinsOverAnOlderOneWhoseImportFinishesLater() {
        apply("devbox", "2026.12.01-1");
        awaitStatus("devbox", s -> isTrue(s, "Ready"));
        standIn.templates().importDuration(Duration.ofMillis(1500));
        release("devbox", "2026.12.03-1");
        awaitStatus("devbox", s -> "ImportRunning".equals(condition(s, "Synced").getReason()));
        standIn.templates().importDuration(Duration.ofMillis(50));

        release("devbox", "2026.12.04-1");
        awaitStatus("devbox", s -> isTrue(s, "Ready") && "2026.12.04-1".equals(s.getActiveVersion().getName()));
        await().atMost(WAIT).until(() -> importOf("2026.12.03-1").equals("SUCCEEDED"));
        long syncs = standIn.requestCount(CoderEndpoint.GET_TEMPLATE_BY_NAME);
        await().atMost(WAIT).until(() -> standIn.requestCount(CoderEndpoint.GET_TEMPLATE_BY_NAME) > syncs + 2);

        CoderTemplateStatus status = status("devbox");
        assertThat(status.getActiveVersion().getName()).isEqualTo("2026.12.04-1");
        assertThat(status.getPromotionHistory()).extracting(CoderTemplateStatus.PromotionRecord::getVersionName)
                .containsExactly("2026.12.04-1", "2026.12.01-1");
        assertThat(standIn.templates().activeVersionName("k8s-devbox")).contains("2026.12.04-1");
    }

    @Test
    void aMissingConfigMapIsAFailedConditionNotACrash() {
        client.resources(CoderTemplate.class).inNamespace(NS)
                .resource(CoderTemplates.template("devbox", "k8s-devbox", "2026.12.04-1", "no-such-files")).create();

        CoderTemplateStatus status = awaitStatus("devbox", s -> isTrue(s, "Failed"));

        assertThat(condition(status, "Failed").getReason()).isEqualTo("ConfigMapMissing");
        assertThat(condition(status, "Failed").getMessage()).contains("coder/no-such-files");
        assertThat(standIn.requestCounts()).isEmpty();
    }

    @Test
    void aProvisionerTagOrAVariableWithoutAValueIsAFailedConditionNotACrash() {
        client.configMaps().inNamespace(NS).resource(CoderTemplates.filesOf("devbox-files")).create();
        CoderTemplate tagged = CoderTemplates.template("devbox", "k8s-devbox", "2026.12.04-1", "devbox-files");
        tagged.getSpec().getProvisionerTags().put("pool", null);
        CoderTemplate valued = CoderTemplates.template("databox", "k8s-databox", "2026.12.04-1", "devbox-files");
        valued.getSpec().getVariables().put("namespace", null);

        client.resources(CoderTemplate.class).inNamespace(NS).resource(tagged).create();
        client.resources(CoderTemplate.class).inNamespace(NS).resource(valued).create();

        assertThat(condition(awaitStatus("devbox", s -> isTrue(s, "Failed")), "Failed").getMessage())
                .isEqualTo("spec.provisionerTags.pool has no value");
        assertThat(condition(awaitStatus("databox", s -> isTrue(s, "Failed")), "Failed").getMessage())
                .isEqualTo("spec.variables.namespace has no value");
        assertThat(standIn.requestCount(CoderEndpoint.CREATE_TEMPLATE_VERSION)).isZero();
    }

    @Test
    void aSecondCoderTemplateNamingTheSameTemplateIsAFailedConditionNotAPromotionEveryResync() {
        apply("devbox", "2026.12.04-1");
        awaitStatus("devbox", s -> isTrue(s, "Ready"));

        client.resources(CoderTemplate.class).inNamespace(NS)
                .resource(CoderTemplates.template("devbox-copy", "K8s-Devbox", "2026.12.05-1", "devbox-files")).create();
        CoderTemplateStatus copy = awaitStatus("devbox-copy", s -> isTrue(s, "Failed"));
        long syncs = standIn.requestCount(CoderEndpoint.GET_TEMPLATE_BY_NAME);
        await().atMost(WAIT).until(() -> standIn.requestCount(CoderEndpoint.GET_TEMPLATE_BY_NAME) > syncs + 4);

        assertThat(condition(copy, "Failed").getReason()).isEqualTo("DuplicateTemplate");
        assertThat(condition(copy, "Failed").getMessage()).isEqualTo("Coder template K8s-Devbox in organization"
                + " default is synced by CoderTemplate coder/devbox already; remove one of the two");
        assertThat(isTrue(status("devbox"), "Ready")).isTrue();
        assertThat(standIn.templates().activeVersionName("k8s-devbox")).contains("2026.12.04-1");
        assertThat(standIn.templates().versionNames("k8s-devbox")).doesNotContain("2026.12.05-1");
        assertThat(standIn.requestCount(CoderEndpoint.PROMOTE_TEMPLATE_VERSION)).isZero();
    }

    @Test
    void whenTheCoderTemplateThatSyncedATemplateIsDeletedTheOtherNamingItTakesOver() {
        apply("devbox", "2026.12.04-1");
        awaitStatus("devbox", s -> isTrue(s, "Ready"));
        client.resources(CoderTemplate.class).inNamespace(NS)
                .resource(CoderTemplates.template("devbox-copy", "k8s-devbox", "2026.12.05-1", "devbox-files")).create();
        awaitStatus("devbox-copy", s -> isTrue(s, "Failed"));

        client.resources(CoderTemplate.class).inNamespace(NS).withName("devbox").delete();

        awaitStatus("devbox-copy", s -> isTrue(s, "Ready"));
        assertThat(standIn.templates().activeVersionName("k8s-devbox")).contains("2026.12.05-1");
    }

    @Test
    void aCoderTemplateWithoutASpecIsAFailedConditionNotACrash() {
        apply("devbox", "2026.12.04-1");
        CoderTemplate empty = CoderTemplates.template("empty", "k8s-empty", "2026.12.04-1", "devbox-files");
        empty.setSpec(null);

        client.resources(CoderTemplate.class).inNamespace(NS).resource(empty).create();

        assertThat(condition(awaitStatus("empty", s -> isTrue(s, "Failed")), "Failed").getReason())
                .isEqualTo("InvalidSpec");
        awaitStatus("devbox", s -> isTrue(s, "Ready"));
    }

    @Test
    void aReleaseNameCoderWouldRefuseIsAFailedConditionAndNothingIsPushed() {
        apply("devbox", "release/1.2");

        CoderTemplateStatus status = awaitStatus("devbox", s -> isTrue(s, "Failed"));

        assertThat(condition(status, "Failed").getReason()).isEqualTo("ReleaseInvalid");
        assertThat(condition(status, "Failed").getMessage()).contains("release/1.2", "breaks Coder's rules");
        assertThat(standIn.requestCount(CoderEndpoint.UPLOAD_FILE)).isZero();
        assertThat(standIn.requestCount(CoderEndpoint.CREATE_TEMPLATE_VERSION)).isZero();
    }

    @Test
    void aReleaseIsPromotedWhenCoderClosesItsImportsLogStreamNotAtTheNextPoll() {
        restartWithPolls(Duration.ofMinutes(5), true);
        standIn.templates().importDuration(Duration.ofSeconds(1));

        apply("devbox", "2026.12.04-1");

        // With the first poll 5 minutes after the version-create, only the stream's close can promote in time.
        CoderTemplateStatus status = awaitStatus("devbox", s -> isTrue(s, "Ready"));
        assertThat(status.getActiveVersion().getName()).isEqualTo("2026.12.04-1");
        assertThat(standIn.requestCount(CoderEndpoint.FOLLOW_TEMPLATE_VERSION_LOGS)).isEqualTo(1);
    }

    @Test
    void anImportLogStreamCoderRefusesLeavesTheWaitToPolling() {
        restartWithPolls(Duration.ofMillis(200), true);
        standIn.inject(CoderEndpoint.FOLLOW_TEMPLATE_VERSION_LOGS, 50, Fault.status(502));
        standIn.templates().importDuration(Duration.ofMillis(600));

        apply("devbox", "2026.12.04-1");

        CoderTemplateStatus status = awaitStatus("devbox", s -> isTrue(s, "Ready"));
        assertThat(status.getActiveVersion().getName()).isEqualTo("2026.12.04-1");
        assertThat(standIn.requestCount(CoderEndpoint.FOLLOW_TEMPLATE_VERSION_LOGS)).isPositive();
    }

    @Test
    void withImportLogsNotFollowedNoStreamIsOpened() {
        restartWithPolls(Duration.ofMillis(200), false);

        apply("devbox", "2026.12.04-1");

        awaitStatus("devbox", s -> isTrue(s, "Ready"));
        assertThat(standIn.requestCount(CoderEndpoint.FOLLOW_TEMPLATE_VERSION_LOGS)).isZero();
    }

    @Test
    void aNewReleaseWhileAnImportIsFollowedDropsTheOldStreamAndFollowsTheNewImport() {
        standIn.templates().importDuration(Duration.ofMinutes(1));
        apply("devbox", "2026.12.03-1");
        await().atMost(WAIT).until(() -> standIn.templates().logFollowers() == 1);

        release("devbox", "2026.12.04-1");

        await().atMost(WAIT).until(() -> standIn.requestCount(CoderEndpoint.FOLLOW_TEMPLATE_VERSION_LOGS) == 2
                && standIn.templates().logFollowers() == 1);
    }

    @Test
    void aSpecMadeUnusableWhileAnImportIsFollowedDropsItsStream() {
        standIn.templates().importDuration(Duration.ofMinutes(1));
        apply("devbox", "2026.12.04-1");
        await().atMost(WAIT).until(() -> standIn.templates().logFollowers() == 1);

        await().atMost(WAIT).ignoreException(KubernetesClientException.class).until(() -> {
            client.resources(CoderTemplate.class).inNamespace(NS).withName("devbox").edit(t -> {
                t.getSpec().setPromotion("Sometimes");
                return t;
            });
            return true;
        });

        assertThat(condition(awaitStatus("devbox", s -> isTrue(s, "Failed")), "Failed").getReason())
                .isEqualTo("InvalidSpec");
        await().atMost(WAIT).until(() -> standIn.templates().logFollowers() == 0);
    }

    @Test
    void aReplicaThatLosesTheLeaseDropsTheImportLogStreamsItHolds() {
        standIn.templates().importDuration(Duration.ofMinutes(1));
        apply("devbox", "2026.12.04-1");
        await().atMost(WAIT).until(() -> standIn.templates().logFollowers() == 1);

        leading.set(false);

        await().atMost(WAIT).until(() -> standIn.templates().logFollowers() == 0);
    }

    @Test
    void closingTheControllerWithImportLogStreamsOpenClosesThemAndLeavesNoThread() {
        controller.close();
        // Other test classes' services may run in this JVM; only this controller's threads must go.
        Set<Thread> before = templateSyncThreads();
        controller = controller(Duration.ofMinutes(5), true, Duration.ofMillis(50), Duration.ofMillis(200));
        controller.start();
        standIn.templates().importDuration(Duration.ofMinutes(1));
        for (String name : List.of("devbox", "gpubox", "databox")) {
            client.configMaps().inNamespace(NS).resource(CoderTemplates.filesOf(name + "-files")).create();
            client.resources(CoderTemplate.class).inNamespace(NS)
                    .resource(CoderTemplates.template(name, "k8s-" + name, "2026.12.04-1", name + "-files")).create();
        }
        await().atMost(WAIT).until(() -> standIn.templates().logFollowers() == 3);

        controller.close();

        await().atMost(WAIT).until(() -> standIn.templates().logFollowers() == 0);
        await().atMost(WAIT).until(() -> before.containsAll(templateSyncThreads()));
    }

    private static Set<Thread> templateSyncThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("template-sync-")).collect(Collectors.toSet());
    }

    /** Replaces the controller by one polling imports every {@code poll}, following their logs or not. */
    private void restartWithPolls(Duration poll, boolean followImportLogs) {
        controller.close();
        controller = controller(Duration.ofMinutes(5), followImportLogs, poll, poll);
        controller.start();
    }

    private TemplateController controller(Duration resync, boolean followImportLogs, Duration pollFirst,
            Duration pollMax) {
        TemplateController.Settings settings = new TemplateController.Settings(NS, resync, followImportLogs,
                pollFirst, pollMax, Duration.ofMillis(100), Duration.ofSeconds(1), 10, 2);
        return new TemplateController(client, settings, StandInSync.syncer(standIn),
                new TemplateEvents(client, Clock.systemUTC(), "test", SyncListener.NONE), SyncListener.NONE,
                Clock.systemUTC(), leading::get);
    }

    private void apply(String name, String version) {
        client.configMaps().inNamespace(NS).resource(CoderTemplates.filesOf(name + "-files")).createOr(c -> c.update());
        client.resources(CoderTemplate.class).inNamespace(NS)
                .resource(CoderTemplates.template(name, "k8s-devbox", version, name + "-files")).create();
    }

    /** A new release in Git, applied as Argo CD would; the controller's status writes may race it (409), as in a cluster. */
    private void release(String name, String version) {
        await().atMost(WAIT).ignoreException(KubernetesClientException.class).until(() -> {
            client.resources(CoderTemplate.class).inNamespace(NS).withName(name).edit(t -> {
                t.getSpec().getRelease().setVersionName(version);
                return t;
            });
            return true;
        });
    }

    /** Fails naming the status the object ended with, so that a failure says what the service wrote. */
    private CoderTemplateStatus awaitStatus(String name, Predicate<CoderTemplateStatus> condition) {
        try {
            return await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> status(name),
                    s -> s != null && !s.getConditions().isEmpty() && condition.test(s));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the status never matched; it is:\n" + Serialization.asYaml(status(name)), e);
        }
    }

    private CoderTemplateStatus status(String name) {
        CoderTemplate template = client.resources(CoderTemplate.class).inNamespace(NS).withName(name).get();
        return template == null ? null : template.getStatus();
    }

    private Long generation(String name) {
        return client.resources(CoderTemplate.class).inNamespace(NS).withName(name).get().getMetadata().getGeneration();
    }

    private List<Event> events(String name) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName())).toList();
    }

    private List<String> reasons(String name) {
        return events(name).stream().map(Event::getReason).toList();
    }

    private String importOf(String version) {
        var coder = StandInSync.client(standIn);
        String templateId = coder.findTemplate("default", "k8s-devbox").orElseThrow().id();
        return coder.listTemplateVersions(templateId).stream().filter(v -> v.name().equals(version)).findFirst()
                .orElseThrow().importStatus().name();
    }

    private static boolean isTrue(CoderTemplateStatus status, String type) {
        return "True".equals(condition(status, type).getStatus());
    }

    private static Condition condition(CoderTemplateStatus status, String type) {
        return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
    }
}
