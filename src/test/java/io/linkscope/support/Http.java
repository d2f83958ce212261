package io.linkscope.support;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small blocking HTTP client for tests, run from the test thread (never an event loop). */
public final class Http {
    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private String bearer;
    private java.time.Duration timeout;

    public Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public Http bearer(String key) {
        this.bearer = key;
        return this;
    }

    /** A request unanswered after this long fails with an {@link java.io.UncheckedIOException} instead of waiting on. */
    public Http timeout(java.time.Duration limit) {
        this.timeout = limit;
        return this;
    }

    public record Response(int status, String contentType, String body, java.net.http.HttpHeaders headers) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public JsonObject json() {
            return new JsonObject(body);
        }
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Response post(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Response postFile(String path, Path file) {
        String name = file.getFileName().toString();
        String type = name.endsWith(".csv") ? "text/csv" : name.endsWith(".ndjson") ? "application/x-ndjson" : "application/json";
        try {
            return post(path, type, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    public Response send(HttpRequest.Builder builder) {
        if (bearer != null) builder.header("Authorization", "Bearer " + bearer);
        if (timeout != null) builder.timeout(timeout);
        try {
            HttpResponse<String> r = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
