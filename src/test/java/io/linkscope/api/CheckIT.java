package io.linkscope.api;

import io.linkscope.App;
import io.linkscope.graph.ApiKeyStore.Role;
import io.linkscope.support.Http;
import io.linkscope.support.SharedNeo4j;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code POST …/checks} against the demo portfolio: verdicts, links between planned stores, fixes, the database
 * unchanged afterwards (nodes, relationships, the tenant's version), no foreign store named, invalid candidates
 * refused with every location, and the per-key limit.
 */
@DisplayName("Checks of planned stores: verdicts, links, fixes, nothing written, no foreign names, limited per key")
class CheckIT {
    private static final String T = "chk";
    private static App app;
    private static Http owner;

    @BeforeAll
    static void start() {
        app = SharedNeo4j.startApp(Map.of("LINKSCOPE_CHECKS_PER_MINUTE", "6"));
        owner = new Http(app.httpPort()).bearer(SharedNeo4j.key(app, Role.owner, T));
        Http admin = new Http(app.httpPort()).bearer(SharedNeo4j.adminKey(app));
        assertEquals(200, owner.postFile("/api/v1/tenants/" + T + "/portfolio", SharedNeo4j.fixture("demo-portfolio.json")).status());
        String other = """
                {"stores":[{"platform":"amazon","marketplace":"US","storeId":"SECRET9","name":"Hidden Other Brand","status":"suspended",
                  "attributes":[{"type":"email","value":"probe@chk-other.example"}]}]}""";
        assertEquals(200, admin.post("/api/v1/tenants/chk-other/portfolio", "application/json", other.getBytes(StandardCharsets.UTF_8)).status());
        // the tenant's analysis exists before any check (reading it may record cluster ids, which a check never does)
        assertEquals(200, owner.get("/api/v1/tenants/" + T + "/linkage").status());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static long count(String cypher) {
        return SharedNeo4j.count(cypher, Map.of());
    }

    private static JsonObject verdict(JsonObject answer, String store) {
        for (Object o : answer.getJsonArray("candidates")) if (((JsonObject) o).getString("store").equals(store)) return (JsonObject) o;
        return fail("no verdict for " + store + " in " + answer.encodePrettily());
    }

    @Test
    @DisplayName("blocked, clean, two planned stores on one new IP, a foreign-held email: verdicts and links, and the database unchanged")
    void verdictsAndNothingWritten() {
        long nodes = count("MATCH (n) RETURN count(n)");
        long relationships = count("MATCH ()-[r]->() RETURN count(r)");
        long version = count("MATCH (t:Tenant {id: 'chk'}) RETURN t.version");
        String candidates = """
                {"stores":[
                  {"platform":"amazon","marketplace":"US","storeId":"NEW1","monthlyRevenue":{"amount":40000},
                   "attributes":[{"type":"payment","value":"paypal:Finance+new@acme-home.example"},{"type":"email","value":"new1@fresh.example"}]},
                  {"platform":"ebay","marketplace":"DE","storeId":"NEW2","attributes":[{"type":"email","value":"new2@fresh.example"}]},
                  {"platform":"walmart","marketplace":"US","storeId":"NEW3","attributes":[{"type":"ip","value":"192.0.2.77"},{"type":"email","value":"n3@fresh.example"}]},
                  {"platform":"walmart","marketplace":"US","storeId":"NEW4","attributes":[{"type":"ip","value":"192.0.2.77"},{"type":"device","value":"fp-new4"}]},
                  {"platform":"temu","marketplace":"US","storeId":"NEW5","attributes":[{"type":"email","value":"probe@chk-other.example"}]}
                ]}""";
        Http.Response r = owner.post("/api/v1/tenants/" + T + "/checks", "application/json", candidates.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, r.status(), r.body());
        JsonObject answer = r.json();
        assertFalse(answer.getBoolean("written"));

        JsonObject new1 = verdict(answer, "amazon:US:NEW1");
        assertEquals("blocked", new1.getString("verdict"), "the demo's PayPal account ties it to the amazon cluster with a suspended store");
        assertTrue(new1.getJsonArray("links").stream().map(JsonObject.class::cast)
                .anyMatch(l -> l.getString("a").equals("amazon:US:A2ACME01") || l.getString("b").equals("amazon:US:A2ACME01")));
        JsonObject fixes = new1.getJsonObject("fixes");
        assertTrue(fixes.getBoolean("clean"), "replacing its planned receiving account is enough");
        assertEquals(List.of("payment"), fixes.getJsonArray("replacements").stream().map(x -> ((JsonObject) x).getString("type")).toList());
        assertEquals(100.0, fixes.getDouble("costUsd"), 1e-9, "a payment account costs $100 by default");
        assertNotEquals("none", new1.getJsonObject("cluster").getString("change"));

        assertEquals("clean", verdict(answer, "ebay:DE:NEW2").getString("verdict"));
        assertTrue(verdict(answer, "ebay:DE:NEW2").getJsonArray("links").isEmpty());

        JsonObject new3 = verdict(answer, "walmart:US:NEW3");
        assertTrue(new3.getJsonArray("links").stream().map(JsonObject.class::cast)
                .anyMatch(l -> (l.getString("a") + l.getString("b")).contains("walmart:US:NEW4")), "planned stores are checked against each other");
        assertNotEquals("clean", new3.getString("verdict"));

        JsonObject new5 = verdict(answer, "temu:US:NEW5");
        assertEquals("clean", new5.getString("verdict"));
        assertEquals(0, new5.getJsonObject("exposure").getInteger("foreignStores"), "one store of one other tenant is too few to report");
        assertFalse(r.body().contains("SECRET9") || r.body().contains("Hidden Other Brand") || r.body().contains("chk-other"),
                "another tenant's stores are never named");

        assertEquals(nodes, count("MATCH (n) RETURN count(n)"), "no node written");
        assertEquals(relationships, count("MATCH ()-[r]->() RETURN count(r)"), "no relationship written");
        assertEquals(version, count("MATCH (t:Tenant {id: 'chk'}) RETURN t.version"), "the tenant's graph version is unchanged");
        assertEquals(0, SharedNeo4j.count("MATCH (s:Store) WHERE s.storeId STARTS WITH 'NEW' RETURN count(s)", Map.of()));
        assertEquals(40, SharedNeo4j.storeCount(T));
        JsonArray links = owner.get("/api/v1/tenants/" + T + "/linkage").json().getJsonArray("links");
        assertFalse(links.encode().contains("NEW1"), "the tenant's analysis does not know the candidates");
    }

    @Test
    @DisplayName("an invalid candidate gets the import's problem with every location; a CSV candidate is checked like an import")
    void invalidAndCsv() {
        String bad = """
                {"stores":[{"platform":"amazon","marketplace":"XX","storeId":"B1","attributes":[{"type":"ip","value":"999.1.1.1"}]}]}""";
        Http.Response r = owner.post("/api/v1/tenants/" + T + "/checks", "application/json", bad.getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.status(), r.body());
        List<String> locations = r.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("location")).toList();
        assertEquals(List.of("stores[0].marketplace", "stores[0].attributes[0]"), locations);
        String csv = "platform,marketplace,store_id,attribute_type,attribute_value\nshopee,SG,CSV1,email,csv1@fresh.example\n";
        Http.Response ok = owner.post("/api/v1/tenants/" + T + "/checks", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, ok.status(), ok.body());
        assertEquals("clean", verdict(ok.json(), "shopee:SG:CSV1").getString("verdict"));
    }

    @Test
    @DisplayName("checks are limited per key (429 with Retry-After) and counted in /metrics")
    void limitedAndCounted() {
        Http other = new Http(app.httpPort()).bearer(SharedNeo4j.key(app, Role.owner, T));
        String one = "{\"stores\":[{\"platform\":\"etsy\",\"marketplace\":\"US\",\"storeId\":\"L1\"}]}";
        Http.Response last = null;
        for (int i = 0; i < 7; i++) last = other.post("/api/v1/tenants/" + T + "/checks", "application/json", one.getBytes(StandardCharsets.UTF_8));
        assertEquals(429, last.status(), last.body());
        assertNotNull(last.header("Retry-After"));
        String metrics = new Http(app.httpPort()).get("/metrics").body();
        assertTrue(metrics.contains("linkscope_checks_total{verdict=\"clean\"}"), "checks are counted by verdict");
    }
}
