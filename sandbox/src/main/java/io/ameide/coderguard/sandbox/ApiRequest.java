package io.ameide.coderguard.sandbox;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.vertx.core.MultiMap;

/**
 * One request, read in full before it is answered.
 *
 * @param query the query parameters, the first value of each; Coder reads single-valued parameters the same way
 * @param headers the request's headers, names compared ignoring case
 */
record ApiRequest(String method, Route route, Map<String, String> query, MultiMap headers, byte[] body) {

    /** Bodies this endpoint set needs are a few hundred bytes; anything past this is not read. */
    static final int MAX_BODY_BYTES = 1 << 20;

    static ApiRequest of(String method, String rawPath, String rawQuery, MultiMap headers, byte[] body) {
        return new ApiRequest(method, Route.of(method, rawPath), parseQuery(rawQuery), headers, body);
    }

    String param(String name) {
        return query.get(name);
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            query.putIfAbsent(key, value);
        }
        return query;
    }

    /** Form decoding, so {@code +} is a space, as Go reads query strings; a broken escape is kept as written. */
    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
