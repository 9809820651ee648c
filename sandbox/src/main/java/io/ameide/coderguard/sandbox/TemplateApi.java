package io.ameide.coderguard.sandbox;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.ameide.coderguard.common.coder.CoderEndpoint;
import io.ameide.coderguard.common.coder.model.CoderError;
import io.ameide.coderguard.common.coder.model.CoderError.Validation;
import io.ameide.coderguard.common.coder.model.JobStatus;
import io.ameide.coderguard.sandbox.TemplateRecords.JobLog;
import io.ameide.coderguard.sandbox.TemplateRecords.Template;
import io.ameide.coderguard.sandbox.TemplateRecords.Version;

/**
 * The answers of the template, template version and file endpoints, each as Coder gives it, errors included:
 * <ul>
 * <li>an upload answers 201 with the file's id in {@code hash}, and 200 with the same id for bytes seen before;</li>
 * <li>a version name must be letters and digits separated by single {@code .}, {@code _} or {@code -}, at most 64
 * characters (400 otherwise), and unique in its template (409 otherwise); an empty name gets a random one;</li>
 * <li>a new version's import job starts {@code pending};</li>
 * <li>promoting a version whose import has not succeeded answers 403, a version of another template 400;</li>
 * <li>the versions list is a bare array, oldest first, without archived versions unless asked;</li>
 * <li>a settings patch that changes nothing answers 304.</li>
 * </ul>
 */
final class TemplateApi {

    static final Set<CoderEndpoint> SERVED = Set.of(CoderEndpoint.GET_TEMPLATE_BY_NAME, CoderEndpoint.GET_TEMPLATE,
            CoderEndpoint.CREATE_TEMPLATE, CoderEndpoint.UPDATE_TEMPLATE, CoderEndpoint.UPLOAD_FILE,
            CoderEndpoint.CREATE_TEMPLATE_VERSION, CoderEndpoint.GET_TEMPLATE_VERSION,
            CoderEndpoint.UPDATE_TEMPLATE_VERSION, CoderEndpoint.LIST_TEMPLATE_VERSIONS,
            CoderEndpoint.PROMOTE_TEMPLATE_VERSION);

    static final String NOT_PROMOTABLE = "Only versions that have been built successfully can be promoted.";
    static final String PROMOTED = "Updated the active template version!";

    private static final Pattern VERSION_NAME = Pattern.compile("[a-zA-Z0-9]+(?:[_.-][a-zA-Z0-9]+)*");
    private static final Pattern TEMPLATE_NAME = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?");
    private static final String VALIDATION_FAILED = "Validation failed.";

    private final StandInTemplates state;
    private final Clock clock;
    private final StandInUser user;
    private final ObjectMapper mapper;

    TemplateApi(StandInTemplates state, Clock clock, StandInUser user, ObjectMapper mapper) {
        this.state = state;
        this.clock = clock;
        this.user = user;
        this.mapper = mapper;
    }

    Reply answer(ApiRequest request) {
        return switch (request.route().endpoint()) {
            case GET_TEMPLATE_BY_NAME -> templateByName(request.route().pathParams());
            case GET_TEMPLATE -> withTemplate(request.route().pathId(), t -> json(200, template(t)));
            case CREATE_TEMPLATE -> createTemplate(request);
            case UPDATE_TEMPLATE -> withTemplate(request.route().pathId(), t -> updateTemplate(t, request));
            case UPLOAD_FILE -> upload(request);
            case CREATE_TEMPLATE_VERSION -> createVersion(request);
            case GET_TEMPLATE_VERSION -> withVersion(request.route().pathId(), v -> json(200, version(v)));
            case UPDATE_TEMPLATE_VERSION -> withVersion(request.route().pathId(), v -> renameVersion(v, request));
            case LIST_TEMPLATE_VERSIONS -> withTemplate(request.route().pathId(), t -> listVersions(t, request));
            case PROMOTE_TEMPLATE_VERSION -> withTemplate(request.route().pathId(), t -> promote(t, request));
            default -> Reply.error(404, WorkspaceApi.ROUTE_NOT_FOUND, null);
        };
    }

    private Reply templateByName(List<String> params) {
        if (!isOrganization(params.get(0))) {
            return Reply.error(404, WorkspaceApi.NOT_FOUND, null);
        }
        return state.templateNamed(params.get(1)).map(t -> json(200, template(t)))
                .orElseGet(() -> Reply.error(404, WorkspaceApi.NOT_FOUND, null));
    }

