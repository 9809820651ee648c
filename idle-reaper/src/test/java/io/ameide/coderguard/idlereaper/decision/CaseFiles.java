package io.ameide.coderguard.idlereaper.decision;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import io.ameide.coderguard.common.coder.CoderJson;
import io.ameide.coderguard.common.coder.model.Workspace;

/** Reads the cases from real-world failures, copied from the project's shared cases into the test resources. */
final class CaseFiles {

    private CaseFiles() {
    }

    static JsonNode load(String name) {
        try (InputStream in = CaseFiles.class.getResourceAsStream("/cases/" + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("no case " + name + " in the test resources");
            }
            return CoderJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Workspace workspace(JsonNode node) {
        try {
            return CoderJson.mapper().treeToValue(node, Workspace.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Instant now(JsonNode caseNode) {
        return Instant.parse(caseNode.path("now").asText());
    }

    static IdleJudge judge(JsonNode caseNode) {
        Duration timeout = Duration.ofMinutes(caseNode.path("config").path("idle_timeout_minutes").asLong());
        return new IdleJudge(new IdlePolicy(timeout, Exemptions.NONE));
    }
}
