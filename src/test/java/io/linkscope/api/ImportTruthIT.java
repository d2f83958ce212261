package io.linkscope.api;

import io.linkscope.App;
import io.linkscope.config.AppConfig;
import io.linkscope.graph.ApiKeyStore.Role;
import io.linkscope.support.Eventually;
import io.linkscope.support.Http;
import io.linkscope.support.SharedNeo4j;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * An import's answer is the truth. With a short answer window and a short request timeout, a large import is answered
 * 202 (never 503) and its resource says committed only once the data is there; Idempotency-Key replays the first
 * answer, across a restart too, and refuses another body.
 */
@DisplayName("Imports: 202 and a resource to poll for slow imports, no 503 that later commits, Idempotency-Key")
class ImportTruthIT {
    private static final String T = "truth";

    private static String portfolio(int stores, String prefix) {
        JsonArray list = new JsonArray();
        for (int i = 0; i < stores; i++) {
            list.add(new JsonObject().put("platform", "amazon").put("marketplace", "US").put("storeId", prefix + i)
                    .put("monthlyRevenue", 1000 + i)
                    .put("attributes", new JsonArray()
                            .add(new JsonObject().put("type", "email").put("value", "ops" + i + "@truth.example"))
                            .add(new JsonObject().put("type", "ip").put("value", "198.18." + (i / 250) + "." + (i % 250)))
                            .add(new JsonObject().put("type", "phone").put("value", "+86 138 " + String.format("%08d", i)))));
        }
        return new JsonObject().put("format", "linkscope.portfolio/v1").put("stores", list).encode();
    }

    private static HttpResponse<String> post(App app, String key, String idempotencyKey, String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + "/api/v1/tenants/" + T + "/portfolio"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (idempotencyKey != null) b.header("Idempotency-Key", idempotencyKey);
            return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject poll(Http http, String location) {
        JsonObject state = Eventually.get(() -> http.get(location).json(), s -> !"pending".equals(s.getString("state")),
                Duration.ofSeconds(120));
        assertEquals("committed", state.getString("state"), state.encodePrettily());
        return state;
    }

    private static long receipts() {
        return SharedNeo4j.count("MATCH (r:ImportReceipt {tenant: $t}) RETURN count(r)", Map.of("t", T));
    }

    @Test
    @DisplayName("a 4,000-store import against a 60 ms window and a 5 s timeout: 202, then committed with every store")
    void slowImportIsPolledNotTimedOut() {
        AppConfig config = SharedNeo4j.config(Map.of("LINKSCOPE_REQUEST_TIMEOUT_MS", "5000", "LINKSCOPE_IMPORT_WAIT_MS", "60"));
        String body = portfolio(4000, "S");
        String id;
        try (App app = App.start(config, true)) {
            String key = SharedNeo4j.key(app, Role.owner, T);
            Http http = new Http(app.httpPort()).bearer(key);
            HttpResponse<String> first = post(app, key, "import-4000", body);
            assertEquals(202, first.statusCode(), first.body());
            String location = first.headers().firstValue("Location").orElseThrow();
            id = new JsonObject(first.body()).getString("id");
            assertEquals("/api/v1/tenants/" + T + "/imports/" + id, location);

            // the client retries before the outcome is known: the same import, not a second one
            HttpResponse<String> retry = post(app, key, "import-4000", body);
            assertTrue(retry.statusCode() == 202 || retry.statusCode() == 200, retry.body());
            assertTrue(retry.body().contains(id), retry.body());

            JsonObject done = poll(http, location);
            assertEquals(4000, done.getJsonObject("outcome").getJsonObject("result").getInteger("stores"));
            assertEquals(4000, SharedNeo4j.storeCount(T), "committed means every store is in the graph");
            assertEquals(16000, SharedNeo4j.observationCount(T), "email, phone, IP and its /24 per store");
            assertEquals(1, receipts(), "one import, one receipt");

            HttpResponse<String> replay = post(app, key, "import-4000", body);
            assertEquals(200, replay.statusCode(), replay.body());
            assertEquals("true", replay.headers().firstValue("Idempotent-Replayed").orElse(null));
            assertEquals(id, new JsonObject(replay.body()).getString("importId"));

            HttpResponse<String> other = post(app, key, "import-4000", portfolio(3, "X"));
            assertEquals(422, other.statusCode(), other.body());
            assertEquals(4000, SharedNeo4j.storeCount(T), "a reused key with another body writes nothing");
            assertEquals(1, receipts());
        }
        // another process (or this one after a restart) knows the import from its receipt in the graph
        try (App again = App.start(SharedNeo4j.config(Map.of()), true)) {
            String key = SharedNeo4j.key(again, Role.owner, T);
            Http http = new Http(again.httpPort()).bearer(key);
            HttpResponse<String> replay = post(again, key, "import-4000", body);
            assertEquals(200, replay.statusCode(), replay.body());
            assertEquals("true", replay.headers().firstValue("Idempotent-Replayed").orElse(null));
            assertEquals(id, new JsonObject(replay.body()).getString("importId"));
            JsonObject state = http.get("/api/v1/tenants/" + T + "/imports/" + id).json();
            assertEquals("committed", state.getString("state"));
            assertEquals(16000, state.getJsonObject("outcome").getInteger("observationsAccepted"));
            assertEquals(4000, SharedNeo4j.storeCount(T));
            assertEquals(1, receipts());

            assertEquals(404, http.get("/api/v1/tenants/" + T + "/imports/imp_AAAAAAAAAAAAAAAAAAAAAAAA").status());
            assertEquals(400, http.get("/api/v1/tenants/" + T + "/imports/nope").status());
        }
    }

    @Test
    @DisplayName("a rejected import answers 400 with its import id, and its resource says rejected; nothing is written")
    void rejectedImport() {
        try (App app = SharedNeo4j.startApp(Map.of())) {
            String key = SharedNeo4j.key(app, Role.owner, "truth-bad");
            Http http = new Http(app.httpPort()).bearer(key);
            Http.Response r = http.post("/api/v1/tenants/truth-bad/portfolio", "application/json",
                    "{\"stores\":[{\"platform\":\"amazon\",\"marketplace\":\"XX\",\"storeId\":\"B1\"}]}".getBytes(StandardCharsets.UTF_8));
            assertEquals(400, r.status(), r.body());
            String id = r.json().getString("importId");
            JsonObject state = http.get("/api/v1/tenants/truth-bad/imports/" + id).json();
            assertEquals("rejected", state.getString("state"));
            assertEquals("stores[0].marketplace", state.getJsonObject("problem").getJsonArray("errors").getJsonObject(0).getString("location"));
            assertEquals(0, SharedNeo4j.storeCount("truth-bad"));
            assertEquals(0, SharedNeo4j.count("MATCH (r:ImportReceipt {tenant: 'truth-bad'}) RETURN count(r)", Map.of()));
        }
    }
}
