package io.ameide.coderguard.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;

import io.ameide.coderguard.common.coder.model.CoderError;

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
    void send(HttpExchange exchange, byte[] renderedBody) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        headers.forEach(exchange.getResponseHeaders()::set);
        if (status == 304) {
            // Not Modified carries no body; -1 tells the JDK's server so.
            exchange.sendResponseHeaders(status, -1);
            exchange.getResponseBody().close();
            return;
        }
        exchange.sendResponseHeaders(status, renderedBody.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(renderedBody);
        }
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
