package io.ameide.coderguard.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.ameide.coderguard.common.coder.CoderJson;

/**
 * Every field the stand-in writes must exist, with the same JSON type, in Coder's API description. The
 * description is reduced to names and types in {@code coder-response-fields.json}, which
 * {@code extract-response-fields.py} beside it makes from Coder's swagger.json.
 */
class CoderResponseShapeTest {

    /**
     * Coder writes {@code task_id} (a Go {@code uuid.NullUUID}) as a UUID string or null, while its API
     * description calls it an object; the stand-in writes what Coder writes.
     */
    private static final Set<String> KNOWN_DIFFERENCES = Set.of("codersdk.Workspace.task_id");

    private static final JsonNode DEFINITIONS = load("/coder-response-fields.json").path("definitions");

    private final CoderStandIn standIn = CoderStandIn.start(
            StandInOptions.defaults().withJobDuration(Duration.ofHours(1)));
    private final StandInClient client = new StandInClient(standIn);
    private String running;

    @BeforeEach
    void addOneWorkspaceOfEachKind() {
        StandInWorkspaces workspaces = standIn.workspaces();
        running = workspaces.add(WorkspaceSpec.running("alice", "dev").ttl(Duration.ofHours(8))
                .autostartSchedule("CRON_TZ=Europe/Berlin 30 8 * * 1-5").appStatus("working")
                .taskId("0b6c2d1e-4f3a-4c55-9e01-7a1b2c3d4e01"));
        workspaces.add(WorkspaceSpec.building("bob", "starting"));
        workspaces.add(WorkspaceSpec.queued("carol", "waiting"));
        workspaces.add(WorkspaceSpec.failed("dave", "broken"));
        workspaces.add(WorkspaceSpec.stopped("erin", "asleep").dormantAt(Instant.parse("2026-12-01T00:00:00Z")));
        workspaces.add(WorkspaceSpec.prebuild("kubernetes", "kubernetes-prebuild-x7q2"));
    }

    @AfterEach
    void close() {
        standIn.close();
    }

    @Test
    void writesWorkspacePagesInCodersShapeOnly() {
        JsonNode page = client.get("/api/v2/workspaces").json();

        assertThat(page.path("count").asInt()).isEqualTo(6);
        assertThat(violations(page, "codersdk.WorkspacesResponse", "$")).isEmpty();
    }

    @Test
    void writesQueuedAndFetchedBuildsInCodersShapeOnly() {
        JsonNode queued = client.stop(running).json();
        JsonNode fetched = client.get("/api/v2/workspacebuilds/" + queued.path("id").asText()).json();

        assertThat(violations(queued, "codersdk.WorkspaceBuild", "$")).isEmpty();
        assertThat(violations(fetched, "codersdk.WorkspaceBuild", "$")).isEmpty();
    }

    @Test
    void writesErrorsAndBuildInfoInCodersShapeOnly() {
        JsonNode unauthorized = new StandInClient(standIn.baseUrl(), null).get("/api/v2/workspaces").json();
        JsonNode invalid = client.get("/api/v2/workspaces?q=colour:blue").json();
        JsonNode buildInfo = client.get("/api/v2/buildinfo").json();

        assertThat(violations(unauthorized, "codersdk.Response", "$")).isEmpty();
        assertThat(violations(invalid, "codersdk.Response", "$")).isEmpty();
        assertThat(violations(buildInfo, "codersdk.BuildInfoResponse", "$")).isEmpty();
    }

    @Test
    void writesTheFieldsTheServicesRead() {
        JsonNode workspace = client.get("/api/v2/workspaces/" + running).json();
        JsonNode build = workspace.path("latest_build");

        assertThat(fieldNames(workspace)).contains("id", "created_at", "updated_at", "owner_id", "owner_name",
                "organization_id", "template_id", "template_name", "template_active_version_id", "name",
                "outdated", "ttl_ms", "last_used_at", "dormant_at", "deleting_at", "is_prebuild",
                "latest_app_status", "latest_build");
        assertThat(fieldNames(build)).contains("id", "workspace_id", "workspace_name", "workspace_owner_id",
                "workspace_owner_name", "build_number", "transition", "status", "reason", "created_at",
                "updated_at", "deadline", "max_deadline", "template_version_id", "template_version_name",
                "initiator_id", "initiator_name", "job", "matched_provisioners", "resources");
        assertThat(build.path("max_deadline").isNull()).isTrue();
        assertThat(build.path("job").path("type").asText()).isEqualTo("workspace_build");
        assertThat(fieldNames(build.path("job"))).contains("id", "status", "created_at", "started_at",
                "completed_at", "queue_position", "queue_size", "tags");
    }

    @Test
    void catchesAFieldCoderDoesNotHaveAndAWrongType() throws IOException {
        JsonNode invented = CoderJson.mapper().readTree("{\"id\":\"x\",\"idle_for\":3,\"outdated\":\"no\"}");

        assertThat(violations(invented, "codersdk.Workspace", "$")).containsExactly(
                "$.idle_for is no field of codersdk.Workspace", "$.outdated is \"no\", not a boolean");
    }

    private static List<String> violations(JsonNode object, String definition, String path) {
        List<String> found = new ArrayList<>();
        JsonNode fields = DEFINITIONS.path(definition);
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String at = path + "." + field.getKey();
            JsonNode type = fields.get(field.getKey());
            if (type == null) {
                found.add(at + " is no field of " + definition);
            } else if (!KNOWN_DIFFERENCES.contains(definition + "." + field.getKey())) {
                found.addAll(typeViolations(field.getValue(), type, at));
            }
        }
        return found;
    }

    private static List<String> typeViolations(JsonNode value, JsonNode type, String at) {
        if (value.isNull()) {
            return List.of();
        }
        String expected = type.path("type").asText();
        boolean matches = switch (expected) {
            case "string" -> value.isTextual() && allowed(value.asText(), type.path("enum"));
            case "integer" -> value.isIntegralNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> false;
        };
        if (!matches) {
            String allowed = type.has("enum") ? " of " + type.path("enum") : "";
            return List.of(at + " is " + value + ", not a " + expected + allowed);
        }
        return nested(value, type, at);
    }

    private static List<String> nested(JsonNode value, JsonNode type, String at) {
        List<String> found = new ArrayList<>();
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                found.addAll(typeViolations(value.get(i), type.path("items"), at + "[" + i + "]"));
            }
        } else if (value.isObject() && type.has("ref")) {
            found.addAll(violations(value, type.path("ref").asText(), at));
        } else if (value.isObject() && type.has("values")) {
            value.fields().forEachRemaining(
                    e -> found.addAll(typeViolations(e.getValue(), type.path("values"), at + "." + e.getKey())));
        }
        return found;
    }

    private static boolean allowed(String text, JsonNode values) {
        if (!values.isArray()) {
            return true;
        }
        for (JsonNode value : values) {
            if (value.asText().equals(text)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode load(String resource) {
        try (InputStream in = CoderResponseShapeTest.class.getResourceAsStream(resource)) {
            return CoderJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
