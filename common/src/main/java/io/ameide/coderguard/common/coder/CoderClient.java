package io.ameide.coderguard.common.coder;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ameide.coderguard.common.coder.model.CoderError;
import io.ameide.coderguard.common.coder.model.CreateTemplateRequest;
import io.ameide.coderguard.common.coder.model.CreateTemplateVersionRequest;
import io.ameide.coderguard.common.coder.model.CreateWorkspaceBuildRequest;
import io.ameide.coderguard.common.coder.model.PatchTemplateVersionRequest;
import io.ameide.coderguard.common.coder.model.Template;
import io.ameide.coderguard.common.coder.model.TemplateVersion;
import io.ameide.coderguard.common.coder.model.UpdateActiveTemplateVersion;
import io.ameide.coderguard.common.coder.model.UpdateTemplateMeta;
import io.ameide.coderguard.common.coder.model.UploadResponse;
import io.ameide.coderguard.common.coder.model.Workspace;
import io.ameide.coderguard.common.coder.model.WorkspaceBuild;

/**
 * A typed client for the part of Coder's API that the services use, following Coder's documented behaviour and its
 * traps: quoted timestamps in searches, paging that survives a list changing underneath it, 409 as "a build is
 * active", 201 as "queued", and Coder's error body in every failure.
 * <p>
 * Every exchange has a timeout. Transient failures (no answer, 408, 429, 5xx) of GETs are retried with capped,
 * jittered backoff. A POST is sent again only when it surely did not arrive (connection refused) or was refused
 * unprocessed (429): creating a build is not idempotent, and a second stop of a stopped workspace is a second build.
 * <p>
 * Thread-safe; one instance per service.
 */
public final class CoderClient {

    static final String TOKEN_HEADER = "Coder-Session-Token";

    private static final Logger LOG = Logger.getLogger(CoderClient.class);
    private static final String JSON = "application/json";
    /** The most workspaces one search reads: five times the largest fleet the benchmarks run. */
    public static final int MAX_WORKSPACES = 50_000;

    private final CoderClientConfig config;
    private final HttpClient http;
    private final CoderCallListener listener;
    private final RandomGenerator random;
    private final ObjectMapper mapper = CoderJson.mapper();

    public CoderClient(CoderClientConfig config, CoderCallListener listener) {
        this(config, listener, RandomGenerator.getDefault());
    }

