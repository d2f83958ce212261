package io.linkscope.api;

import io.linkscope.App;
import io.linkscope.graph.ApiKeyStore.Role;
import io.linkscope.support.Eventually;
import io.linkscope.support.Http;
import io.linkscope.support.SharedNeo4j;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A tenant imports probe stores holding a guessed email and compares what it reads with probes holding an email
 * nobody has: until at least three stores of at least two other portfolios hold it, nothing differs (exposure,
 * scores, evidence, tainted identifiers); from there on it reads a band, never an exact count or a name.
 */
@DisplayName("Cross-portfolio exposure is no oracle: below k stores in two other tenants a held identifier reads as unheld")
class ExposureOracleIT {
    private static final String PROBE = "orc-probe";
    private static final String H1 = "orc-h1";
    private static final String H2 = "orc-h2";
    private static App app;
    private static Http probe;
    private static Http admin;

    @BeforeAll
    static void start() {
        app = SharedNeo4j.startApp(Map.of());
        admin = new Http(app.httpPort()).bearer(SharedNeo4j.adminKey(app));
        probe = new Http(app.httpPort()).bearer(SharedNeo4j.key(app, Role.owner, PROBE));
        String doc = """
                {"stores": [
                  {"platform": "amazon", "marketplace": "US", "storeId": "P1", "attributes": [{"type": "email", "value": "guess@orc.example"}]},
                  {"platform": "amazon", "marketplace": "DE", "storeId": "P2", "attributes": [{"type": "email", "value": "guess@orc.example"}]},
                  {"platform": "amazon", "marketplace": "US", "storeId": "Q1", "attributes": [{"type": "email", "value": "nobody@orc.example"}]},
                  {"platform": "amazon", "marketplace": "DE", "storeId": "Q2", "attributes": [{"type": "email", "value": "nobody@orc.example"}]}
                ]}""";
        assertEquals(200, probe.post("/api/v1/tenants/" + PROBE + "/portfolio", "application/json", bytes(doc)).status());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void holder(String tenant, String storeId, String status) {
        String doc = """
                {"stores": [{"platform": "amazon", "marketplace": "US", "storeId": "%s", "status": "%s", "name": "Holder %s",
                  "attributes": [{"type": "email", "value": "Guess+x@orc.example"}]}]}""".formatted(storeId, status, storeId);
        assertEquals(200, admin.post("/api/v1/tenants/" + tenant + "/portfolio", "application/json", bytes(doc)).status());
    }

    private static JsonObject exposure(String store) {
        Http.Response r = probe.get("/api/v1/tenants/" + PROBE + "/stores/" + URLEncoder.encode(store, StandardCharsets.UTF_8) + "/links");
        assertEquals(200, r.status(), r.body());
        assertFalse(r.body().contains("Holder") || r.body().contains(H1) || r.body().contains(H2), "never who");
        return r.json().getJsonObject("exposure");
    }

    /** What the probe reads about its pair: the link (score, level, every evidence figure) but the keys and masks. */
    private static JsonObject pair(JsonArray links, String a, String b) {
        for (Object o : links) {
            JsonObject l = (JsonObject) o;
            if (l.getString("a").endsWith(a) && l.getString("b").endsWith(b) || l.getString("a").endsWith(b) && l.getString("b").endsWith(a)) {
                JsonObject copy = l.copy();
                copy.remove("a");
                copy.remove("b");
                copy.getJsonArray("evidence").forEach(e -> ((JsonObject) e).remove("display")); // the probe's own guess
                return copy;
            }
        }
        return fail("no link between " + a + " and " + b);
    }

    private static void assertHeldReadsAsUnheld(String when) {
        // a stale cache would read as unheld too: the probe's analysis is computed from the graph as it is now
        app.analysis().evict(PROBE);
        JsonObject linkage = probe.get("/api/v1/tenants/" + PROBE + "/linkage").json();
        assertEquals(pair(linkage.getJsonArray("links"), "Q1", "Q2"), pair(linkage.getJsonArray("links"), "P1", "P2"), when);
        assertEquals(exposure("amazon:US:Q1"), exposure("amazon:US:P1"), when);
        assertEquals(0, linkage.getJsonArray("taintedIdentifiers").size(), when);
    }

    @Test
    @DisplayName("1 then 2 holders in other tenants (one suspended) change nothing; 3 in two tenants read as the band 3–5")
    void thresholdAndBands() {
        assertHeldReadsAsUnheld("nobody else holds it yet");

        holder(H1, "H1A", "suspended");
        assertHeldReadsAsUnheld("one suspended store of one other tenant");

        holder(H1, "H1B", "active");
        holder(H1, "H1C", "suspended");
        assertHeldReadsAsUnheld("three stores, but all in one other tenant");

        holder(H2, "H2A", "active");
        JsonObject seen = Eventually.get(() -> exposure("amazon:US:P1"), e -> e.getInteger("foreignStores") > 0, Duration.ofSeconds(5));
        assertEquals(3, seen.getInteger("foreignStores"), "four stores read as the lower edge of their band");
        assertEquals("3–5", seen.getString("foreignStoresBand"));
        assertNull(seen.getString("foreignSuspendedBand"), "two suspended stores, in one tenant, are too few to report");
        assertEquals(0, seen.getInteger("foreignSuspended"));
        assertEquals(exposure("amazon:US:Q1").getString("note"), "not shared beyond your portfolio, or too few to report");

        holder(H2, "H2B", "suspended");
        JsonObject tainted = Eventually.get(() -> exposure("amazon:US:P1"), e -> e.getInteger("foreignSuspended") > 0, Duration.ofSeconds(5));
        assertEquals("3–5", tainted.getString("foreignSuspendedBand"), "three suspended stores in two other tenants");
        assertEquals("3–5", tainted.getString("foreignStoresBand"));
        JsonArray taintedIds = probe.get("/api/v1/tenants/" + PROBE + "/linkage").json().getJsonArray("taintedIdentifiers");
        assertEquals(1, taintedIds.size());
        assertEquals("3–5", taintedIds.getJsonObject(0).getString("foreignSuspendedBand"));
    }
}
