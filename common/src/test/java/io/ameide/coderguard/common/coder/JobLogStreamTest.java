package io.ameide.coderguard.common.coder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;

/**
 * The client's side of Coder's log stream, against a WebSocket server on 127.0.0.1 that plays Coder's
 * {@code provisionerJobLogs}: one JSON text message per log line, then a close with 1000 "done" when the job has ended,
 * 1011 when Coder lost track of it, or a refused upgrade with Coder's error body.
 */
class JobLogStreamTest {

    private static final String VERSION_ID = "4f1c2d3e-0000-4000-8000-000000000abc";
    private static final String LOG_LINE = "{\"id\":%d,\"created_at\":\"2026-12-04T10:00:00Z\",\"log_source\":"
            + "\"provisioner_daemon\",\"log_level\":\"info\",\"stage\":\"Setting up\",\"output\":\"\"}";

    private final Vertx vertx = Vertx.vertx();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final CompletableFuture<Void> clientLeft = new CompletableFuture<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopServer() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aStreamCoderClosesWithDoneTellsTheJobEndedAndCountsItsLines() throws Exception {
        URI coder = serve(socket -> {
            for (int id = 1; id <= 3; id++) {
                socket.writeTextMessage(LOG_LINE.formatted(id));
            }
            socket.close((short) 1000, "done");
        });

        JobLogStream.End end = await(client(coder).followTemplateVersionLogs(VERSION_ID));

        assertThat(end.jobEnded()).isTrue();
        assertThat(end.messages()).isEqualTo(3);
        assertThat(paths).containsExactly("/api/v2/templateversions/" + VERSION_ID + "/logs?follow=true");
        assertThat(tokens).containsEntry("Coder-Session-Token", TestClients.TOKEN);
        assertThat(calls).containsExactly("follow_template_version_logs 101");
    }

    @Test
    void aStreamCoderClosesWithAnInternalErrorDoesNotSayTheJobEnded() throws Exception {
        URI coder = serve(socket -> socket.close((short) 1011, "dropped or corrupted notification"));

        JobLogStream.End end = await(client(coder).followTemplateVersionLogs(VERSION_ID));

        assertThat(end.jobEnded()).isFalse();
        assertThat(end.statusCode()).isEqualTo(1011);
        assertThat(end.reason()).contains("dropped");
    }

    @Test
    void aRefusedUpgradeFailsWithCodersStatus() {
        URI coder = refuse(401);

        Throwable failure = failureOf(client(coder).followTemplateVersionLogs(VERSION_ID));

        assertThat(failure).isInstanceOf(CoderApiException.class);
        assertThat(((CoderApiException) failure).status()).isEqualTo(401);
        assertThat(calls).containsExactly("follow_template_version_logs 401");
    }

    @Test
    void aCoderThatIsNotListeningFailsTheStreamWithoutAStatus() {
        URI nobody = URI.create("http://127.0.0.1:" + freePortNobodyListensOn());

        Throwable failure = failureOf(client(nobody).followTemplateVersionLogs(VERSION_ID));

        assertThat(failure).isInstanceOf(CoderApiException.class);
        assertThat(((CoderApiException) failure).status()).isZero();
    }

    @Test
    void closingAStreamThatIsStillOpenDropsTheConnectionAndCancelsTheWait() throws Exception {
        URI coder = serve(socket -> socket.writeTextMessage(LOG_LINE.formatted(1)));
        JobLogStream stream = client(coder).followTemplateVersionLogs(VERSION_ID);
        awaitOpened();

        stream.close();

        assertThat(failureOf(stream)).isInstanceOf(CancellationException.class);
        clientLeft.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aMessageLongerThanAnyLogLineDropsTheStream() {
        URI coder = serve(socket -> socket.writeTextMessage("x".repeat(JobLogStream.MAX_MESSAGE_CHARS + 1)));

        Throwable failure = failureOf(client(coder).followTemplateVersionLogs(VERSION_ID));

        assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessageContaining("log message over");
    }

    @Test
    void aMessageSentInFragmentsLongerThanAnyLogLineDropsTheStream() {
        String fragment = "x".repeat(64 * 1024);
        URI coder = serve(socket -> {
            socket.writeFrame(WebSocketFrame.textFrame(fragment, false));
            for (int sent = fragment.length(); sent <= JobLogStream.MAX_MESSAGE_CHARS; sent += fragment.length()) {
                socket.writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(fragment), false));
            }
        });

        Throwable failure = failureOf(client(coder).followTemplateVersionLogs(VERSION_ID));

        assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessageContaining("log message over");
    }

    @Test
    void aFloodOfLogLinesIsCountedToTheEnd() throws Exception {
        URI coder = serve(socket -> {
            for (int id = 1; id <= 20_000; id++) {
                socket.writeTextMessage(LOG_LINE.formatted(id));
            }
            socket.close((short) 1000, "done");
        });

        JobLogStream.End end = await(client(coder).followTemplateVersionLogs(VERSION_ID));

        assertThat(end.jobEnded()).isTrue();
        assertThat(end.messages()).isEqualTo(20_000);
    }

    @Test
    void anUpgradeCoderNeverAnswersFailsWithinTheConnectTimeout() {
        URI coder = listen(request -> {
            // Holds the request: no answer, no close.
        });

        long started = System.nanoTime();
        Throwable failure = failureOf(client(coder).followTemplateVersionLogs(VERSION_ID));

        assertThat(failure).isInstanceOf(CoderApiException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TestClients.CONNECT_TIMEOUT.plusSeconds(2));
    }

    private URI serve(Consumer<ServerWebSocket> coder) {
        return listen(request -> {
            paths.add(request.uri());
            String token = request.getHeader("Coder-Session-Token");
            tokens.put("Coder-Session-Token", token == null ? "" : token);
            request.toWebSocket().onSuccess(socket -> {
                socket.closeHandler(ignored -> clientLeft.complete(null));
                opened.complete(null);
                coder.accept(socket);
            });
        });
    }

    private URI refuse(int status) {
        return listen(request -> request.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end("{\"message\":\"You are signed out or your session has expired.\"}"));
    }

    private URI listen(Handler<HttpServerRequest> handler) {
        HttpServer server = vertx.createHttpServer().requestHandler(handler);
        int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
        return URI.create("http://127.0.0.1:" + port);
    }

    private CoderClient client(URI coder) {
        CoderClientConfig config = new CoderClientConfig(coder, CoderToken.of(TestClients.TOKEN),
                TestClients.CONNECT_TIMEOUT, TestClients.REQUEST_TIMEOUT, TestClients.QUICK_RETRY);
        return new CoderClient(config,
                (endpoint, status, duration) -> calls.add(endpoint.tag() + " " + status));
    }

    private void awaitOpened() throws Exception {
        opened.get(5, TimeUnit.SECONDS);
    }

    private static JobLogStream.End await(JobLogStream stream) throws Exception {
        return stream.ended().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static Throwable failureOf(JobLogStream stream) {
        Throwable thrown = catchThrowable(() -> stream.ended().toCompletableFuture().get(5, TimeUnit.SECONDS));
        return thrown instanceof ExecutionException e ? e.getCause() : thrown;
    }

    private static int freePortNobodyListensOn() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[]{127, 0, 0, 1}))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