    CoderClient(CoderClientConfig config, CoderCallListener listener, RandomGenerator random) {
        this.config = config;
        this.listener = listener;
        this.random = random;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** One page of a workspace search. {@code limit} 0 would mean "everything" to Coder, so it is refused here. */
    public WorkspacePage listWorkspaces(WorkspaceQuery query, int limit, int offset) {
        if (limit < 1 || offset < 0) {
            throw new IllegalArgumentException("limit must be positive and offset not negative");
        }
        String path = "/api/v2/workspaces?q=" + encode(query.toString()) + "&limit=" + limit + "&offset=" + offset;
        return send(CoderEndpoint.LIST_WORKSPACES, get(path), WorkspacePage::read);
    }

    /**
     * Every workspace that matches, page by page, without skipping any when the list changes while it is read.
     * <p>
     * Coder pages by offset over a list sorted running-first, then by owner and name. When a workspace leaves the
     * matching set between two pages (someone stops it), every later one moves up a place and a plain offset would skip
     * one. So each next page starts a little before the end of the last one, and when the total shrank by more than
     * that overlap since the last page, the page just read may have started past unread workspaces and is read again
     * from as much further back as the total shrank. Workspaces seen twice are kept once. A workspace that moves from
     * after the read position to before it in the same instant can still be missed; the next search finds it. Of a
     * workspace read twice the later copy is kept. A list that does not end (always full pages, a count that keeps
     * growing) fails after three times the pages its first count called for, and any list once it passes
     * {@value #MAX_WORKSPACES} workspaces, so that a Coder counting in billions cannot fill the heap.
     */
    public WorkspacePage searchWorkspaces(WorkspaceQuery query, int pageSize) {
        Map<String, Workspace> seen = new LinkedHashMap<>();
        Map<String, UnreadableWorkspace> unreadable = new LinkedHashMap<>();
        int overlap = Math.max(1, pageSize / 10);
        int offset = 0;
        int lastCount = -1;
        int firstCount = -1;
        for (int requests = 1;; requests++) {
            WorkspacePage page = listWorkspaces(query, pageSize, offset);
            page.workspaces().forEach(w -> seen.put(keyOf(w.id(), w.name(), seen.size()), w));
            page.unreadable().forEach(u -> unreadable.putIfAbsent(keyOf(u.id(), u.name(), unreadable.size()), u));
            firstCount = firstCount < 0 ? page.count() : firstCount;
            int shrunk = lastCount < 0 ? 0 : Math.max(0, lastCount - page.count());
            lastCount = page.count();
            if (requests >= 10 + 3 * (firstCount / pageSize + 1) || seen.size() + unreadable.size() > MAX_WORKSPACES) {
                throw new CoderApiException(CoderEndpoint.LIST_WORKSPACES, 200, new CoderError("the workspace list did not end",
                        requests + " pages and " + (seen.size() + unreadable.size()) + " workspaces read of a list Coder"
                                + " first counted at " + firstCount + " workspaces (at most " + MAX_WORKSPACES + " are read)",
                        List.of()),
                        null);
            }
            if (shrunk > overlap) {
                offset = Math.max(0, offset - shrunk);
                continue;
            }
            if (page.size() < pageSize || offset + page.size() >= page.count()) {
                return new WorkspacePage(new ArrayList<>(seen.values()), new ArrayList<>(unreadable.values()), page.count());
            }
            offset = Math.max(offset + 1, offset + page.size() - overlap);
        }
    }

    /** The workspace, or empty when Coder does not know it (deleted, or not visible to this token). */
    public Optional<Workspace> getWorkspace(String workspaceId) {
        try {
            return Optional.of(send(CoderEndpoint.GET_WORKSPACE, get("/api/v2/workspaces/" + pathSegment(workspaceId)),
                    body -> mapper.readValue(body, Workspace.class)));
        } catch (CoderApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Asks Coder to stop a workspace. The returned build is queued, not done: its job is {@code pending} until one of the
     * provisioners takes it. A {@link CoderApiException} with {@link CoderApiException#isConflict()} means another build
     * of the workspace is active.
     */
    public WorkspaceBuild createStopBuild(String workspaceId) {
        byte[] body = toJson(CreateWorkspaceBuildRequest.stop());
        HttpRequest request = request("/api/v2/workspaces/" + pathSegment(workspaceId) + "/builds")
                .header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return send(CoderEndpoint.CREATE_WORKSPACE_BUILD, request, json -> mapper.readValue(json, WorkspaceBuild.class));
    }

    public WorkspaceBuild getWorkspaceBuild(String buildId) {
        return send(CoderEndpoint.GET_WORKSPACE_BUILD, get("/api/v2/workspacebuilds/" + pathSegment(buildId)),
                body -> mapper.readValue(body, WorkspaceBuild.class));
    }

    /**
     * The template of that name in the organization ({@code default}, an organization name or id), or empty when
     * Coder has none. Coder's template list leaves out deprecated templates; this lookup does not.
     */
    public Optional<Template> findTemplate(String organization, String templateName) {
        String path = "/api/v2/organizations/" + pathSegment(organization) + "/templates/" + pathSegment(templateName);
        return orEmptyOn404(() -> send(CoderEndpoint.GET_TEMPLATE_BY_NAME, get(path), reader(Template.class)));
    }

    /** The template with that id, or empty when Coder does not know it (deleted, or not visible to this token). */
    public Optional<Template> getTemplate(String templateId) {
        String path = "/api/v2/templates/" + pathSegment(templateId);
        return orEmptyOn404(() -> send(CoderEndpoint.GET_TEMPLATE, get(path), reader(Template.class)));
    }

    /** Creates a template from a version whose import succeeded; that version becomes the active one. */
    public Template createTemplate(String organization, CreateTemplateRequest request) {
        String path = "/api/v2/organizations/" + pathSegment(organization) + "/templates";
        return send(CoderEndpoint.CREATE_TEMPLATE, withBody(path, "POST", request), reader(Template.class));
    }

    /**
     * Changes a template's settings. Coder answers 304 when the patch changes nothing; that reads as empty here, not
     * as a failure.
     */
    public Optional<Template> updateTemplate(String templateId, UpdateTemplateMeta patch) {
        HttpRequest request = withBody("/api/v2/templates/" + pathSegment(templateId), "PATCH", patch);
        try {
            return Optional.of(send(CoderEndpoint.UPDATE_TEMPLATE, request, reader(Template.class)));
        } catch (CoderApiException e) {
            if (e.status() == 304) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Uploads a tar archive and returns the file's id. Coder answers 201 for new bytes and 200 for bytes this user
     * uploaded before (it deduplicates by sha256); both carry the id, in a field named {@code hash}.
     */
    public String uploadTar(byte[] tar) {
        HttpRequest request = request("/api/v2/files")
                .header("Content-Type", "application/x-tar")
                .header("Accept", JSON)
                .POST(HttpRequest.BodyPublishers.ofByteArray(tar))
                .build();
        UploadResponse uploaded = send(CoderEndpoint.UPLOAD_FILE, request, reader(UploadResponse.class));
        if (!CoderIds.isUuid(uploaded.hash())) {
            throw new CoderApiException(CoderEndpoint.UPLOAD_FILE, 201,
                    new CoderError("Coder's upload answer has no file id", "hash was " + uploaded.hash(), List.of()),
                    null);
        }
        return uploaded.hash();
    }

    /**
     * Creates a template version; its import job starts {@code pending}. Track it by the returned id: a version created
     * without a name gets a random one. A {@link CoderApiException#isConflict() conflict} means the template already has
     * a version of that name.
     */
    public TemplateVersion createTemplateVersion(String organization, CreateTemplateVersionRequest request) {
        String path = "/api/v2/organizations/" + pathSegment(organization) + "/templateversions";
        return send(CoderEndpoint.CREATE_TEMPLATE_VERSION, withBody(path, "POST", request),
                reader(TemplateVersion.class));
    }

    /** The version with its import job, or empty when Coder does not know it. */
    public Optional<TemplateVersion> getTemplateVersion(String versionId) {
        String path = "/api/v2/templateversions/" + pathSegment(versionId);
        return orEmptyOn404(() -> send(CoderEndpoint.GET_TEMPLATE_VERSION, get(path), reader(TemplateVersion.class)));
    }

    /**
     * Follows the import of a version through Coder's log stream, which Coder closes when the import has ended: the
     * moment to read the version again, rather than at the next poll. See {@link JobLogStream}.
     */
    public JobLogStream followTemplateVersionLogs(String versionId) {
        String path = "/api/v2/templateversions/" + pathSegment(versionId) + "/logs?follow=true";
        URI uri = URI.create(trimmedBaseUrl().replaceFirst("^http", "ws") + path);
        return JobLogStream.open(http, uri, config.token(), config.connectTimeout(), listener);
    }

    /** Renames a version (or changes its message); Coder answers 409 when the template has a version of that name. */
    public TemplateVersion updateTemplateVersion(String versionId, PatchTemplateVersionRequest patch) {
        HttpRequest request = withBody("/api/v2/templateversions/" + pathSegment(versionId), "PATCH", patch);
        return send(CoderEndpoint.UPDATE_TEMPLATE_VERSION, request, reader(TemplateVersion.class));
    }

    /**
     * Every version of the template, archived ones included, oldest first as Coder orders them. Coder hides archived
     * versions by default, yet their names still count for its duplicate-name check.
     */
    public List<TemplateVersion> listTemplateVersions(String templateId) {
        String path = "/api/v2/templates/" + pathSegment(templateId) + "/versions?include_archived=true";
        return send(CoderEndpoint.LIST_TEMPLATE_VERSIONS, get(path),
                body -> List.of(mapper.readValue(body, TemplateVersion[].class)));
    }

    /**
     * Makes the version the template's active one.
     *
     * @throws VersionNotPromotableException when the version's import has not succeeded (Coder's 403, which is not a
     *     permission problem)
     */
    public void promoteTemplateVersion(String templateId, String versionId) {
        HttpRequest request = withBody("/api/v2/templates/" + pathSegment(templateId) + "/versions", "PATCH",
                new UpdateActiveTemplateVersion(pathSegment(versionId)));
        try {
            send(CoderEndpoint.PROMOTE_TEMPLATE_VERSION, request, body -> body);
        } catch (CoderApiException e) {
            if (e.status() == 403) {
                throw new VersionNotPromotableException(e.error().orElse(new CoderError("(no error body)")));
            }
            throw e;
        }
    }

    /**
     * How many workspaces of the template are on a version other than its active one, by Coder's own
     * {@code outdated} flag; only the count is read.
     */
    public int countOutdatedWorkspaces(String templateName) {
        return listWorkspaces(WorkspaceQuery.create().template(templateName).outdated(true), 1, 0).count();
    }

    /** Coder's version; answers without a valid token too, so it tells reachability, not authorisation. */
    public String buildVersion() {
        return send(CoderEndpoint.BUILD_INFO, get("/api/v2/buildinfo"),
                body -> mapper.readTree(body).path("version").asText(""));
    }

    private <T> T send(CoderEndpoint endpoint, HttpRequest request, BodyReader<T> reader) {
        CoderApiException failure = null;
        for (int attempt = 1; attempt <= config.retry().maxAttempts(); attempt++) {
            if (failure != null) {
                pause(endpoint, attempt, failure);
            }
            long started = System.nanoTime();
            HttpResponse<byte[]> response;
            try {
                response = exchange(request);
            } catch (IOException e) {
                listener.onCall(endpoint, 0, Duration.ofNanos(System.nanoTime() - started));
                failure = new CoderApiException(endpoint, 0, null, e);
                if (endpoint.isIdempotent() || e instanceof ConnectException) {
                    continue;
                }
                throw failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CoderApiException(endpoint, 0, new CoderError("interrupted while waiting for Coder"), e);
            }
            listener.onCall(endpoint, response.statusCode(), Duration.ofNanos(System.nanoTime() - started));
            if (response.statusCode() / 100 == 2) {
                return read(endpoint, response, reader);
            }
            failure = new CoderApiException(endpoint, response.statusCode(), readError(response.body()), null);
            failure.retryAfter = retryAfter(response);
            if (!shouldRetry(endpoint, response.statusCode())) {
                throw failure;
            }
        }
        throw failure;
    }

    /**
     * One exchange, bounded as a whole by the request timeout. The JDK client's own request timeout ends when the
     * response headers arrive, so a body that stops coming half-way would otherwise hold the caller for good.
     */
    private HttpResponse<byte[]> exchange(HttpRequest request) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request,
                BoundedBody.handler(config.maxResponseBytes()));
        try {
            return pending.get(config.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new HttpTimeoutException("no complete answer within " + config.requestTimeout());
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    private static boolean shouldRetry(CoderEndpoint endpoint, int status) {
        return status == 429 || (endpoint.isIdempotent() && CoderApiException.isTransientStatus(status));
    }

    private void pause(CoderEndpoint endpoint, int attempt, CoderApiException failure) {
        Duration delay = config.retry().delayBefore(attempt, random);
        if (failure.retryAfter.isPresent()) {
            long seconds = Math.max(0, Math.min(failure.retryAfter.getAsLong(), config.retry().maxDelay().toSeconds() + 1));
            Duration asked = Duration.ofSeconds(seconds);
            delay = asked.compareTo(config.retry().maxDelay()) > 0 ? config.retry().maxDelay() : asked;
        }
        LOG.debugf("Retrying Coder call: endpoint=%s attempt=%d delay=%s cause=%s", endpoint.tag(), attempt, delay,
                failure.getMessage());
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    private <T> T read(CoderEndpoint endpoint, HttpResponse<byte[]> response, BodyReader<T> reader) {
        try {
            return reader.read(response.body());
        } catch (IOException | RuntimeException e) {
            String problem = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw new CoderApiException(endpoint, response.statusCode(),
                    new CoderError("Coder's response could not be read", problem, List.of()), e);
        }
    }

    private CoderError readError(byte[] body) {
        try {
            CoderError error = mapper.readValue(body, CoderError.class);
            return error.message() == null ? new CoderError("(no message in Coder's error body)") : error;
        } catch (IOException | RuntimeException e) {
            return new CoderError("(Coder's error body is not JSON)");
        }
    }

    private static OptionalLong retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Long.parseLong(value.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }).map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    private HttpRequest withBody(String path, String method, Object body) {
        return request(path).header("Content-Type", JSON)
                .header("Accept", JSON)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(toJson(body)))
                .build();
    }

    private <T> BodyReader<T> reader(Class<T> type) {
        return body -> mapper.readValue(body, type);
    }

    private static <T> Optional<T> orEmptyOn404(Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (CoderApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private HttpRequest get(String pathAndQuery) {
        return request(pathAndQuery).header("Accept", JSON).GET().build();
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(trimmedBaseUrl() + pathAndQuery))
                .timeout(config.requestTimeout())
                .header(TOKEN_HEADER, config.token().value())
                .header("User-Agent", "coder-guardrails");
    }

    private String trimmedBaseUrl() {
        String base = config.baseUrl().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private byte[] toJson(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a request body", e);
        }
    }

    private static String keyOf(String id, String name, int position) {
        return id != null ? id : "#" + name + "#" + position;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String pathSegment(String id) {
        if (id == null || id.isBlank() || !id.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("not a Coder id: \"" + id + "\"");
        }
        return id;
    }

    @FunctionalInterface
    private interface BodyReader<T> {

        T read(byte[] body) throws IOException;
    }
}
