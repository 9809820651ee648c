package io.ameide.coderguard.templatesync.coder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.ameide.coderguard.common.coder.CoderEndpoint;
import io.ameide.coderguard.sandbox.CoderStandIn;
import io.ameide.coderguard.sandbox.ImportOutcome;
import io.ameide.coderguard.templatesync.coder.SyncOutcome.Failure;
import io.ameide.coderguard.templatesync.decision.Drift.Kind;
import io.ameide.coderguard.templatesync.decision.SyncAction;
import io.ameide.coderguard.templatesync.decision.TarPack;
import io.ameide.coderguard.templatesync.decision.TemplateSettings;
import io.ameide.coderguard.templatesync.decision.Tracking;

/** Whole syncs of the sandbox template through the Coder stand-in, one behaviour each. */
class TemplateSyncerTest {

    private final CoderStandIn standIn = CoderStandIn.start();
    private final TemplateSyncer syncer = StandInSync.syncer(standIn);

    @AfterEach
    void close() {
        standIn.close();
    }

    @Test
    void createsATemplateCoderDoesNotHaveFromTheReleaseAndTracksItsVersionById() {
        standIn.templates().importDuration(Duration.ofMillis(500));

        SyncOutcome first = syncer.sync(StandInSync.request("k8s-devbox", "2026.12.04-1", Tracking.NONE));
        SyncOutcome last = syncUntilSettled(first.tracking(), "k8s-devbox", "2026.12.04-1");

        assertThat(first.plan().action()).isEqualTo(SyncAction.WAIT_FOR_IMPORT);
        assertThat(first.steps()).extracting(SyncOutcome.StepRecord::step).containsExactly(SyncStep.LINT,
                SyncStep.PACK, SyncStep.UPLOAD, SyncStep.CREATE_VERSION, SyncStep.WAIT_FOR_IMPORT);
        assertThat(first.tracking().versionId()).isNotNull();
        assertThat(last.plan().isInSync()).isTrue();
        assertThat(standIn.templates().activeVersionName("k8s-devbox")).contains("2026.12.04-1");
        assertThat(standIn.requestCount(CoderEndpoint.CREATE_TEMPLATE_VERSION)).isEqualTo(1);
        assertThat(standIn.requestCount(CoderEndpoint.CREATE_TEMPLATE)).isEqualTo(1);
    }

    @Test
    void promotesANewReleaseOnlyAfterItsImportSucceededAndVerifiesIt() {
        Tracking tracking = syncedTemplate("2026.12.01-1");
        standIn.templates().importDuration(Duration.ofMillis(300));

        SyncOutcome importing = syncer.sync(StandInSync.request("k8s-devbox", "2026.12.04-1", tracking));
        SyncOutcome done = syncUntilSettled(importing.tracking(), "k8s-devbox", "2026.12.04-1");

        assertThat(importing.plan().action()).isEqualTo(SyncAction.WAIT_FOR_IMPORT);
        assertThat(importing.activeVersion().orElseThrow().name()).isEqualTo("2026.12.01-1");
        assertThat(done.steps()).extracting(SyncOutcome.StepRecord::step).contains(SyncStep.PROMOTE, SyncStep.VERIFY);
        assertThat(done.promotions()).singleElement()
                .satisfies(p -> assertThat(p.cause()).isEqualTo(Promotion.Cause.RELEASE));
        assertThat(standIn.templates().activeVersionName("k8s-devbox")).contains("2026.12.04-1");
    }

    @Test
    void neverPromotesAReleaseWhoseImportFailedAndReportsCodersError() {
        Tracking tracking = syncedTemplate("2026.12.01-1");
        standIn.templates().nextImports(ImportOutcome.fail("terraform plan: Unsupported argument \"resources_limits\""));

        SyncOutcome failed = syncUntilSettled(tracking, "k8s-devbox", "2026.12.04-1");

        assertThat(failed.plan().action()).isEqualTo(SyncAction.HOLD);
        assertThat(failed.plan().primaryDrift().orElseThrow().kind()).isEqualTo(Kind.RELEASE_IMPORT_FAILED);
        assertThat(failed.plan().primaryDrift().orElseThrow().message()).contains("resources_limits");
        assertThat(standIn.templates().activeVersionName("k8s-devbox")).contains("2026.12.01-1");
        assertThat(standIn.requestCount(CoderEndpoint.PROMOTE_TEMPLATE_VERSION)).isZero();
    }

    @Test
    void healsAHandPromotionBackToTheRelease() {
        Tracking tracking = syncedTemplate("2026.12.01-1");
        standIn.templates().pushByHand("k8s-devbox", "hotfix-by-hand", "Uploaded from the CLI");
        standIn.templates().promoteByHand("k8s-devbox", "hotfix-by-hand");

        SyncOutcome healed = syncer.sync(StandInSync.request("k8s-devbox", "2026.12.01-1", tracking));

        assertThat(healed.promotions()).singleElement()
                .satisfies(p -> assertThat(p.cause()).isEqualTo(Promotion.Cause.SELF_HEAL));
        assertThat(standIn.templates().activeVersionName("k8s-devbox")).contains("2026.12.01-1");
        assertThat(healed.plan().isInSync()).isTrue();
    }

