package io.linkscope.api;

import io.linkscope.App;
import io.linkscope.collect.PortfolioDocument;
import io.linkscope.collect.SyntheticPortfolio;
import io.linkscope.support.Http;
import io.linkscope.support.SharedNeo4j;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Reads during writes: a read that finds a newer analysis being built is answered at once from the last complete one,
 * and says so (its revision, {@code Age}); a read with nobody building gets the new analysis (read your writes).
 */
@DisplayName("Reads during imports are served from the last complete analysis, with its revision and Age")
class StaleReadIT {
    private static final String T = "stale-reads";
    private static App app;
    private static Http http;
    /** Another client of the same tenant: a dashboard reading while a feed imports. */
    private static Http reader;

    @BeforeAll
    static void start() {
        // never wait for a build in progress: whoever does not build is answered from the last complete analysis
        app = SharedNeo4j.startApp(Map.of("LINKSCOPE_STALE_WAIT_MS", "0", "LINKSCOPE_FRESHNESS_MS", "0",
                "LINKSCOPE_IMPORT_WAIT_MS", "240000", "LINKSCOPE_REQUEST_TIMEOUT_MS", "300000"));
        http = new Http(app.httpPort()).bearer(SharedNeo4j.adminKey(app));
        reader = new Http(app.httpPort()).bearer(SharedNeo4j.key(app, io.linkscope.graph.ApiKeyStore.Role.owner, T));
        JsonObject doc = PortfolioDocument.of(SyntheticPortfolio.generate(11, SyntheticPortfolio.Options.forEval(1500)).portfolio());
        assertEquals(200, http.post("/api/v1/tenants/" + T + "/portfolio", "application/json", doc.encode().getBytes(StandardCharsets.UTF_8)).status());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static byte[] oneStore(int i) {
        JsonObject store = new JsonObject().put("platform", "ebay").put("marketplace", "US").put("storeId", "STALE" + i)
                .put("attributes", new JsonArray().add(new JsonObject().put("type", "email").put("value", "stale" + i + "@reads.example")));
        return new JsonObject().put("stores", new JsonArray().add(store)).encode().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void staleWhileBuilding() throws Exception {
        Http.Response first = reader.get("/api/v1/tenants/" + T + "/linkage");
        assertEquals(200, first.status());
        long revision = Long.parseLong(first.header("X-Linkscope-Analysis-Revision"));
        assertNull(first.header("Age"), "a current answer has no Age");
        long initial = revision;

        int stale = 0, fresh = 0;
        ExecutorService readers = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 10 && stale == 0; round++) {
                assertEquals(200, http.post("/api/v1/tenants/" + T + "/portfolio", "application/json", oneStore(round)).status());
                List<Future<Http.Response>> reads = new ArrayList<>();
                for (int r = 0; r < 4; r++) reads.add(readers.submit(() -> reader.get("/api/v1/tenants/" + T + "/linkage")));
                List<Long> staleRevisions = new ArrayList<>(), freshRevisions = new ArrayList<>();
                for (Future<Http.Response> f : reads) {
                    Http.Response a = f.get();
                    assertEquals(200, a.status(), a.body());
                    long rev = Long.parseLong(a.header("X-Linkscope-Analysis-Revision"));
                    assertTrue(rev >= revision, "never older than the last complete analysis: " + rev + " < " + revision);
                    if (a.header("Age") != null) {
                        assertTrue(Long.parseLong(a.header("Age")) >= 0);
                        staleRevisions.add(rev);
                    } else {
                        freshRevisions.add(rev);
                    }
                }
                stale += staleRevisions.size();
                fresh += freshRevisions.size();
                if (!freshRevisions.isEmpty()) {
                    long newest = java.util.Collections.max(freshRevisions);
                    for (long rev : staleRevisions) assertTrue(rev < newest, "a stale answer is an older revision: " + rev + " vs " + newest);
                    revision = newest;
                }
            }
        } finally {
            readers.shutdownNow();
        }
        assertTrue(stale > 0, "some reads were answered while the new analysis was built (current ones: " + fresh + ")");

        // nobody building: a read gets the newest analysis, current, with the new store in it
        Http.Response last = io.linkscope.support.Eventually.get(() -> reader.get("/api/v1/tenants/" + T + "/linkage"),
                a -> a.header("Age") == null, java.time.Duration.ofSeconds(20));
        assertTrue(Long.parseLong(last.header("X-Linkscope-Analysis-Revision")) > initial);
        assertEquals(200, http.get("/api/v1/tenants/" + T + "/stores/" + java.net.URLEncoder.encode("ebay:US:STALE0", StandardCharsets.UTF_8)).status());
    }

    @Test
    @DisplayName("the client that wrote reads its own write: never answered from an analysis older than its import")
    void readYourWrites() {
        for (int round = 100; round < 106; round++) {
            assertEquals(200, http.post("/api/v1/tenants/" + T + "/portfolio", "application/json", oneStore(round)).status());
            Http.Response a = http.get("/api/v1/tenants/" + T + "/stores/" + java.net.URLEncoder.encode("ebay:US:STALE" + round, StandardCharsets.UTF_8) + "/links");
            assertEquals(200, a.status(), "the writer's read of the store it just imported: " + a.body());
            assertNull(a.header("Age"), "current, not stale");
        }
    }
}