    private Reply createTemplate(ApiRequest request) {
        if (!isOrganization(request.route().pathId())) {
            return Reply.error(404, WorkspaceApi.NOT_FOUND, null);
        }
        Optional<JsonNode> body = body(request);
        if (body.isEmpty()) {
            return unreadableBody();
        }
        String name = body.get().path("name").asText("");
        String versionId = body.get().path("template_version_id").asText("");
        if (name.length() > 32 || !TEMPLATE_NAME.matcher(name).matches()) {
            return invalid("name", "Validation failed for tag \"template_name\" with value: \"" + name + "\"");
        }
        if (state.templateNamed(name).isPresent()) {
            return Reply.error(409, "Template with name \"" + name + "\" already exists.", null);
        }
        Optional<Version> version = Ids.isUuid(versionId) ? state.version(Ids.normalize(versionId)) : Optional.empty();
        if (version.isEmpty()) {
            return Reply.error(404, "Template version \"" + versionId + "\" not found.", null);
        }
        if (version.get().templateId() != null) {
            return Reply.error(400, "Template version " + versionId + " is already part of a template.", null);
        }
        Instant now = clock.instant();
        JsonNode b = body.get();
        Template created = new Template(Ids.random(), StandInTemplates.ORGANIZATION_ID, name,
                b.path("display_name").asText(""), b.path("description").asText(""), b.path("icon").asText(""),
                version.get().id(), b.path("default_ttl_ms").asLong(0), b.path("activity_bump_ms").asLong(3_600_000),
                false, now, now);
        // Coder answers 201 here, though its API description lists 200.
        return json(201, template(state.createTemplate(created, version.get().id())));
    }

    /** Fields left out keep their value here; Coder zeroes its plain (non-pointer) fields, so clients send them all. */
    private Reply updateTemplate(Template t, ApiRequest request) {
        Optional<JsonNode> body = body(request);
        if (body.isEmpty()) {
            return unreadableBody();
        }
        JsonNode b = body.get();
        long ttl = b.path("default_ttl_ms").asLong(t.defaultTtlMs());
        long bump = b.path("activity_bump_ms").asLong(t.activityBumpMs());
        if (ttl < 0 || bump < 0) {
            return invalid(ttl < 0 ? "default_ttl_ms" : "activity_bump_ms", "Must be a positive integer.");
        }
        Template patched = new Template(t.id(), t.organizationId(), b.path("name").asText(t.name()),
                b.path("display_name").asText(t.displayName()), b.path("description").asText(t.description()),
                b.path("icon").asText(t.icon()), t.activeVersionId(), ttl, bump, t.deprecated(), t.createdAt(),
                clock.instant());
        if (patched.withActive(t.activeVersionId(), t.updatedAt()).equals(t)) {
            return Reply.of(304, json -> {
            });
        }
        state.replace(patched);
        return json(200, template(patched));
    }

    private Reply upload(ApiRequest request) {
        String type = request.headers().get("Content-Type");
        if (type == null || !Set.of("application/x-tar", "application/zip", "application/x-zip-compressed")
                .contains(type.split(";")[0].trim())) {
            return Reply.error(400, "Unsupported content type header \"" + type + "\".", null);
        }
        Map.Entry<String, Boolean> stored = state.upload(request.body());
        ObjectNode answer = mapper.createObjectNode().put("hash", stored.getKey());
        return json(stored.getValue() ? 201 : 200, answer);
    }

    private Reply createVersion(ApiRequest request) {
        if (!isOrganization(request.route().pathId())) {
            return Reply.error(404, WorkspaceApi.NOT_FOUND, null);
        }
        Optional<JsonNode> body = body(request);
        if (body.isEmpty()) {
            return unreadableBody();
        }
        JsonNode b = body.get();
        String name = b.path("name").asText("");
        if (!name.isEmpty() && (name.length() > 64 || !VERSION_NAME.matcher(name).matches())) {
            return invalid("name", "Validation failed for tag \"template_version_name\" with value: \"" + name + "\"");
        }
        String templateId = b.path("template_id").isTextual() ? b.path("template_id").asText() : null;
        if (templateId != null && (!Ids.isUuid(templateId) || state.template(Ids.normalize(templateId)).isEmpty())) {
            return Reply.error(404, "Template does not exist.", null);
        }
        String fileId = b.path("file_id").asText("");
        if (!state.hasFile(Ids.isUuid(fileId) ? Ids.normalize(fileId) : fileId)) {
            return Reply.error(404, "File not found.", null);
        }
        String owner = templateId == null ? null : Ids.normalize(templateId);
        if (owner != null && !name.isEmpty() && state.versionNamed(owner, name).isPresent()) {
            return Reply.error(409, "A template version with name \"" + name + "\" already exists for this template.",
                    null);
        }
        Map<String, String> tags = new LinkedHashMap<>();
        b.path("tags").fields().forEachRemaining(tag -> tags.put(tag.getKey(), tag.getValue().asText()));
        Map<String, String> variables = new LinkedHashMap<>();
        b.path("user_variable_values").forEach(v -> variables.put(v.path("name").asText(""), v.path("value").asText("")));
        Version created = state.createVersion(owner, name, b.path("message").asText(""), Ids.normalize(fileId), tags,
                variables);
        return json(201, version(created));
    }

