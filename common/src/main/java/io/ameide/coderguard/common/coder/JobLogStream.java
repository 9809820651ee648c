package io.ameide.coderguard.common.coder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

/**
 * One follow of a provisioner job's logs through Coder's {@code …/logs?follow=true} WebSocket. Coder sends each log line
 * as a JSON text message and closes the stream with 1000 "done" once the job has ended, at once when it had ended
 * already; it closes with 1011 when it lost track of the job, and it sends a ping every 15 s meanwhile. So the close is
 * the moment to read the job again, and it says nothing of how the job ended.
 * <p>
 * The lines are counted, not kept: what the services need from a job is its status and error, which the version holds.
 * A message longer than {@link #MAX_MESSAGE_CHARS} ends the stream, as a broken one. Nothing bounds how long a job
 * runs, so the caller closes a stream it no longer waits on.
 */
public final class JobLogStream implements AutoCloseable {

    /** How Coder ends a stream whose job has ended. */
    public static final int NORMAL_CLOSURE = WebSocket.NORMAL_CLOSURE;
    /** A log line is a Terraform output line; one this long is no log line. */
    static final int MAX_MESSAGE_CHARS = 1 << 20;

    private static final Logger LOG = Logger.getLogger(JobLogStream.class);
    private static final CoderEndpoint ENDPOINT = CoderEndpoint.FOLLOW_TEMPLATE_VERSION_LOGS;

    /**
     * How the stream ended.
     *
     * @param statusCode the WebSocket close code Coder sent
     * @param messages the log lines received
     */
    public record End(int statusCode, String reason, int messages) {

        /** Coder closed the stream because the job ended (or had ended when the stream opened). */
        public boolean jobEnded() {
            return statusCode == NORMAL_CLOSURE;
        }
    }

    private final CompletableFuture<End> ended = new CompletableFuture<>();
    private final AtomicInteger messages = new AtomicInteger();
    private final CoderCallListener listener;
    private final long started = System.nanoTime();
    private volatile WebSocket socket;

    private JobLogStream(CoderCallListener listener) {
        this.listener = listener;
    }

    /**
     * Opens the stream; the result is there at once, and {@link #ended()} tells how the opening went. A refused upgrade
     * (Coder's 401, 404, 500 with its error body) fails {@code ended()} with a {@link CoderApiException}.
     */
    static JobLogStream open(HttpClient http, URI uri, CoderToken token, Duration connectTimeout,
            CoderCallListener listener) {
        JobLogStream stream = new JobLogStream(listener);
        http.newWebSocketBuilder()
                .header(CoderClient.TOKEN_HEADER, token.value())
                .connectTimeout(connectTimeout)
                .buildAsync(uri, stream.new Reader())
                .whenComplete((socket, failure) -> {
                    if (failure == null) {
                        stream.opened(socket);
                        return;
                    }
                    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    int status = cause instanceof WebSocketHandshakeException refused
                            ? refused.getResponse().statusCode()
                            : 0;
                    stream.called(status);
                    stream.ended.completeExceptionally(new CoderApiException(ENDPOINT, status, null, cause));
                });
        return stream;
    }

    /** Completes when Coder closes the stream; fails when it could not be opened or broke. */
    public CompletionStage<End> ended() {
        return ended.minimalCompletionStage();
    }

    /** Drops the stream, if it is still open; {@link #ended()} then fails with a {@link CancellationException}. */
    @Override
    public void close() {
        ended.completeExceptionally(new CancellationException("stream closed by this client"));
        WebSocket open = socket;
        if (open != null) {
            open.abort();
        }
    }

    private void called(int status) {
        listener.onCall(ENDPOINT, status, Duration.ofNanos(System.nanoTime() - started));
    }

    private void opened(WebSocket webSocket) {
        socket = webSocket;
        if (ended.isDone()) {
            // Closed while it was opening.
            webSocket.abort();
        }
    }

    /** Reads messages one at a time; the JDK answers Coder's pings itself. */
    private final class Reader implements WebSocket.Listener {

        /** Characters of the message being received; only its length matters, so its text is not kept. */
        private int partial;

        @Override
        public void onOpen(WebSocket webSocket) {
            called(101);
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (partial + data.length() > MAX_MESSAGE_CHARS) {
                ended.completeExceptionally(new IllegalStateException("a log message over " + MAX_MESSAGE_CHARS
                        + " characters; the stream was dropped"));
                webSocket.abort();
                return null;
            }
            partial += data.length();
            if (last) {
                partial = 0;
                messages.incrementAndGet();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, java.nio.ByteBuffer data, boolean last) {
            // Coder sends text only; a binary message is skipped, not a reason to stop waiting.
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            ended.complete(new End(statusCode, reason, messages.get()));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            LOG.debugf("Coder log stream broke: cause=%s", error.toString());
            ended.completeExceptionally(error);
        }
    }
}
