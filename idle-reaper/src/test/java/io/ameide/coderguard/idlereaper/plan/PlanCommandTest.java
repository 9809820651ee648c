package io.ameide.coderguard.idlereaper.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.ameide.coderguard.common.coder.CoderJson;

class PlanCommandTest {

    private static final String PAGE = """
            {"count": 3, "workspaces": [
              {"id": "3a4b5c6d-0000-4d00-8000-00000000e501", "name": "prebuilt", "owner_name": "prebuilds",
               "owner_id": "c42fdf75-3097-471c-8c33-fb52454d81c0", "last_used_at": "2025-07-10T12:00:00Z",
               "latest_build": {"build_number": 1, "transition": "start",
                                "job": {"status": "succeeded", "completed_at": "2025-07-10T11:59:40Z"}}},
              {"id": "3a4b5c6d-0000-4d00-8000-00000000e502", "name": "ws-cedar", "owner_name": "u-cedar",
               "template_name": "k8s-devbox", "last_used_at": "2025-07-10T17:20:00Z",
               "latest_build": {"build_number": 5, "transition": "start",
                                "job": {"status": "succeeded", "completed_at": "2025-07-10T15:01:30Z"}}},
              {"id": "3a4b5c6d-0000-4d00-8000-00000000e503", "name": "ws-broken", "owner_name": "u-dune",
               "last_used_at": "yesterday-ish",
               "latest_build": {"build_number": 2, "transition": "start", "job": {"status": "succeeded"}}}
            ]}""";

    @TempDir
    Path folder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void printsOneLinePerWorkspaceWithVerdictNameReasonAndWhy() throws IOException {
        int status = plan("--now", "2025-07-10T18:00:00Z", page().toString());

        assertThat(status).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "SKIP prebuilds/prebuilt prebuild: owned by Coder's prebuilds user; Coder's prebuild reconciliation manages it",
                "STOP u-cedar/ws-cedar idle: idle for 40m (threshold 30m) since 2025-07-10T17:20:00Z",
                "SKIP ?/ws-broken unreadable: could not be read: Cannot deserialize value of type `java.time.Instant` from"
                        + " String \"yesterday-ish\": not an RFC 3339 timestamp: \"yesterday-ish\" at"
                        + " io.ameide.coderguard.common.coder.model.Workspace[\"last_used_at\"]");
    }

    @Test
    void previewsALongerTimeoutAndExemptions() throws IOException {
        plan("--now", "2025-07-10T18:00:00Z", "--idle-timeout", "45m", page().toString());
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("KEEP u-cedar/ws-cedar in_use: idle for 40m (threshold 45m)");

        out.reset();
        plan("--now", "2025-07-10T18:00:00Z", "--exempt-template", "k8s-devbox", page().toString());
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("SKIP u-cedar/ws-cedar exempt: template k8s-devbox is exempt");
    }

    @Test
    void writesTheDecisionsAsJson() throws IOException {
        plan("--json", "--now", "2025-07-10T18:00:00Z", page().toString());

        JsonNode decisions = CoderJson.mapper().readTree(out.toByteArray());
        assertThat(decisions).hasSize(3);
        assertThat(decisions.get(1).path("verdict").asText()).isEqualTo("STOP");
        assertThat(decisions.get(1).path("workspace").asText()).isEqualTo("u-cedar/ws-cedar");
        assertThat(decisions.get(1).path("idleSince").asText()).isEqualTo("2025-07-10T17:20:00Z");
    }

    @Test
    void readsStandardInputAndDefaultsTheClockToNow() {
        Clock clock = Clock.fixed(Instant.parse("2025-07-10T17:30:00Z"), ZoneOffset.UTC);
        PlanCommand command = new PlanCommand(print(out), print(err), new ByteArrayInputStream(PAGE.getBytes()), clock);

        assertThat(command.run("-")).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("KEEP u-cedar/ws-cedar in_use: idle for 10m");
    }

    @Test
    void exitsWithTwoAndTheUsageOnAWrongCommandLine() {
        assertThat(plan("--idle-timeout", "soon", "file.json")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("idle-reaper plan: not a duration with a unit: \"soon\" (try 30m, 1h30m, 90s, 2d or PT30M)")
                .contains("Usage: idle-reaper plan");
    }

    @Test
    void exitsWithOneWhenTheFileIsNotAWorkspaceList() throws IOException {
        Path notAList = Files.writeString(folder.resolve("other.json"), "{\"message\": \"unauthorized\"}");

        assertThat(plan(notAList.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("expected an object with a \"workspaces\" array");
    }

    private Path page() throws IOException {
        return Files.writeString(folder.resolve("workspaces.json"), PAGE);
    }

    private int plan(String... args) {
        return new PlanCommand(print(out), print(err), new ByteArrayInputStream(new byte[0]), Clock.systemUTC()).run(args);
    }

    private static PrintStream print(ByteArrayOutputStream sink) {
        return new PrintStream(sink, true, StandardCharsets.UTF_8);
    }
}
