package io.ameide.coderguard.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import io.ameide.coderguard.common.coder.CoderJson;

/** A plain HTTP client for tests: raw requests to a stand-in, answers as status, headers and a JSON tree. */
final class StandInClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI baseUrl;
    private final String token;

    StandInClient(CoderStandIn standIn) {
        this(standIn.baseUrl(), standIn.token());
    }

    StandInClient(URI baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    Answer get(String pathAndQuery) {
        return send(request(pathAndQuery).GET());
    }

    /** {@code GET /api/v2/workspaces} with the search query encoded as a client must. */
    Answer search(String query, String more) {
        return get("/api/v2/workspaces?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + more);
    }

    Answer post(String path, String body) {
        return send(request(path).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer stop(String workspaceId) {
        return post("/api/v2/workspaces/" + workspaceId + "/builds", "{\"transition\":\"stop\"}");
    }

    Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response, CoderJson.mapper().readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(baseUrl.resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(30));
        return token == null ? builder : builder.header("Coder-Session-Token", token);
    }

    record Answer(int status, HttpResponse<String> response, JsonNode json) {

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }
}
