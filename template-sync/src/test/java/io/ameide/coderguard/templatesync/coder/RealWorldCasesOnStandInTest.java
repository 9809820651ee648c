package io.ameide.coderguard.templatesync.coder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ameide.coderguard.common.coder.CoderEndpoint;
import io.ameide.coderguard.common.coder.model.JobStatus;
import io.ameide.coderguard.sandbox.CoderStandIn;
import io.ameide.coderguard.sandbox.TemplateVersionSeed;
import io.ameide.coderguard.templatesync.decision.CaseFiles;
import io.ameide.coderguard.templatesync.decision.Drift;
import io.ameide.coderguard.templatesync.decision.Drift.Kind;
import io.ameide.coderguard.templatesync.decision.SyncAction;
import io.ameide.coderguard.templatesync.decision.Tracking;

/**
 * The template-sync cases from real-world failures, each seeded into the Coder stand-in as the case found Coder, then
 * synced with the sandbox template's files. The expected decision of each case is asserted exactly, plus what reached
 * Coder (no promotion where the case forbids one, no second push).
 */
class RealWorldCasesOnStandInTest {

    private final CoderStandIn standIn = CoderStandIn.start();

    @AfterEach
    void close() {
        standIn.close();
    }

    @Test
    void keepsTheLastGoodVersionWhenTheReleaseFailedToImportAndFlagsAFailedActiveVersionDespiteItsName() {
        JsonNode testCase = CaseFiles.read("case-09");
        seed(testCase);
        TemplateSyncer syncer = syncerAt(testCase, Duration.ofMinutes(15));

        SyncOutcome devbox = syncer.sync(StandInSync.request("k8s-devbox", "2025.02.14-1", Tracking.NONE));
        SyncOutcome gpu = syncer.sync(StandInSync.request("gpu-box", "2025.02.10-2", Tracking.NONE));

        assertThat(devbox.plan().action()).isEqualTo(SyncAction.HOLD);
        assertThat(devbox.plan().drift().get(0).kind()).isEqualTo(Kind.RELEASE_IMPORT_FAILED);
        assertThat(devbox.plan().drift().get(0).message()).startsWith("release version failed to import");
        assertThat(standIn.templates().activeVersionName("k8s-devbox")).contains("2025.02.01-1");
        assertThat(gpu.plan().action()).isEqualTo(SyncAction.HOLD);
        assertThat(gpu.plan().drift()).extracting(Drift::message)
                .containsExactly("active version 2025.02.10-2 has a failed import job: terraform init: provider registry"
                        + " unreachable");
        assertThat(standIn.requestCount(CoderEndpoint.PROMOTE_TEMPLATE_VERSION)).isZero();
        assertThat(standIn.requestCount(CoderEndpoint.CREATE_TEMPLATE_VERSION)).isZero();
    }

