package io.linkscope.api;

import io.linkscope.App;
import io.linkscope.config.AppConfig;
import io.linkscope.graph.EmbeddedNeo4j;
import io.linkscope.support.Eventually;
import io.linkscope.support.Http;
import io.linkscope.support.SharedNeo4j;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

@DisplayName("Neo4j goes away and comes back: 503 with Retry-After, nothing acknowledged, recovery without a restart")
class FaultIT {
    private static final String T = "fault";

    private static byte[] store(String id) {
        return ("{\"stores\":[{\"platform\":\"amazon\",\"marketplace\":\"US\",\"storeId\":\"" + id
                + "\",\"attributes\":[{\"type\":\"email\",\"value\":\"ops@fault.example\"}]}]}").getBytes(StandardCharsets.UTF_8);
    }

    private static long stores(EmbeddedNeo4j server) {
        try (Driver d = GraphDatabase.driver(server.boltUri(), server.authToken())) {
            return d.executableQuery("MATCH (s:Store {tenant: $t}) RETURN count(s) AS n").withParameters(Map.of("t", T))
                    .execute().records().get(0).get("n").asLong();
        }
    }

    @Test
    @DisplayName("stop the server: health, reads and imports answer 503; restart it: the same app serves and imports again")
    void neo4jOutage() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path home = SharedNeo4j.tempDir("linkscope-fault-neo4j-");
        Path password = home.resolve("neo4j.password");
        EmbeddedNeo4j server = EmbeddedNeo4j.start(home.resolve("db"), port, "64m", password);
        String bolt = server.boltUri();
        AppConfig config = SharedNeo4j.config(Map.of("NEO4J_URI", bolt, "NEO4J_MAX_RETRY_MS", "500", "LINKSCOPE_FRESHNESS_MS", "0",
                "NEO4J_USER", EmbeddedNeo4j.USER, "NEO4J_PASSWORD", server.password()));
        try (App app = App.start(config, true)) {
            Http http = new Http(app.httpPort()).bearer(SharedNeo4j.adminKey(app));
            String base = "/api/v1/tenants/" + T;
            assertEquals(200, http.post(base + "/portfolio", "application/json", store("F1")).status());
            assertEquals(200, http.get(base + "/linkage").status());

            server.close();
            Http.Response health = http.get("/health");
            assertEquals(503, health.status());
            assertEquals("down", health.json().getString("status"));
            Http.Response read = http.get(base + "/linkage");
            assertEquals(503, read.status(), read.body());
            assertEquals("5", read.header("Retry-After"));
            assertTrue(read.contentType().startsWith("application/problem+json"));
            Http.Response write = http.post(base + "/portfolio", "application/json", store("F2"));
            assertEquals(503, write.status(), write.body());
            assertEquals("5", write.header("Retry-After"));

            server = EmbeddedNeo4j.start(home.resolve("db"), port, "64m", password);
            assertEquals(1, stores(server), "the import answered 503 is not in the graph");
            Http.Response back = Eventually.get(() -> http.get(base + "/linkage"), r -> r.status() == 200, Duration.ofSeconds(30));
            assertEquals(200, back.status());
            assertEquals(200, http.get("/health").status());
            Http.Response retried = http.post(base + "/portfolio", "application/json", store("F2"));
            assertEquals(200, retried.status(), retried.body());
            assertEquals(2, stores(server));
            assertEquals(2, http.get(base + "/linkage").json().getInteger("storeCount"));
        } finally {
            server.close();
        }
    }
}
