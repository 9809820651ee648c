package io.ameide.coderguard.sandbox;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;

import io.ameide.coderguard.common.coder.CoderEndpoint;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Every request, in one order: count it, play an injected fault, route it, check the token, answer. Faults come
 * before the token check because they stand for failures in front of Coder (a proxy, an overloaded server) as
 * much as in it. A request to follow a job's log that passes all of these is upgraded to the log stream.
 * <p>
 * The body is read on the event loop (at most {@link ApiRequest#MAX_BODY_BYTES}); the answer is worked out on the
 * stand-in's worker threads, where a fault's delay may sleep, and written back on the event loop.
 */
final class StandInHttpHandler implements Handler<HttpServerRequest> {

    static final String METHOD_NOT_ALLOWED = "Method not allowed.";
    static final String INTERNAL_ERROR = "An internal server error occurred.";

    private static final System.Logger LOG = System.getLogger(StandInHttpHandler.class.getName());

    private final WorkspaceApi api;
    private final TemplateApi templates;
    private final LogStreams logStreams;
    private final TokenCheck tokens;
    private final FaultInjector faults;
    private final RequestLog log;
    private final JsonFactory json;
    private final WorkerExecutor workers;

    StandInHttpHandler(WorkspaceApi api, TemplateApi templates, LogStreams logStreams, TokenCheck tokens,
            FaultInjector faults, RequestLog log, JsonFactory json, WorkerExecutor workers) {
        this.api = api;
        this.templates = templates;
        this.logStreams = logStreams;
        this.tokens = tokens;
        this.faults = faults;
        this.log = log;
        this.json = json;
        this.workers = workers;
    }

    @Override
    public void handle(HttpServerRequest request) {
        if (asksForWebSocket(request)) {
            // Left unread, so that it can still be upgraded once the answer is known; such a GET has no body.
            request.pause();
            answerOnWorkers(request, ApiRequest.of(request.method().name(), request.path(), request.query(),
                    request.headers(), new byte[0]), true);
            return;
        }
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            int room = ApiRequest.MAX_BODY_BYTES - body.length();
            if (room > 0) {
                body.appendBuffer(chunk, 0, Math.min(room, chunk.length()));
            }
        });
        request.exceptionHandler(e -> LOG.log(Level.DEBUG, "Stand-in request aborted", e));
        request.endHandler(ended -> answerOnWorkers(request, ApiRequest.of(request.method().name(), request.path(),
                request.query(), request.headers(), body.getBytes()), false));
    }

    private void answerOnWorkers(HttpServerRequest request, ApiRequest read, boolean upgradable) {
        workers.executeBlocking(() -> answerSafely(read, upgradable), false)
                .onSuccess(reply -> respond(request, read, reply))
                .onFailure(e -> LOG.log(Level.ERROR, "Stand-in could not answer", e));
    }

    /** The answer, or null when the request is to be upgraded to a log stream. */
    private Reply answerSafely(ApiRequest request, boolean upgradable) {
        log.record(request.route().key());
        try {
            Optional<Fault> fault = faults.next(request.route().endpoint());
            if (fault.isPresent()) {
                Optional<Reply> played = play(fault.get());
                if (played.isPresent()) {
                    return played.get();
                }
            }
            return answer(request, upgradable);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Stand-in request failed: " + request.route().key(), e);
            return Reply.error(500, INTERNAL_ERROR, "The stand-in failed; its log has the cause.");
        }
    }

    private Reply answer(ApiRequest request, boolean upgradable) {
        Route route = request.route();
        if (route.endpoint() == null && route.allowed().isEmpty()) {
            return Reply.error(404, WorkspaceApi.ROUTE_NOT_FOUND, null);
        }
        if (route.endpoint() == null) {
            String allowed = String.join(", ", route.allowed());
            return Reply.error(405, METHOD_NOT_ALLOWED, "This path takes " + allowed + ".")
                    .withHeader("Allow", allowed);
        }
        if (route.needsToken()) {
            Optional<String> refusal = tokens.refusal(request.headers(), request.query());
            if (refusal.isPresent()) {
                return Reply.error(401, TokenCheck.SIGNED_OUT, refusal.get());
            }
        }
        if (route.endpoint() == CoderEndpoint.FOLLOW_TEMPLATE_VERSION_LOGS) {
            return templates.logs(request, upgradable).orElse(null);
        }
        return TemplateApi.SERVED.contains(route.endpoint()) ? templates.answer(request) : api.answer(request);
    }

    private void respond(HttpServerRequest request, ApiRequest read, Reply reply) {
        if (reply == null) {
            logStreams.accept(request, read.route().pathId());
            return;
        }
        if (!request.isEnded()) {
            // A refused upgrade was left unread; reading it to its end frees the connection.
            request.resume();
        }
        Reply sent = reply;
        byte[] rendered;
        try {
            rendered = reply.render(json);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "Stand-in could not render an answer", e);
            sent = Reply.error(500, INTERNAL_ERROR, "The stand-in failed; its log has the cause.");
            rendered = renderQuietly(sent);
        }
        sent.send(request.response(), rendered);
    }

    private byte[] renderQuietly(Reply reply) {
        try {
            return reply.render(json);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static boolean asksForWebSocket(HttpServerRequest request) {
        String upgrade = request.getHeader("Upgrade");
        String connection = request.getHeader("Connection");
        return "websocket".equalsIgnoreCase(upgrade) && connection != null
                && connection.toLowerCase(Locale.ROOT).contains("upgrade");
    }

    /** Waits out the fault's delay; returns its answer when it replaces the normal one. */
    private static Optional<Reply> play(Fault fault) {
        if (!fault.delay().isZero()) {
            try {
                Thread.sleep(fault.delay().toMillis(), fault.delay().toNanosPart() % 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!fault.replacesAnswer()) {
            return Optional.empty();
        }
        Reply reply = Reply.error(fault.status(), "Injected by the stand-in: HTTP " + fault.status() + ".",
                "A test asked the stand-in for this failure.");
        long retryAfter = fault.retryAfterSeconds();
        return Optional.of(retryAfter < 0 ? reply : reply.withHeader("Retry-After", Long.toString(retryAfter)));
    }
}
