package io.ameide.coderguard.sandbox;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.ameide.coderguard.sandbox.TemplateRecords.JobLog;
import io.ameide.coderguard.sandbox.TemplateRecords.LogFollower;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;

/**
 * Coder's log stream ({@code GET /api/v2/templateversions/{id}/logs?follow}) as a WebSocket: every line the job logged
 * so far, then each new one, one JSON text message per line, a ping every 15 s, and a close with 1000 "done" when the
 * job ends, at once when it had ended already. A client that goes away stops being told.
 */
final class LogStreams {

    /** Coder's {@code httpapi.Heartbeat} interval. */
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private static final System.Logger LOG = System.getLogger(LogStreams.class.getName());

    private final Vertx vertx;
    private final StandInTemplates templates;
    private final TemplateApi shapes;
    private final ObjectMapper mapper;

    LogStreams(Vertx vertx, StandInTemplates templates, TemplateApi shapes, ObjectMapper mapper) {
        this.vertx = vertx;
        this.templates = templates;
        this.shapes = shapes;
        this.mapper = mapper;
    }

    /** Upgrades the request, whose version was found, and follows that version's job. */
    void accept(HttpServerRequest request, String versionId) {
        request.toWebSocket()
                .onSuccess(socket -> follow(socket, Ids.normalize(versionId)))
                .onFailure(e -> LOG.log(Level.DEBUG, "Log stream not opened", e));
    }

    private void follow(ServerWebSocket socket, String versionId) {
        long heartbeat = vertx.setPeriodic(HEARTBEAT.toMillis(), tick -> socket.writePing(Buffer.buffer()));
        AtomicReference<Runnable> unfollow = new AtomicReference<>(() -> {
        });
        socket.closeHandler(closed -> {
            vertx.cancelTimer(heartbeat);
            unfollow.get().run();
        });
        Optional<Runnable> following = templates.follow(versionId, new LogFollower() {

            @Override
            public void line(JobLog log) {
                try {
                    socket.writeTextMessage(mapper.writeValueAsString(shapes.log(log)));
                } catch (JsonProcessingException e) {
                    LOG.log(Level.ERROR, "Log line not written", e);
                }
            }

            @Override
            public void ended() {
                socket.close((short) 1000, "done");
            }
        });
        if (following.isEmpty()) {
            // Deleted between the check and the upgrade.
            socket.close((short) 1011, "template version not found");
            return;
        }
        unfollow.set(following.get());
        if (socket.isClosed()) {
            following.get().run();
        }
    }
}