    private Reply renameVersion(Version v, ApiRequest request) {
        Optional<JsonNode> body = body(request);
        if (body.isEmpty()) {
            return unreadableBody();
        }
        String name = body.get().path("name").asText(v.name());
        if (name.length() > 64 || !VERSION_NAME.matcher(name).matches()) {
            return invalid("name", "Validation failed for tag \"template_version_name\" with value: \"" + name + "\"");
        }
        if (!name.equals(v.name()) && v.templateId() != null && state.versionNamed(v.templateId(), name).isPresent()) {
            return Reply.error(409, "A template version with name \"" + name + "\" already exists for this template.",
                    null);
        }
        Version renamed = v.renamed(name, body.get().path("message").asText(v.message()), clock.instant());
        state.replace(renamed);
        return json(200, version(renamed));
    }

    private Reply listVersions(Template t, ApiRequest request) {
        boolean archived = "true".equals(request.param("include_archived"));
        ArrayNode list = mapper.createArrayNode();
        state.versionsOf(t.id(), archived).forEach(v -> list.add(version(v)));
        return json(200, list);
    }

    private Reply promote(Template t, ApiRequest request) {
        Optional<JsonNode> body = body(request);
        if (body.isEmpty()) {
            return unreadableBody();
        }
        String id = body.get().path("id").asText("");
        Optional<Version> version = Ids.isUuid(id) ? state.version(Ids.normalize(id)) : Optional.empty();
        if (version.isEmpty()) {
            return Reply.error(404, "Template version not found.", null);
        }
        if (!t.id().equals(version.get().templateId())) {
            return Reply.error(400, "The provided template version doesn't belong to the specified template.", null);
        }
        if (version.get().archived()) {
            return Reply.error(400, "The provided template version is archived.", null);
        }
        if (version.get().job().status() != JobStatus.SUCCEEDED) {
            return Reply.error(403, NOT_PROMOTABLE, null);
        }
        state.replace(t.withActive(version.get().id(), clock.instant()));
        return json(200, mapper.createObjectNode().put("message", PROMOTED));
    }

    private Reply withTemplate(String id, java.util.function.Function<Template, Reply> then) {
        if (!Ids.isUuid(id)) {
            return Reply.error(400, "Invalid UUID \"" + id + "\".", "the path holds no UUID");
        }
        return state.template(Ids.normalize(id)).map(then)
                .orElseGet(() -> Reply.error(404, WorkspaceApi.NOT_FOUND, null));
    }

    /**
     * A version's import log. Without {@code follow}, the lines after {@code after} as a JSON array; with it, nothing
     * when the request can be upgraded (the caller streams the log), and Coder's 400 when it cannot.
     */
    Optional<Reply> logs(ApiRequest request, boolean upgradable) {
        String after = request.param("after");
        if (after != null && !after.matches("-?[0-9]{1,18}")) {
            return Optional.of(Reply.error(400, new CoderError("Query param \"after\" must be an integer.", null,
                    List.of(new Validation("after", "Must be an integer")))));
        }
        String id = request.route().pathId();
        if (!Ids.isUuid(id)) {
            return Optional.of(Reply.error(400, "Invalid UUID \"" + id + "\".", "the path holds no UUID"));
        }
        if (state.version(Ids.normalize(id)).isEmpty()) {
            return Optional.of(Reply.error(404, WorkspaceApi.NOT_FOUND, null));
        }
        if (request.query().containsKey("follow")) {
            return upgradable
                    ? Optional.empty()
                    : Optional.of(Reply.error(400, "Failed to accept websocket.", "the request asks for no upgrade"));
        }
        long from = after == null ? 0 : Long.parseLong(after);
        ArrayNode lines = mapper.createArrayNode();
        state.logs(Ids.normalize(id)).stream().filter(line -> line.id() > from)
                .forEach(line -> lines.add(log(line)));
        return Optional.of(json(200, lines));
    }

