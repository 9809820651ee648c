package io.ameide.coderguard.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.ameide.coderguard.common.coder.CoderApiException;
import io.ameide.coderguard.common.coder.CoderCallListener;
import io.ameide.coderguard.common.coder.CoderClient;
import io.ameide.coderguard.common.coder.CoderClientConfig;
import io.ameide.coderguard.common.coder.CoderToken;
import io.ameide.coderguard.common.coder.JobLogStream;
import io.ameide.coderguard.common.coder.contract.CoderApiContract;
import io.ameide.coderguard.common.coder.model.CreateTemplateVersionRequest;
import io.ameide.coderguard.common.coder.model.JobStatus;
import io.ameide.coderguard.common.coder.model.TemplateVersion;
import io.ameide.coderguard.sandbox.StandInClient.Answer;

/**
 * The stand-in's import logs as Coder serves them: a JSON array, or with {@code follow} a WebSocket that Coder closes
 * with 1000 once the job has ended; followed through common's Coder client.
 */
class ImportLogStreamTest {

    private static final CoderApiContract CODER = CoderApiContract.load();
    private static final byte[] TAR = "files".getBytes();

    private final CoderStandIn standIn = CoderStandIn.start();
    private final CoderClient client = new CoderClient(
            CoderClientConfig.of(standIn.baseUrl(), CoderToken.of(standIn.token())), CoderCallListener.NONE);
    private final StandInClient raw = new StandInClient(standIn);

    @AfterEach
    void close() {
        standIn.close();
    }

    @Test
    void theStreamOfAnImportUnderWayClosesWhenItEndsAndTheVersionThenSaysHow() throws Exception {
        standIn.templates().importDuration(Duration.ofMillis(300));
        TemplateVersion created = createVersion();

        JobLogStream.End end = endOf(client.followTemplateVersionLogs(created.id()));

        assertThat(end.jobEnded()).isTrue();
        assertThat(end.messages()).isEqualTo(5);
        assertThat(client.getTemplateVersion(created.id()).orElseThrow().importStatus())
                .isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void theStreamOfAnImportThatEndedClosesAtOnceAfterItsLines() throws Exception {
        standIn.templates().nextImports(ImportOutcome.fail("terraform init: no provider"));
        TemplateVersion created = createVersion();
        awaitEnded(created.id());

        JobLogStream.End end = endOf(client.followTemplateVersionLogs(created.id()));

        assertThat(end.jobEnded()).isTrue();
        assertThat(end.messages()).isEqualTo(4);
    }

    @Test
    void theStreamOfAnImportThatNeverStartsStaysOpenUntilTheClientLeaves() throws Exception {
        standIn.templates().nextImports(ImportOutcome.STAY_PENDING);
        TemplateVersion pending = createVersion();
        JobLogStream stream = client.followTemplateVersionLogs(pending.id());

        Throwable stillOpen = catchThrowable(() -> stream.ended().toCompletableFuture().get(500, TimeUnit.MILLISECONDS));
        stream.close();

        assertThat(stillOpen).isInstanceOf(TimeoutException.class);
        assertThat(failureOf(stream)).isInstanceOf(CancellationException.class);
    }

    @Test
    void aFollowOfAnUnknownVersionOrWithoutTheTokenIsRefusedAsCoderRefusesIt() {
        String unknown = "00000000-0000-4000-8000-00000000dead";
        CoderClient signedOut = new CoderClient(
                CoderClientConfig.of(standIn.baseUrl(), CoderToken.of("wrong-token-of-some-length")),
                CoderCallListener.NONE);

        Throwable notFound = failureOf(client.followTemplateVersionLogs(unknown));
        Throwable refused = failureOf(signedOut.followTemplateVersionLogs(createVersion().id()));

        assertThat(notFound).isInstanceOf(CoderApiException.class);
        assertThat(((CoderApiException) notFound).status()).isEqualTo(404);
        assertThat(((CoderApiException) refused).status()).isEqualTo(401);
    }

    @Test
    void withoutFollowTheLinesComeAsAJsonArrayInCodersShapeAfterTheLineAsked() {
        standIn.templates().nextImports(ImportOutcome.fail("terraform init: no provider"));
        TemplateVersion created = createVersion();
        awaitEnded(created.id());

        Answer all = raw.get("/api/v2/templateversions/" + created.id() + "/logs");
        long secondId = all.json().get(1).path("id").asLong();
        Answer after = raw.get("/api/v2/templateversions/" + created.id() + "/logs?after=" + secondId);
        Answer follow = raw.get("/api/v2/templateversions/" + created.id() + "/logs?follow=true");
        Answer badAfter = raw.get("/api/v2/templateversions/" + created.id() + "/logs?after=last");

        assertThat(all.status()).isEqualTo(200);
        all.json().forEach(line -> assertThat(CODER.violations(line, "codersdk.ProvisionerJobLog")).isEmpty());
        assertThat(all.json()).extracting(line -> line.path("stage").asText()).containsExactly("Setting up",
                "Parsing template parameters", "Parsing template parameters", "Cleaning Up");
        assertThat(all.json().get(2).path("log_level").asText()).isEqualTo("error");
        assertThat(all.json().get(2).path("output").asText()).isEqualTo("terraform init: no provider");
        assertThat(after.json()).hasSize(2);
        assertThat(follow.status()).as("a follow without an upgrade").isEqualTo(400);
        assertThat(badAfter.status()).isEqualTo(400);
        assertThat(badAfter.json().path("validations").get(0).path("field").asText()).isEqualTo("after");
    }

    private TemplateVersion createVersion() {
        String templateId = standIn.templates().seedTemplate("k8s-devbox", null,
                List.of(TemplateVersionSeed.succeeded("2026.12.01-1", "m", Instant.parse("2026-12-01T00:00:00Z"))),
                "2026.12.01-1");
        String file = client.uploadTar(TAR);
        return client.createTemplateVersion("default",
                CreateTemplateVersionRequest.fromFile(null, "m", templateId, file, Map.of()));
    }

    private void awaitEnded(String versionId) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> client.getTemplateVersion(versionId).orElseThrow().importStatus().isTerminal());
    }

    private static JobLogStream.End endOf(JobLogStream stream) throws Exception {
        return stream.ended().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Throwable failureOf(JobLogStream stream) {
        Throwable thrown = catchThrowable(() -> stream.ended().toCompletableFuture().get(10, TimeUnit.SECONDS));
        return thrown instanceof ExecutionException e ? e.getCause() : thrown;
    }
}
