package io.ameide.coderguard.idlereaper.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ameide.coderguard.common.coder.model.Workspace;

/**
 * The idle-reaper cases from real-world failures (cases 01, 03, 05, 07, 08), each asserting its expected decision. The
 * cases say STOP, KEEP, SKIP or "no action"; "no action" for a workspace that is building is the reaper's SKIP.
 */
class RealWorldCasesTest {

    @Test
    void measuresIdlenessFromTheBuildThatJustCompletedAndIgnoresAStopRecordedForAnOlderBuild() {
        JsonNode scenario = CaseFiles.load("case-01");
        JsonNode state = scenario.path("reaper_state");
        StopRequest staleStop = new StopRequest(state.path("workspace_id").asText(),
                state.path("stop_requested_for_build_number").asInt(),
                Instant.parse(state.path("idle_since_recorded").asText()),
                Instant.parse(state.path("stop_requested_at").asText()), false);

        Decision decision = CaseFiles.judge(scenario).decide(CaseFiles.workspace(scenario.path("coder_workspace")),
                CaseFiles.now(scenario), Optional.of(staleStop));

        assertThat(decision.verdict()).isEqualTo(Verdict.KEEP);
        assertThat(decision.idleSince()).isEqualTo(Instant.parse("2025-03-12T09:16:05Z"));
        assertThat(decision.idleFor()).isEqualTo(Duration.ofMinutes(3).plusSeconds(55));
        assertThat(decision.stopAt()).isEqualTo(Instant.parse("2025-03-12T09:46:05Z"));
    }

    @Test
    void takesNoActionOnAWorkspaceWhoseBuildIsInProgress() {
        JsonNode scenario = CaseFiles.load("case-03");

        Decision decision = CaseFiles.judge(scenario).decide(CaseFiles.workspace(scenario.path("coder_workspace")),
                CaseFiles.now(scenario), Optional.empty());

        assertThat(decision.verdict()).isEqualTo(Verdict.SKIP);
        assertThat(decision.reason()).isEqualTo(Reason.NOT_RUNNING);
        assertThat(decision.stopAt()).isNull();
    }

    @Test
    void skipsAnUnclaimedPrebuildAndStopsTheIdleWorkspaceBesideIt() {
        JsonNode scenario = CaseFiles.load("case-05");

        Map<String, Decision> decisions = decideAll(scenario, scenario.path("coder_workspaces_page").path("workspaces"),
                CaseFiles.now(scenario));

        assertThat(decisions.get("k8s-devbox-prebuild-x7q2").verdict()).isEqualTo(Verdict.SKIP);
        assertThat(decisions.get("k8s-devbox-prebuild-x7q2").reason()).isEqualTo(Reason.PREBUILD);
        assertThat(decisions.get("ws-cedar").verdict()).isEqualTo(Verdict.STOP);
        assertThat(decisions.get("ws-cedar").idleFor()).isEqualTo(Duration.ofMinutes(40));
    }

    @Test
    void readsEveryTimestampShapeAsAUtcInstantWhateverTheMachinesZone() {
        JsonNode scenario = CaseFiles.load("case-07");
        TimeZone machineZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(scenario.path("config").path("service_default_timezone").asText()));
        Map<String, Decision> decisions;
        try {
            decisions = decideAll(scenario, scenario.path("coder_workspaces"), CaseFiles.now(scenario));
        } finally {
            TimeZone.setDefault(machineZone);
        }

        assertThat(decisions.get("ws-fjord").verdict()).isEqualTo(Verdict.KEEP);
        assertThat(decisions.get("ws-fjord").idleFor()).isEqualTo(Duration.ofMinutes(15));
        assertThat(decisions.get("ws-glade").verdict()).isEqualTo(Verdict.STOP);
        assertThat(decisions.get("ws-glade").idleFor()).isEqualTo(Duration.ofMinutes(40));
        assertThat(decisions.get("ws-harbor").verdict()).isEqualTo(Verdict.KEEP);
        assertThat(decisions.get("ws-harbor").idleSince()).isEqualTo(Instant.parse("2024-11-05T09:19:59.123456789Z"));
        assertThat(decisions.get("ws-isle").verdict()).isEqualTo(Verdict.KEEP);
        assertThat(decisions.get("ws-isle").idleFor()).isEqualTo(Duration.ZERO);
    }

    @Test
    void measuresRealElapsedTimeAcrossDaylightSavingSwitches() {
        JsonNode scenarios = CaseFiles.load("case-08").path("scenarios");
        JsonNode springForward = scenarios.get(0);
        JsonNode fallBack = scenarios.get(1);
        IdleJudge judge = CaseFiles.judge(CaseFiles.load("case-08"));

        Decision juniper = judge.decide(CaseFiles.workspace(springForward.path("coder_workspace")),
                CaseFiles.now(springForward), Optional.empty());
        Decision kiln = judge.decide(CaseFiles.workspace(fallBack.path("coder_workspace")), CaseFiles.now(fallBack),
                Optional.empty());

        assertThat(juniper.verdict()).isEqualTo(Verdict.KEEP);
        assertThat(juniper.idleFor()).isEqualTo(Duration.ofMinutes(10));
        assertThat(kiln.verdict()).isEqualTo(Verdict.STOP);
        assertThat(kiln.idleFor()).isEqualTo(Duration.ofMinutes(35));
    }

    private static Map<String, Decision> decideAll(JsonNode scenario, JsonNode workspaces, Instant now) {
        IdleJudge judge = CaseFiles.judge(scenario);
        Map<String, Decision> decisions = new LinkedHashMap<>();
        for (JsonNode node : workspaces) {
            Workspace workspace = CaseFiles.workspace(node);
            decisions.put(workspace.name(), judge.decide(workspace, now, Optional.empty()));
        }
        return decisions;
    }
}
