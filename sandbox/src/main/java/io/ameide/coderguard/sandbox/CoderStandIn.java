package io.ameide.coderguard.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.ameide.coderguard.common.coder.CoderEndpoint;
import io.ameide.coderguard.common.coder.CoderJson;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * A stateful stand-in for the part of Coder's HTTP API that the services call, listening on 127.0.0.1, for
 * tests, benchmarks and local runs. It follows Coder's documented behaviour rather than an idealised one:
 * <ul>
 * <li>{@code GET /api/v2/workspaces} implements Coder's search syntax with its traps: values are lower-cased,
 * {@code name} matches substrings, and a timestamp must be quoted because a term may hold only one colon. Pages
 * are ordered running-first, then by owner and name, so offset paging skips entries while workspaces stop, as
 * in Coder.</li>
 * <li>{@code POST /api/v2/workspaces/{id}/builds} answers 201 with a pending build: 201 means queued. A
 * workspace with an active job gets 409 "A workspace build is already active.", and a stop of a stopped
 * workspace is another build, because Coder's stop is not idempotent.</li>
 * <li>Jobs run on a small provisioner pool (3 by default, as Coder CE's built-in provisioners), so a burst of
 * stops queues, with {@code queue_position} and {@code matched_provisioners} as Coder reports them.</li>
 * <li>Starting or stopping never touches {@code last_used_at}; only {@link StandInWorkspaces#touch} and the
 * activity simulation move it, forward only.</li>
 * <li>Every request but build info needs the token ({@code Coder-Session-Token} header or
 * {@code Authorization: Bearer}); every error is Coder's {@code {"message","detail","validations"}} body.</li>
 * </ul>
 * Tests can inject faults per endpoint, fail builds, and count the requests and stop builds they caused.
 * <p>
 * Thread-safe. It serves HTTP and WebSockets with Vert.x, on two event-loop threads, and works out answers on
 * {@link StandInOptions#threads()} worker threads. Close it to free the port and its threads.
 */
public final class CoderStandIn implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CoderStandIn.class.getName());
    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);

    private final StandInOptions options;
    private final Vertx vertx;
    private final WorkerExecutor workers;
    private final HttpServer server;
    private final ScheduledExecutorService scheduler;
    private final StandInState state;
    private final ProvisionerSimulation provisioners;
    private final StandInWorkspaces workspaces;
    private final StandInTemplates templates;
    private final FaultInjector faults = new FaultInjector();
    private final RequestLog requests = new RequestLog();
    private final URI baseUrl;
    /** Set once the port is bound: build info names the stand-in's own URL. */
    private volatile StandInHttpHandler handler;

    /** Binds the port first, so that a port in use fails before the simulations start. */
    private CoderStandIn(StandInOptions options) throws IOException {
        this.options = options;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1));
        this.workers = vertx.createSharedWorkerExecutor("coder-stand-in-http", options.threads());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("coder-stand-in-provisioner"));
        this.state = new StandInState(options.provisioners());
        this.provisioners = new ProvisionerSimulation(state, scheduler, options.clock(), options.jobDuration());
        ObjectMapper mapper = CoderJson.mapper();
        this.workspaces = new StandInWorkspaces(state, provisioners, options.clock(), mapper);
        this.templates = new StandInTemplates(options.clock(), scheduler, StandInUser.named(options.username()));
        this.server = vertx.createHttpServer(new HttpServerOptions().setHost(LOOPBACK).setPort(options.port())
                .setTcpNoDelay(true));
        server.requestHandler(this::handle);
        this.baseUrl = URI.create("http://" + LOOPBACK + ":" + bind());
        this.handler = handler(mapper);
    }

    /** Starts a stand-in with {@link StandInOptions#defaults()}. */
    public static CoderStandIn start() {
        return start(StandInOptions.defaults());
    }

    /**
     * Starts a stand-in, listening as soon as this returns.
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static CoderStandIn start(StandInOptions options) {
        try {
            CoderStandIn standIn = new CoderStandIn(options);
            standIn.scheduleActivity();
            LOG.log(Level.DEBUG, "Coder stand-in listening: url={0} options={1}", standIn.baseUrl, options);
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Coder stand-in on port " + options.port(), e);
        }
    }

    /** The URL to give a client as Coder's access URL, e.g. {@code http://127.0.0.1:41234}. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The session token every request but build info must carry. */
    public String token() {
        return options.token();
    }

    public Clock clock() {
        return options.clock();
    }

    public StandInWorkspaces workspaces() {
        return workspaces;
    }

    /** Templates, versions, files and import jobs, with the handles a test uses to choose how imports end. */
    public StandInTemplates templates() {
        return templates;
    }

    /**
     * Resizes the provisioner pool. Jobs already running finish; with 0, new jobs stay pending, as in a Coder
     * whose provisioners match no tags ({@code matched_provisioners.count} 0).
     */
    public void provisioners(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("the provisioner count cannot be negative");
        }
        state.provisioners(count);
        provisioners.wake();
    }

    /** How long each job runs from now on; jobs already running keep their end. */
    public void jobDuration(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a job duration cannot be negative");
        }
        provisioners.jobDuration(duration);
    }

    /**
     * Makes the next {@code count} builds created through the API fail when their jobs complete, leaving their
     * workspaces in status {@code failed}, as a failed Terraform run does. A failed stop keeps its transition
     * {@code stop}; in Coder the workspace's pods may still be there.
     */
    public void failNextBuilds(int count, String error) {
        if (count < 0 || error == null || error.isBlank()) {
            throw new IllegalArgumentException("count must not be negative and the error must say something");
        }
        state.failNextBuilds(count, error);
    }

    /** Makes the next build of one workspace fail; see {@link #failNextBuilds(int, String)}. */
    public void failNextBuildOf(String workspaceId, String error) {
        if (error == null || error.isBlank()) {
            throw new IllegalArgumentException("the error must say something");
        }
        state.failNextBuildOf(StandInWorkspaces.key(workspaceId), error);
    }

    /**
     * Plays {@code fault} on the next {@code times} requests to {@code endpoint}, after any faults injected
     * before. Only endpoints the stand-in serves receive requests.
     */
    public void inject(CoderEndpoint endpoint, int times, Fault fault) {
        if (times < 1) {
            throw new IllegalArgumentException("a fault is injected at least once");
        }
        faults.inject(endpoint, times, fault);
    }

    /** Drops every fault not yet played. */
    public void clearFaults() {
        faults.clear();
    }

    /** How many requests to the endpoint arrived, whatever the answer (faults, 401 and 4xx included). */
    public long requestCount(CoderEndpoint endpoint) {
        return requests.count(endpoint.toString());
    }

    /**
     * Every request count by method and path template, e.g. {@code "GET /api/v2/workspaces/{workspace}"};
     * requests to paths the stand-in does not serve count under {@code "<METHOD> (no route)"}.
     */
    public Map<String, Long> requestCounts() {
        return requests.counts();
    }

    /** The stop builds created through the API, in the order they were queued. */
    public List<StopBuild> stopBuilds() {
        return requests.stops();
    }

    /** Forgets the request counts and the stop builds, e.g. between the phases of a benchmark. */
    public void resetRequestLog() {
        requests.reset();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(BIND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.WARNING, "Coder stand-in did not close cleanly", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpServerRequest request) {
        StandInHttpHandler ready = handler;
        if (ready == null) {
            request.response().setStatusCode(503).end();
            return;
        }
        ready.handle(request);
    }

    /** Listens on the port asked for (0 for any free one) and answers the one it got. */
    private int bind() throws IOException {
        try {
            return server.listen().toCompletionStage().toCompletableFuture()
                    .get(BIND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).actualPort();
        } catch (ExecutionException e) {
            vertx.close();
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            vertx.close();
            throw new IOException("no port bound within " + BIND_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            vertx.close();
            throw new IOException("interrupted while binding", e);
        }
    }

    private StandInHttpHandler handler(ObjectMapper mapper) {
        StandInUser user = StandInUser.named(options.username());
        String dashboard = baseUrl.toString();
        WorkspaceApi.BuildInfo info = new WorkspaceApi.BuildInfo(options.version(), dashboard, Ids.random());
        WorkspaceApi api = new WorkspaceApi(state, provisioners, requests, options.clock(), user, mapper, info);
        TemplateApi templateApi = new TemplateApi(templates, options.clock(), user, mapper);
        LogStreams logStreams = new LogStreams(vertx, templates, templateApi, mapper);
        return new StandInHttpHandler(api, templateApi, logStreams, new TokenCheck(options.token()), faults, requests,
                mapper.getFactory(), workers);
    }

    /** Coder's agents report stats every 30 s; a report that counts a connection moves {@code last_used_at}. */
    private void scheduleActivity() {
        long interval = options.activityInterval().toNanos();
        scheduler.scheduleAtFixedRate(this::bumpActive, interval, interval, TimeUnit.NANOSECONDS);
    }

    private void bumpActive() {
        try {
            state.bumpActive(options.clock().instant());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Activity simulation step failed", e);
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