    @Test
    void onlyReportsAHandPromotionWhenSelfHealIsOff() {
        Tracking tracking = syncedTemplate("2026.12.01-1");
        standIn.templates().pushByHand("k8s-devbox", "hotfix-by-hand", "Uploaded from the CLI");
        standIn.templates().promoteByHand("k8s-devbox", "hotfix-by-hand");

        SyncOutcome reported = syncer.sync(StandInSync.request("k8s-devbox", "2026.12.01-1", tracking,
                StandInSync.sandboxTemplate(), TemplateSettings.UNMANAGED, false));

        assertThat(reported.plan().action()).isEqualTo(SyncAction.HOLD);
        assertThat(reported.plan().drift().get(0).message())
                .isEqualTo("Coder active version hotfix-by-hand != release 2026.12.01-1");
        assertThat(standIn.templates().activeVersionName("k8s-devbox")).contains("hotfix-by-hand");
    }

    @Test
    void followsTheNewerReleaseWhenAnOlderImportFinishesLater() {
        Tracking tracking = syncedTemplate("2026.12.01-1");
        standIn.templates().importDuration(Duration.ofMillis(800));
        SyncOutcome older = syncer.sync(StandInSync.request("k8s-devbox", "2026.12.03-1", tracking));
        standIn.templates().importDuration(Duration.ofMillis(20));

        SyncOutcome newer = syncUntilSettled(older.tracking(), "k8s-devbox", "2026.12.04-1");
        await().atMost(Duration.ofSeconds(5)).until(() -> importStatusOf("2026.12.03-1").equals("succeeded"));
        SyncOutcome after = syncer.sync(StandInSync.request("k8s-devbox", "2026.12.04-1", newer.tracking()));

        assertThat(newer.plan().isInSync()).isTrue();
        assertThat(after.plan().isInSync()).isTrue();
        assertThat(standIn.templates().activeVersionName("k8s-devbox")).contains("2026.12.04-1");
        assertThat(after.promotions()).isEmpty();
    }

    @Test
    void neverPromotesAVersionPushedByHandUnderTheReleaseName() {
        Tracking tracking = syncedTemplate("2026.12.01-1");
        standIn.templates().pushByHand("k8s-devbox", "2026.12.04-1", "Uploaded from the CLI");

        SyncOutcome held = syncer.sync(StandInSync.request("k8s-devbox", "2026.12.04-1", tracking));

        assertThat(held.plan().action()).isEqualTo(SyncAction.HOLD);
        assertThat(held.plan().primaryDrift().orElseThrow().kind()).isEqualTo(Kind.CONTENT_MISMATCH);
        assertThat(standIn.requestCount(CoderEndpoint.CREATE_TEMPLATE_VERSION)).isEqualTo(1);
        assertThat(standIn.templates().activeVersionName("k8s-devbox")).contains("2026.12.01-1");
    }

    @Test
    void pushesNothingWhenTheFilesBreakTheLintRules() {
        Map<String, byte[]> files = new TreeMap<>(StandInSync.sandboxTemplate());
        files.put("secrets.tf", "locals {\n  db_password = \"hunter2-literal\"\n}\n".getBytes(StandardCharsets.UTF_8));

        SyncOutcome refused = syncer.sync(StandInSync.request("k8s-devbox", "2026.12.04-1", Tracking.NONE, files,
                TemplateSettings.UNMANAGED, true));

        assertThat(refused.failure().orElseThrow().kind()).isEqualTo(Failure.Kind.LINT);
        assertThat(refused.lintFindings()).singleElement().asString().startsWith("SECRET_LITERAL secrets.tf:2");
        assertThat(standIn.requestCounts()).isEmpty();
    }

