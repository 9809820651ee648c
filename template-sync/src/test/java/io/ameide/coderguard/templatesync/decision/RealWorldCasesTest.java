package io.ameide.coderguard.templatesync.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ameide.coderguard.templatesync.decision.Drift.Kind;

/**
 * The template-sync cases from real-world failures, as decisions over Coder's observed state. The same cases run
 * against the Coder stand-in, through the whole sync, in {@code coder/RealWorldCasesOnStandInTest}.
 * <p>
 * The cases carry no version messages, so no content hash: a case's release is given the hash the planner would read
 * from the version (none), and content mismatch is tested on its own in {@link SyncPlannerTest}.
 */
class RealWorldCasesTest {

    private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(15);

    @Test
    void neverPromotesAReleaseWhoseImportFailedAndDoesNotTakeANameMatchForInSync() {
        JsonNode testCase = CaseFiles.read("case-09");
        Map<String, ObservedTemplate> coder = CaseFiles.templates(testCase);

        SyncPlan devbox = plan(release("k8s-devbox", "2025.02.14-1"), coder.get("k8s-devbox"), testCase);
        SyncPlan gpu = plan(release("gpu-box", "2025.02.10-2"), coder.get("gpu-box"), testCase);

        assertThat(devbox.action()).isEqualTo(SyncAction.HOLD);
        assertThat(devbox.drift()).extracting(Drift::kind).containsExactly(Kind.RELEASE_IMPORT_FAILED,
                Kind.ACTIVE_VERSION_DIFFERS);
        assertThat(devbox.primaryDrift().orElseThrow().message()).startsWith("release version failed to import")
                .contains("Unsupported argument");
        assertThat(coder.get("k8s-devbox").activeVersion().orElseThrow().name()).isEqualTo("2025.02.01-1");
        assertThat(gpu.action()).isEqualTo(SyncAction.HOLD);
        assertThat(gpu.drift()).extracting(Drift::kind).containsExactly(Kind.ACTIVE_VERSION_FAILED_IMPORT);
        assertThat(gpu.primaryDrift().orElseThrow().message())
                .startsWith("active version 2025.02.10-2 has a failed import job");
    }

    @Test
    void tracksTheCreatedVersionByIdAndRenamesItInsteadOfPushingAgain() {
        JsonNode testCase = CaseFiles.read("case-10");
        JsonNode steps = testCase.path("steps");
        String hash = ContentHash.of(new byte[]{10});
        Release release = release("py-notebook", "2025.04.10-1", hash);
        JsonNode polled = steps.get(1).path("response_body");
        ObservedVersion tracked = new ObservedVersion(polled.path("id").asText(), polled.path("name").asText(),
                ContentHash.message("2025.04.10-1", "77e0f1a", hash), ImportStatus.SUCCEEDED, null, "", 3, Map.of());
        Tracking tracking = new Tracking(tracked.id(), "2025.04.10-1", java.util.Set.of());
        SyncPlanner planner = new SyncPlanner(IMPORT_TIMEOUT);

        SyncPlan beforeTemplate = planner.plan(release, Optional.empty(), Optional.of(tracked), tracking,
                CaseFiles.now(testCase));
        JsonNode created = steps.get(2).path("response_body");
        ObservedTemplate template = new ObservedTemplate(created.path("id").asText(),
                created.path("active_version_id").asText(), TemplateSettings.UNMANAGED, List.of(tracked));
        SyncPlan afterTemplate = planner.plan(release, Optional.of(template), Optional.of(tracked), tracking,
                CaseFiles.now(testCase));

        assertThat(beforeTemplate).isEqualTo(new SyncPlan(SyncAction.CREATE_TEMPLATE,
                "9a0b1c2d-0000-4a10-8000-000000011002", List.of()));
        assertThat(afterTemplate.action()).isEqualTo(SyncAction.RENAME_VERSION);
        assertThat(afterTemplate.versionId()).isEqualTo("9a0b1c2d-0000-4a10-8000-000000011002");
        assertThat(afterTemplate.drift()).extracting(Drift::kind).containsExactly(Kind.NAME_MISMATCH);
        assertThat(afterTemplate.primaryDrift().orElseThrow().message()).contains("name mismatch", "eager_lamport3");
    }

    @Test
    void stopsWaitingForAnImportNoProvisionerCanTakeAtTheTimeout() {
        JsonNode testCase = CaseFiles.read("case-12");
        ObservedTemplate gpu = CaseFiles.templates(testCase).get("gpu-box");
        Duration timeout = Duration.ofMinutes(testCase.path("config").path("import_timeout_minutes").asLong());

        SyncPlan atTimeout = new SyncPlanner(timeout).plan(release("gpu-box", "2025.08.20-1"), Optional.of(gpu),
                Optional.empty(), Tracking.NONE, CaseFiles.now(testCase));
        SyncPlan before = new SyncPlanner(timeout).plan(release("gpu-box", "2025.08.20-1"), Optional.of(gpu),
                Optional.empty(), Tracking.NONE, Instant.parse("2025-08-20T10:14:59Z"));

        assertThat(atTimeout.action()).isEqualTo(SyncAction.HOLD);
        assertThat(atTimeout.drift()).extracting(Drift::kind).containsExactly(Kind.IMPORT_STUCK,
                Kind.ACTIVE_VERSION_DIFFERS);
        assertThat(atTimeout.primaryDrift().orElseThrow().message())
                .startsWith("import stuck: no provisioner matches tags").contains("pool=gpu");
        assertThat(gpu.activeVersion().orElseThrow().name()).isEqualTo("2025.08.01-3");
        assertThat(before.action()).isEqualTo(SyncAction.WAIT_FOR_IMPORT);
    }

    @Test
    void judgesDriftFromCoderItselfNotFromArgoCdSyncStatus() {
        JsonNode testCase = CaseFiles.read("case-14");
        assertThat(testCase.path("argo_application").path("status").path("sync").path("status").asText())
                .isEqualTo("Synced");
        ObservedTemplate devbox = CaseFiles.templates(testCase).get("k8s-devbox");
        String releaseName = testCase.path("release_at_revision").path("version_name").asText();

        SyncPlan plan = plan(release("k8s-devbox", releaseName), devbox, testCase);

        assertThat(plan.action()).isEqualTo(SyncAction.CREATE_VERSION);
        assertThat(plan.drift()).containsExactly(new Drift(Kind.ACTIVE_VERSION_DIFFERS,
                "Coder active version 2025.09.30-3 != release 2025.10.07-1"));
    }

    private static SyncPlan plan(Release release, ObservedTemplate template, JsonNode testCase) {
        return new SyncPlanner(IMPORT_TIMEOUT).plan(release, Optional.of(template), Optional.empty(), Tracking.NONE,
                CaseFiles.now(testCase));
    }

    static Release release(String template, String version) {
        return release(template, version, "");
    }

    static Release release(String template, String version, String hash) {
        return new Release(template, version, hash, TemplateSettings.UNMANAGED, Release.Promotion.AUTOMATIC, true,
                Map.of());
    }
}
