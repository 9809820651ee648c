package io.ameide.coderguard.common.coder.contract;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny HTTP server on 127.0.0.1 that answers as scripted and records every request: the stand-in for Coder in
 * client tests.
 * <p>
 * Answers are scripted per method and path (the query is not part of the match). Queued answers are used first,
 * one per request, in order; after them a {@linkplain #respond responder}, if one is set, answers every further
 * request. A request nothing was scripted for gets 404 with Coder's error body, and is recorded like any other.
 */
public final class ScriptedCoderServer implements AutoCloseable {

    /** How long an answer that stops coming holds its request, should a test forget to close the server. */
    private static final long HANG_LIMIT_SECONDS = 60;

    private final HttpServer server;
    private final ExecutorService executor;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Answer>> queued = new HashMap<>();
    private final Map<String, Function<RecordedRequest, Answer>> responders = new HashMap<>();

    private ScriptedCoderServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts a server on a free port of 127.0.0.1. */
    public static ScriptedCoderServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "scripted-coder-server");
                thread.setDaemon(true);
                return thread;
            });
            ScriptedCoderServer scripted = new ScriptedCoderServer(server, executor);
            server.setExecutor(executor);
            server.createContext("/", scripted::handle);
            server.start();
            return scripted;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the scripted Coder server", e);
        }
    }

    /** The URL to configure the client with, e.g. {@code http://127.0.0.1:41234}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers the next requests to {@code method path}, one answer each, in the order given. */
    public ScriptedCoderServer enqueue(String method, String path, Answer... answers) {
        synchronized (queued) {
            queued.computeIfAbsent(key(method, path), k -> new ArrayDeque<>()).addAll(List.of(answers));
        }
        return this;
    }

    /** Answers every request to {@code method path} that no queued answer is left for. */
    public ScriptedCoderServer respond(String method, String path, Function<RecordedRequest, Answer> responder) {
        synchronized (queued) {
            responders.put(key(method, path), responder);
        }
        return this;
    }

    /** Every request received so far, in order of arrival. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public List<RecordedRequest> requests(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    /** Releases any request held by an answer that stopped coming, and stops the server. */
    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            RecordedRequest request = record(exchange);
            requests.add(request);
            Answer answer = answerFor(request);
            if (answer.delivery() == Delivery.NOTHING) {
                awaitClosing();
                return;
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            if (answer.delivery() == Delivery.STALLED_BODY) {
                exchange.sendResponseHeaders(answer.status(), 0);
                exchange.getResponseBody().write(body);
                exchange.getResponseBody().flush();
                awaitClosing();
                return;
            }
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private Answer answerFor(RecordedRequest request) {
        String key = key(request.method(), request.path());
        synchronized (queued) {
            Deque<Answer> answers = queued.get(key);
            if (answers != null && !answers.isEmpty()) {
                return answers.removeFirst();
            }
            Function<RecordedRequest, Answer> responder = responders.get(key);
            if (responder != null) {
                return responder.apply(request);
            }
        }
        return Answer.coderError(404, "No scripted answer for " + key + ".", null);
    }

    private void awaitClosing() {
        try {
            closing.await(HANG_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static RecordedRequest record(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        URI uri = exchange.getRequestURI();
        return new RecordedRequest(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), headers, body,
                System.nanoTime());
    }

    private static String key(String method, String path) {
        return method.toUpperCase() + " " + path;
    }

    /** How much of an answer goes out. */
    public enum Delivery {
        /** The whole answer. */
        COMPLETE,
        /** Nothing, until the server closes: a Coder that stopped answering. */
        NOTHING,
        /** The status, the headers and the body given, then nothing more until the server closes. */
        STALLED_BODY
    }

    /** One scripted answer. */
    public record Answer(int status, String body, Map<String, String> headers, Delivery delivery) {

        public Answer {
            headers = Map.copyOf(headers);
        }

        public static Answer json(int status, String body) {
            return new Answer(status, body, Map.of("Content-Type", "application/json"), Delivery.COMPLETE);
        }

        public static Answer json(String body) {
            return json(200, body);
        }

        /** Coder's error body, {@code {"message":…,"detail":…}}; a null detail is left out. */
        public static Answer coderError(int status, String message, String detail) {
            String detailField = detail == null ? "" : ",\"detail\":" + quote(detail);
            return json(status, "{\"message\":" + quote(message) + detailField + "}");
        }

        /** A body that is not JSON, as a proxy in front of Coder sends it. */
        public static Answer text(int status, String contentType, String body) {
            return new Answer(status, body, Map.of("Content-Type", contentType), Delivery.COMPLETE);
        }

        /** No answer at all until the server closes. */
        public static Answer hang() {
            return new Answer(0, "", Map.of(), Delivery.NOTHING);
        }

        /** A 200 whose body starts with {@code start} and then stops coming, as from a stuck proxy. */
        public static Answer stalledBody(String start) {
            return new Answer(200, start, Map.of("Content-Type", "application/json"), Delivery.STALLED_BODY);
        }

        public Answer withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Answer(status, body, more, delivery);
        }

        private static String quote(String text) {
            return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }

    /**
     * A request as the server saw it.
     *
     * @param path the raw (still encoded) path
     * @param rawQuery the raw (still encoded) query, or null
     * @param receivedNanos {@link System#nanoTime()} at arrival, to measure the pauses between retries
     */
    public record RecordedRequest(String method, String path, String rawQuery, Map<String, List<String>> headers,
            String body, long receivedNanos) {

        /** The first value of a header, whatever the case of its name. */
        public Optional<String> header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        /** The decoded query parameters, in order; the first value of each. */
        public Map<String, String> queryParameters() {
            Map<String, String> parameters = new LinkedHashMap<>();
            if (rawQuery == null || rawQuery.isEmpty()) {
                return parameters;
            }
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                parameters.putIfAbsent(name, equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
            return parameters;
        }

        /** The names of the query parameters, in order. */
        public List<String> queryParameterNames() {
            return new ArrayList<>(queryParameters().keySet());
        }

        private static String decode(String text) {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        }
    }
}