    @Test
    void sendsTheReleasesVariableValuesWithItsVersionAndCountsThemAsItsContent() {
        standIn.templates().importDuration(Duration.ofMillis(20));
        Map<String, String> variables = Map.of("namespace", "coder-ws-dev");

        SyncOutcome[] created = {syncer.sync(StandInSync.request("k8s-devbox", "2026.12.04-1", Tracking.NONE, variables))};
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            created[0] = syncer.sync(StandInSync.request("k8s-devbox", "2026.12.04-1", created[0].tracking(), variables));
            return created[0].plan().isInSync();
        });
        SyncOutcome otherValues = syncer.sync(StandInSync.request("k8s-devbox", "2026.12.04-1", created[0].tracking(),
                Map.of("namespace", "coder-ws-prod")));

        assertThat(standIn.templates().variableValues("k8s-devbox", "2026.12.04-1")).isEqualTo(variables);
        assertThat(created[0].contentHash()).isNotEqualTo(TarPack.pack(StandInSync.sandboxTemplate()).contentHash());
        // The same release name with other values is another content: never promoted, reported.
        assertThat(otherValues.plan().action()).isEqualTo(SyncAction.HOLD);
        assertThat(otherValues.plan().drift()).extracting(d -> d.kind().name()).contains("CONTENT_MISMATCH");
    }

    @Test
    void pushesNothingWhileAVariableWithoutDefaultHasNoValue() {
        Map<String, byte[]> files = new TreeMap<>(StandInSync.sandboxTemplate());
        files.put("builder.tf", "variable \"builder_image\" {\n  type = string\n}\n".getBytes(StandardCharsets.UTF_8));

        SyncOutcome refused = syncer.sync(StandInSync.request("k8s-devbox", "2026.12.04-1", Tracking.NONE, files,
                TemplateSettings.UNMANAGED, true));

        assertThat(refused.failure().orElseThrow().kind()).isEqualTo(Failure.Kind.LINT);
        assertThat(refused.lintFindings()).singleElement().asString().startsWith("VARIABLE_WITHOUT_VALUE");
        assertThat(standIn.requestCounts()).isEmpty();
    }

    @Test
    void changesNothingInDryRunAndSaysWhatItWouldDo() {
        TemplateSyncer dryRun = StandInSync.syncer(standIn, Duration.ofMinutes(15), Clock.systemUTC(), true);

        SyncOutcome planned = dryRun.sync(StandInSync.request("k8s-devbox", "2026.12.04-1", Tracking.NONE));

        assertThat(planned.dryRun()).isTrue();
        assertThat(planned.plan().action()).isEqualTo(SyncAction.CREATE_VERSION);
        assertThat(standIn.requestCount(CoderEndpoint.UPLOAD_FILE)).isZero();
        assertThat(standIn.templates().activeVersionName("k8s-devbox")).isEmpty();
    }

    @Test
    void patchesSettingsThatDriftedAndLeavesTheOthersAlone() {
        TemplateSettings thirtyMinutes = new TemplateSettings(null, null, null, Duration.ofMinutes(30),
                Duration.ofMinutes(30));
        Tracking tracking = syncedTemplate("2026.12.01-1");
        standIn.templates().setDefaultTtlByHand("k8s-devbox", Duration.ofHours(8));

        SyncOutcome patched = syncer.sync(StandInSync.request("k8s-devbox", "2026.12.01-1", tracking,
                StandInSync.sandboxTemplate(), thirtyMinutes, true));

        assertThat(patched.ranStep(SyncStep.PATCH_SETTINGS)).isTrue();
        assertThat(patched.plan().isInSync()).isTrue();
        assertThat(standIn.templates().defaultTtl("k8s-devbox")).contains(Duration.ofMinutes(30));
    }

    @Test
    void reportsCoderUnavailableAsTransient() {
        standIn.inject(CoderEndpoint.GET_TEMPLATE_BY_NAME, 5, io.ameide.coderguard.sandbox.Fault.status(503));

        SyncOutcome failed = syncer.sync(StandInSync.request("k8s-devbox", "2026.12.04-1", Tracking.NONE));

        assertThat(failed.failure().orElseThrow().kind()).isEqualTo(Failure.Kind.CODER_UNAVAILABLE);
        assertThat(failed.failure().orElseThrow().isTransient()).isTrue();
        assertThat(failed.failure().orElseThrow().message()).contains("503");
    }

    @Test
    void changesNothingMoreOnceThisReplicaLostTheLease() {
        SyncOutcome stopped = syncer.sync(StandInSync.request("k8s-devbox", "2026.12.04-1", Tracking.NONE), () -> false);

        assertThat(stopped.failure().orElseThrow().kind()).isEqualTo(Failure.Kind.NOT_LEADING);
        assertThat(standIn.requestCount(CoderEndpoint.UPLOAD_FILE)).isZero();
        assertThat(standIn.requestCount(CoderEndpoint.CREATE_TEMPLATE_VERSION)).isZero();
    }

    /** A template already synced to {@code version} by template-sync; returns what it remembers. */
    private Tracking syncedTemplate(String version) {
        standIn.templates().importDuration(Duration.ofMillis(20));
        return syncUntilSettled(Tracking.NONE, "k8s-devbox", version).tracking();
    }

    private SyncOutcome syncUntilSettled(Tracking tracking, String template, String version) {
        SyncOutcome[] last = {null};
        Tracking[] current = {tracking};
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            last[0] = syncer.sync(StandInSync.request(template, version, current[0]));
            current[0] = last[0].tracking();
            return last[0].plan() != null && last[0].plan().action() != SyncAction.WAIT_FOR_IMPORT;
        });
        return last[0];
    }

    private String importStatusOf(String version) {
        return StandInSync.client(standIn).listTemplateVersions(
                StandInSync.client(standIn).findTemplate("default", "k8s-devbox").orElseThrow().id()).stream()
                .filter(v -> v.name().equals(version)).findFirst().orElseThrow().importStatus().name().toLowerCase();
    }
}