    @Test
    void followsTheCreatedVersionByIdWhenCoderStoresItUnderARandomNameAndRenamesItWithoutASecondPush() {
        JsonNode testCase = CaseFiles.read("case-10");
        JsonNode release = testCase.path("release");
        standIn.templates().nameNextVersionsRandomly(1);
        standIn.templates().importDuration(Duration.ofMillis(300));
        TemplateSyncer syncer = StandInSync.syncer(standIn);
        String template = release.path("template_name").asText();
        String version = release.path("version_name").asText();

        SyncOutcome created = syncer.sync(StandInSync.request(template, version, Tracking.NONE));
        String storedAs = created.releaseVersion().orElseThrow().name();
        SyncOutcome[] last = {created};
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            last[0] = syncer.sync(StandInSync.request(template, version, last[0].tracking()));
            return last[0].plan().action() != SyncAction.WAIT_FOR_IMPORT;
        });

        assertThat(storedAs).isNotEqualTo(version).matches("[a-z]+_[a-z]+[0-9]");
        assertThat(last[0].steps()).extracting(SyncOutcome.StepRecord::step)
                .containsSubsequence(SyncStep.CREATE_TEMPLATE, SyncStep.RENAME_VERSION);
        assertThat(last[0].plan().isInSync()).isTrue();
        assertThat(last[0].tracking().versionId()).isEqualTo(created.tracking().versionId());
        assertThat(standIn.templates().versionNames(template)).containsExactly(version);
        assertThat(standIn.requestCount(CoderEndpoint.UPLOAD_FILE)).isEqualTo(1);
        assertThat(standIn.requestCount(CoderEndpoint.CREATE_TEMPLATE_VERSION)).isEqualTo(1);
    }

    @Test
    void stopsWaitingAtTheImportTimeoutWhenNoProvisionerMatchesTheTags() {
        JsonNode testCase = CaseFiles.read("case-12");
        seed(testCase);
        Duration timeout = Duration.ofMinutes(testCase.path("config").path("import_timeout_minutes").asLong());

        SyncOutcome stuck = syncerAt(testCase, timeout)
                .sync(StandInSync.request("gpu-box", "2025.08.20-1", Tracking.NONE));

        assertThat(stuck.plan().action()).isEqualTo(SyncAction.HOLD);
        assertThat(stuck.plan().drift().get(0).kind()).isEqualTo(Kind.IMPORT_STUCK);
        assertThat(stuck.plan().drift().get(0).message()).startsWith("import stuck: no provisioner matches tags")
                .contains("pool=gpu");
        assertThat(standIn.templates().activeVersionName("gpu-box")).contains("2025.08.01-3");
        assertThat(standIn.requestCount(CoderEndpoint.PROMOTE_TEMPLATE_VERSION)).isZero();
    }

    @Test
    void pushesImportsAndPromotesTheReleaseWhenCoderServesAnotherVersionWhateverArgoCdSays() {
        JsonNode testCase = CaseFiles.read("case-14");
        seed(testCase);
        standIn.templates().importDuration(Duration.ofMillis(300));
        TemplateSyncer syncer = StandInSync.syncer(standIn);
        String version = testCase.path("release_at_revision").path("version_name").asText();

        SyncOutcome first = syncer.sync(StandInSync.request("k8s-devbox", version, Tracking.NONE));
        SyncOutcome[] last = {first};
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            last[0] = syncer.sync(StandInSync.request("k8s-devbox", version, last[0].tracking()));
            return last[0].plan().action() != SyncAction.WAIT_FOR_IMPORT;
        });

        assertThat(first.steps()).extracting(SyncOutcome.StepRecord::step).contains(SyncStep.CREATE_VERSION);
        assertThat(first.plan().drift()).containsExactly(
                new Drift(Kind.ACTIVE_VERSION_DIFFERS, "Coder active version 2025.09.30-3 != release 2025.10.07-1"));
        assertThat(last[0].plan().isInSync()).isTrue();
        assertThat(standIn.templates().activeVersionName("k8s-devbox")).contains(version);
    }

    private TemplateSyncer syncerAt(JsonNode testCase, Duration importTimeout) {
        return StandInSync.syncer(standIn, importTimeout, Clock.fixed(CaseFiles.now(testCase), ZoneOffset.UTC), false);
    }

    /** The case's Coder state in the stand-in: each template with its versions and its active version. */
    private void seed(JsonNode testCase) {
        JsonNode coder = testCase.path("coder");
        List<JsonNode> templates = new ArrayList<>();
        coder.path("templates").forEach(templates::add);
        if (coder.has("template")) {
            templates.add(coder.path("template"));
        }
        for (JsonNode template : templates) {
            String id = template.path("id").asText();
            List<TemplateVersionSeed> versions = new ArrayList<>();
            String active = null;
            for (JsonNode version : coder.path("template_versions")) {
                if (!version.path("template_id").asText(id).equals(id)) {
                    continue;
                }
                versions.add(seed(version, CaseFiles.now(testCase)));
                if (version.path("id").asText().equals(template.path("active_version_id").asText())) {
                    active = version.path("name").asText();
                }
            }
            standIn.templates().seedTemplate(template.path("name").asText(), id, versions, active);
        }
    }

    private static TemplateVersionSeed seed(JsonNode version, Instant now) {
        JsonNode job = version.path("job");
        Map<String, String> tags = new LinkedHashMap<>();
        job.path("tags").fields().forEachRemaining(tag -> tags.put(tag.getKey(), tag.getValue().asText()));
        String created = job.path("created_at").asText(version.path("created_at").asText(null));
        JsonNode matched = version.path("matched_provisioners");
        return new TemplateVersionSeed(version.path("id").asText(), version.path("name").asText(), null,
                JobStatus.valueOf(job.path("status").asText().toUpperCase()), job.path("error").asText(null),
                created == null ? now.minus(Duration.ofDays(30)) : Instant.parse(created), tags,
                matched.isMissingNode() ? 3 : matched.path("count").asInt());
    }
}
