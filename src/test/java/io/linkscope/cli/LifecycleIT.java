package io.linkscope.cli;

import io.linkscope.support.ChildJvm;
import io.linkscope.support.Eventually;
import io.linkscope.support.SharedNeo4j;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code ./linkscope serve} as a child process, stopped with SIGTERM: it stops accepting, answers the request in
 * flight and finishes its import before it exits 0; idle, it exits at once. Its log is one JSON object a line with
 * ISO timestamps when asked to be.
 */
@DisplayName("Lifecycle: SIGTERM finishes in-flight work and exits 0; readiness; JSON logs (child process)")
class LifecycleIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private record Child(Process process, int port, Path log) {
        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Child serve(Map<String, String> extraEnv) throws IOException {
        int port = freePort();
        Path dir = SharedNeo4j.tempDir("linkscope-lifecycle-");
        Path log = dir.resolve("stderr.log");
        ProcessBuilder pb = new ProcessBuilder(ChildJvm.command("1g", Main.class, "serve"))
                .redirectError(log.toFile()).redirectOutput(dir.resolve("stdout.log").toFile());
        Map<String, String> env = pb.environment();
        env.putAll(SharedNeo4j.connection());
        env.put("LINKSCOPE_PORT", Integer.toString(port));
        env.put("LINKSCOPE_DATA", dir.resolve("data").toString());
        env.put("LINKSCOPE_SECRET", SharedNeo4j.SECRET);
        env.put("LINKSCOPE_LOG_FORMAT", "json");
        env.putAll(extraEnv);
        Child child = new Child(pb.start(), port, log);
        int status = Eventually.get(() -> status(child, "/health/ready"), s -> s == 200 || !child.process().isAlive(), Duration.ofSeconds(120));
        assertEquals(200, status, "ready within two minutes; log:\n" + read(log));
        return child;
    }

    private static int status(Child child, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(child.url(path))).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, as an orchestrator sends it; returns how long the process took to exit. */
    private static long terminate(Child child) throws InterruptedException {
        long t0 = System.nanoTime();
        child.process().destroy();
        assertTrue(child.process().waitFor(60, TimeUnit.SECONDS), "the process exits after SIGTERM; log:\n" + read(child.log()));
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    @DisplayName("idle: SIGTERM exits 0 at once; every log line is a JSON object with an ISO timestamp")
    void idleStop() throws Exception {
        Child child = serve(Map.of());
        assertEquals(200, status(child, "/health/live"));
        long ms = terminate(child);
        assertEquals(0, child.process().exitValue(), "exit code after SIGTERM; log:\n" + read(child.log()));
        System.out.println("idle stop after SIGTERM: " + ms + " ms");
        List<String> lines = read(child.log()).lines().filter(l -> !l.isBlank()).toList();
        assertFalse(lines.isEmpty());
        for (String line : lines) {
            if (!line.startsWith("{")) continue; // the JVM's own warnings before logging starts are not ours
            JsonObject entry = new JsonObject(line);
            assertNotNull(OffsetDateTime.parse(entry.getString("@timestamp")), line);
            assertNotNull(entry.getString("message"), line);
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("stopped in")), "the graceful stop is logged");
        assertFalse(read(child.log()).contains("RejectedExecutionException"), "no task is refused on the way down");
    }

    @Test
    @DisplayName("busy: SIGTERM during a large import stops accepting, answers the import, commits it, then exits 0")
    void stopUnderWork() throws Exception {
        Child child = serve(Map.of("LINKSCOPE_SHUTDOWN_GRACE_MS", "90000"));
        String key = adminKey(child);
        String tenant = "lifecycle-busy";
        JsonArray stores = new JsonArray();
        for (int i = 0; i < 6000; i++) {
            stores.add(new JsonObject().put("platform", "amazon").put("marketplace", "US").put("storeId", "L" + i)
                    .put("attributes", new JsonArray().add(new JsonObject().put("type", "email").put("value", "l" + i + "@life.example"))
                            .add(new JsonObject().put("type", "ip").put("value", "198.19." + (i / 250) + "." + (i % 250)))));
        }
        byte[] body = new JsonObject().put("stores", stores).encode().getBytes(StandardCharsets.UTF_8);
        CompletableFuture<HttpResponse<String>> answer = HTTP.sendAsync(HttpRequest.newBuilder(
                        URI.create(child.url("/api/v1/tenants/" + tenant + "/portfolio")))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        // the import is under way once its tenant is being validated: wait for the server to have the whole body
        Eventually.get(() -> read(child.log()).contains("import accepted"), done -> done || answer.isDone(), Duration.ofSeconds(60));
        assertFalse(answer.isDone(), "the import is still running when SIGTERM arrives");
        child.process().destroy();
        // it stops accepting at once, while the import goes on
        int refused = Eventually.get(() -> status(child, "/health/live"), s -> s == -1, Duration.ofSeconds(10));
        assertEquals(-1, refused, "new connections are refused once stopping");
        HttpResponse<String> r = answer.get(120, TimeUnit.SECONDS);
        assertTrue(r.statusCode() == 200 || r.statusCode() == 202, "the request in flight is answered: " + r.statusCode() + " " + r.body());
        assertTrue(child.process().waitFor(120, TimeUnit.SECONDS), "exits after the import; log:\n" + read(child.log()));
        assertEquals(0, child.process().exitValue());
        assertEquals(6000, SharedNeo4j.storeCount(tenant), "the import finished before the process exited");
    }

    private static String adminKey(Child child) {
        try (var graph = io.linkscope.graph.GraphClient.open(SharedNeo4j.config(Map.of()))) {
            var keys = new io.linkscope.graph.ApiKeyStore(graph, new io.linkscope.graph.GraphWriter(graph, 1000));
            return keys.create(io.linkscope.graph.ApiKeyStore.Role.admin, List.of(), "lifecycle-it").secret();
        }
    }
}