    /** A log line as Coder's {@code codersdk.ProvisionerJobLog}. */
    ObjectNode log(JobLog line) {
        return mapper.createObjectNode()
                .put("id", line.id())
                .put("created_at", line.createdAt().toString())
                .put("log_source", "provisioner_daemon")
                .put("log_level", line.level())
                .put("stage", line.stage())
                .put("output", line.output());
    }

    private Reply withVersion(String id, java.util.function.Function<Version, Reply> then) {
        if (!Ids.isUuid(id)) {
            return Reply.error(400, "Invalid UUID \"" + id + "\".", "the path holds no UUID");
        }
        return state.version(Ids.normalize(id)).map(then)
                .orElseGet(() -> Reply.error(404, WorkspaceApi.NOT_FOUND, null));
    }

    private static boolean isOrganization(String organization) {
        return "default".equals(organization) || StandInTemplates.ORGANIZATION_NAME.equals(organization)
                || StandInTemplates.ORGANIZATION_ID.equalsIgnoreCase(organization);
    }

    private Optional<JsonNode> body(ApiRequest request) {
        try {
            JsonNode body = mapper.readTree(request.body());
            return body != null && body.isObject() ? Optional.of(body) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Reply unreadableBody() {
        return Reply.error(400, "Request body must be valid JSON.", "the body is not a JSON object");
    }

    private static Reply invalid(String field, String detail) {
        return Reply.error(400, new CoderError(VALIDATION_FAILED, null, List.of(new Validation(field, detail))));
    }

    private Reply json(int status, JsonNode node) {
        return Reply.of(status, json -> mapper.writeTree(json, node));
    }

    private ObjectNode template(Template t) {
        ObjectNode node = mapper.createObjectNode()
                .put("id", t.id())
                .put("name", t.name())
                .put("display_name", t.displayName())
                .put("description", t.description())
                .put("icon", t.icon())
                .put("organization_id", t.organizationId())
                .put("organization_name", StandInTemplates.ORGANIZATION_NAME)
                .put("active_version_id", t.activeVersionId())
                .put("provisioner", "terraform")
                .put("default_ttl_ms", t.defaultTtlMs())
                .put("activity_bump_ms", t.activityBumpMs())
                .put("time_til_autostop_notify_ms", 0L)
                .put("allow_user_autostart", true)
                .put("allow_user_autostop", true)
                .put("allow_user_cancel_workspace_jobs", false)
                .put("failure_ttl_ms", 0L)
                .put("time_til_dormant_ms", 0L)
                .put("time_til_dormant_autodelete_ms", 0L)
                .put("require_active_version", false)
                .put("deprecated", t.deprecated())
                .put("deleted", false)
                .put("created_by_id", user.id())
                .put("created_by_name", user.username())
                .put("created_at", t.createdAt().toString())
                .put("updated_at", t.updatedAt().toString());
        return node;
    }

    private ObjectNode version(Version v) {
        ObjectNode node = mapper.createObjectNode()
                .put("id", v.id())
                .put("organization_id", v.organizationId())
                .put("name", v.name())
                .put("message", v.message())
                .put("created_at", v.createdAt().toString())
                .put("updated_at", v.updatedAt().toString())
                .put("readme", "")
                .put("archived", v.archived())
                .put("has_external_agent", false);
        if (v.templateId() == null) {
            node.putNull("template_id");
        } else {
            node.put("template_id", v.templateId());
        }
        node.putArray("warnings");
        node.putObject("created_by").put("id", user.id()).put("username", v.createdBy());
        ObjectNode job = node.putObject("job")
                .put("id", v.job().id())
                .put("status", v.job().status().name().toLowerCase())
                .put("created_at", v.job().createdAt().toString())
                .put("error", v.job().error())
                .put("type", "template_version_import")
                .put("organization_id", v.organizationId())
                .put("queue_position", v.job().status() == JobStatus.PENDING ? 1 : 0)
                .put("queue_size", v.job().status() == JobStatus.PENDING ? 1 : 0);
        putTime(job, "started_at", v.job().startedAt());
        putTime(job, "completed_at", v.job().completedAt());
        if (v.job().fileId() != null) {
            job.put("file_id", v.job().fileId());
        }
        ObjectNode tags = job.putObject("tags");
        v.job().tags().forEach(tags::put);
        node.putObject("matched_provisioners").put("count", v.matchedProvisioners())
                .put("available", v.matchedProvisioners());
        return node;
    }

    private static void putTime(ObjectNode node, String field, Instant time) {
        if (time == null) {
            node.putNull(field);
        } else {
            node.put(field, time.toString());
        }
    }
}
