package io.ameide.coderguard.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.ameide.coderguard.common.coder.model.CoderError;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** An answer about to be sent: a status, extra headers and a JSON body, always JSON, as every Coder answer is. */
record Reply(int status, JsonBody body, Map<String, String> headers) {

    /** Coder's content type on every API answer, errors included. */
    static final String CONTENT_TYPE = "application/json; charset=utf-8";

    static Reply of(int status, JsonBody body) {
        return new Reply(status, body, Map.of());
    }

    static Reply error(int status, CoderError error) {
        return of(status, json -> CoderShapes.error(json, error));
    }

    static Reply error(int status, String message, String detail) {
        return error(status, new CoderError(message, detail, null));
    }

    Reply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(status, body, Map.copyOf(more));
    }

    /** Sends the rendered body; rendering comes first, so that a failure there can still become a 500. */
    void send(HttpServerResponse response, byte[] renderedBody) {
        response.setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE);
        headers.forEach(response::putHeader);
        // Not Modified carries no body.
        response.end(status == 304 ? Buffer.buffer() : Buffer.buffer(renderedBody));
    }

    byte[] render(JsonFactory factory) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try (JsonGenerator json = factory.createGenerator(out)) {
            body.write(json);
        }
        return out.toByteArray();
    }

    @FunctionalInterface
    interface JsonBody {

        void write(JsonGenerator json) throws IOException;
    }
}
