package io.ameide.coderguard.sandbox;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Every request, in one order: count it, play an injected fault, route it, check the token, answer. Faults come
 * before the token check because they stand for failures in front of Coder (a proxy, an overloaded server) as
 * much as in it.
 */
final class StandInHttpHandler implements HttpHandler {

    static final String METHOD_NOT_ALLOWED = "Method not allowed.";
    static final String INTERNAL_ERROR = "An internal server error occurred.";

    private static final System.Logger LOG = System.getLogger(StandInHttpHandler.class.getName());

    private final WorkspaceApi api;
    private final TemplateApi templates;
    private final TokenCheck tokens;
    private final FaultInjector faults;
    private final RequestLog log;
    private final JsonFactory json;

    StandInHttpHandler(WorkspaceApi api, TemplateApi templates, TokenCheck tokens, FaultInjector faults,
            RequestLog log, JsonFactory json) {
        this.api = api;
        this.templates = templates;
        this.tokens = tokens;
        this.faults = faults;
        this.log = log;
        this.json = json;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            ApiRequest request = ApiRequest.read(exchange);
            log.record(request.route().key());
            send(exchange, answerSafely(request));
        } catch (IOException e) {
            // The client went away; nothing to answer.
            LOG.log(Level.DEBUG, "Stand-in exchange aborted", e);
        }
    }

    private Reply answerSafely(ApiRequest request) {
        try {
            Optional<Fault> fault = faults.next(request.route().endpoint());
            if (fault.isPresent()) {
                Optional<Reply> played = play(fault.get());
                if (played.isPresent()) {
                    return played.get();
                }
            }
            return answer(request);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Stand-in request failed: " + request.route().key(), e);
            return Reply.error(500, INTERNAL_ERROR, "The stand-in failed; its log has the cause.");
        }
    }

    private Reply answer(ApiRequest request) {
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
        return TemplateApi.SERVED.contains(route.endpoint()) ? templates.answer(request) : api.answer(request);
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

    private void send(HttpExchange exchange, Reply reply) throws IOException {
        Reply sent = reply;
        byte[] body;
        try {
            body = reply.render(json);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "Stand-in could not render an answer", e);
            sent = Reply.error(500, INTERNAL_ERROR, "The stand-in failed; its log has the cause.");
            body = sent.render(json);
        }
        sent.send(exchange, body);
    }
}
