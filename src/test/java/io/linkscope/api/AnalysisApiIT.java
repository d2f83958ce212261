package io.linkscope.api;

import io.linkscope.App;
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
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

@DisplayName("Linkage and concentration over HTTP, computed from the graph")
class AnalysisApiIT {
    private static final String T = "ana-demo";
    private static App app;
    private static Http http;

    @BeforeAll
    static void start() {
        // its own identifier secret: hashes differ from other test classes' imports of the same fixture, so
        // "shared by" counts only what this class writes
        app = SharedNeo4j.startApp(Map.of("LINKSCOPE_SECRET", "analysis-api-it-secret-0123456789"));
        http = new Http(app.httpPort()).bearer(SharedNeo4j.adminKey(app));
        assertEquals(200, http.postFile("/api/v1/tenants/" + T + "/portfolio", SharedNeo4j.fixture("demo-portfolio.json")).status());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String enc(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8);
    }

    private static Optional<JsonObject> link(JsonObject linkage, String a, String b) {
        return linkage.getJsonArray("links").stream().map(JsonObject.class::cast)
                .filter(l -> l.getString("a").equals(a) && l.getString("b").equals(b)).findFirst();
    }

    @Test
    @DisplayName("GET linkage: the shared PayPal account links the two Amazon US stores, strongly, with masked evidence")
    void linkage() {
        Http.Response r = http.get("/api/v1/tenants/" + T + "/linkage");
        assertEquals(200, r.status(), r.body());
        JsonObject doc = r.json();
        JsonObject l = link(doc, "amazon:US:A2ACME01", "amazon:US:A2ACME02").orElseThrow();
        assertEquals("strong", l.getString("level"));
        assertTrue(l.getBoolean("samePlatform"));
        JsonObject payment = l.getJsonArray("evidence").stream().map(JsonObject.class::cast)
                .filter(e -> e.getString("type").equals("payment")).findFirst().orElseThrow();
        assertEquals("paypal:f***@acme-home.example", payment.getString("display"));
        assertEquals(2, payment.getInteger("sharedBy"));
        assertFalse(r.body().contains("finance@acme-home.example"), "raw value must not appear");
        assertFalse(r.body().contains("identifierUid"), "internal uids are not part of the shape");

        JsonObject critical = doc.getJsonArray("clusters").stream().map(JsonObject.class::cast)
                .filter(c -> c.getJsonArray("stores").contains("amazon:US:A2ACME04")).findFirst().orElseThrow();
        assertEquals("critical", critical.getString("risk"));
        assertTrue(critical.getBoolean("hasSuspended"));
        // disclosed pair: still shown, flagged, and not critical/high
        JsonObject disclosed = link(doc, "amazon:CA:A1ACMECA", "amazon:JP:A1ACMEJP").orElseThrow();
        assertTrue(disclosed.getBoolean("disclosed"));
        // the 3PL warehouse is generic: it links nobody by itself
        assertTrue(doc.getJsonArray("taintedIdentifiers").size() >= 1);
    }

    @Test
    @DisplayName("GET stores/{key}/links: one store's links and risk; unknown store is 404")
    void storeLinks() {
        Http.Response r = http.get("/api/v1/tenants/" + T + "/stores/" + enc("amazon:US:A2ACME04") + "/links");
        assertEquals(200, r.status(), r.body());
        JsonObject doc = r.json();
        assertEquals("critical", doc.getString("risk"));
        assertTrue(doc.getBoolean("linkedToSuspended"));
        assertFalse(doc.getJsonArray("links").isEmpty());
        assertEquals(404, http.get("/api/v1/tenants/" + T + "/stores/" + enc("amazon:US:NOPE") + "/links").status());
    }

    @Test
    @DisplayName("GET concentration: Amazon dominates, platform HHI is high on the merger-guideline bands")
    void concentration() {
        Http.Response r = http.get("/api/v1/tenants/" + T + "/concentration");
        assertEquals(200, r.status(), r.body());
        JsonObject platform = r.json().getJsonObject("platform");
        assertEquals("high", platform.getString("band"));
        assertTrue(platform.getDouble("hhi") > 1_800);
        assertEquals("amazon", platform.getJsonObject("shares").fieldNames().iterator().next());
        double sum = platform.getJsonObject("shares").stream().mapToDouble(e -> ((Number) e.getValue()).doubleValue()).sum();
        assertEquals(1.0, sum, 1e-4);
        for (String dim : new String[]{"marketplace", "paymentProvider", "legalEntity", "cluster"}) {
            assertNotNull(r.json().getJsonObject(dim).getDouble("entropy"), dim);
        }
    }

    @Test
    @DisplayName("GET risk is a seeded Monte Carlo: same seed, same answer; seed and trials can be chosen")
    void risk() {
        Http.Response r = http.get("/api/v1/tenants/" + T + "/risk");
        assertEquals(200, r.status(), r.body());
        JsonObject first = r.json();
        assertEquals(42, first.getLong("seed"));
        assertEquals(100_000, first.getInteger("trials"));
        assertTrue(first.getDouble("expectedAnnualLossUsd") > 0);
        assertTrue(first.getDouble("cvar95Usd") >= first.getDouble("var95Usd"));
        assertEquals(first, http.get("/api/v1/tenants/" + T + "/risk").json());
        JsonObject other = http.get("/api/v1/tenants/" + T + "/risk?seed=7&trials=2000").json();
        assertEquals(2000, other.getInteger("trials"));
        assertEquals(7, other.getLong("seed"));
        assertEquals(400, http.get("/api/v1/tenants/" + T + "/risk?trials=abc").status());
    }

    @Test
    @DisplayName("GET blast-radius: chain suspension on the same platform, freeze through a shared bank account")
    void blastRadius() {
        // the two Amazon US stores share a PayPal account: a freeze takes both, whatever the link score
        JsonObject amazon = http.get("/api/v1/tenants/" + T + "/blast-radius?store=" + enc("amazon:US:A2ACME01")).json();
        JsonObject b = amazon.getJsonArray("stores").stream().map(JsonObject.class::cast)
                .filter(x -> x.getString("store").equals("amazon:US:A2ACME02")).findFirst().orElseThrow();
        assertEquals("payment-freeze", b.getString("reason"));
        assertEquals(1.0, b.getDouble("probability"));
        assertTrue(amazon.getDouble("revenueLostUsd") >= 185_000 + 142_000, amazon.encode());
        // the two Walmart stores share only a phone: chain suspension with the link's probability
        JsonObject walmart = http.get("/api/v1/tenants/" + T + "/blast-radius?store=" + enc("walmart:US:WM10001")).json();
        JsonObject w2 = walmart.getJsonArray("stores").stream().map(JsonObject.class::cast)
                .filter(x -> x.getString("store").equals("walmart:US:WM10002")).findFirst().orElseThrow();
        assertEquals("chain-suspension", w2.getString("reason"));
        assertTrue(w2.getDouble("probability") > 0.5 && w2.getDouble("probability") < 1.0, w2.encode());
        JsonObject ae = http.get("/api/v1/tenants/" + T + "/blast-radius?store=" + enc("aliexpress:GLOBAL:AE-880001")).json();
        assertTrue(ae.getJsonArray("stores").stream().map(JsonObject.class::cast)
                .anyMatch(x -> x.getString("store").equals("temu:US:TM-5001") && x.getString("reason").equals("payment-freeze")), ae.encode());
        assertEquals(404, http.get("/api/v1/tenants/" + T + "/blast-radius?store=" + enc("amazon:US:NOPE")).status());
        JsonObject worst = http.get("/api/v1/tenants/" + T + "/blast-radius").json();
        assertNotNull(worst.getJsonObject("worstStore"));
    }

    @Test
    @DisplayName("GET recommendations: de-link the Amazon US pair, diversify away from Amazon, retire tainted identifiers")
    void recommendations() {
        Http.Response r = http.get("/api/v1/tenants/" + T + "/recommendations");
        assertEquals(200, r.status(), r.body());
        var actions = r.json().getJsonArray("actions").stream().map(JsonObject.class::cast).toList();
        assertTrue(actions.stream().anyMatch(a -> a.getString("kind").equals("delink")
                && a.getJsonArray("stores").contains("amazon:US:A2ACME01") && a.getDouble("deltaExpectedLossUsd") < 0), r.body());
        assertTrue(actions.stream().filter(a -> a.getString("kind").equals("delink")).allMatch(a -> a.getDouble("deltaExpectedLossUsd") <= 0),
                "separating stores never raises the expected loss: " + r.body());
        JsonObject diversify = actions.stream().filter(a -> a.getString("kind").equals("diversify")).findFirst().orElseThrow();
        assertTrue(diversify.getDouble("deltaPlatformHhi") < 0);
        assertTrue(diversify.getString("title").contains("HHI"));
        assertTrue(actions.stream().anyMatch(a -> a.getString("kind").equals("hygiene")));
        assertFalse(r.body().contains("finance@acme-home.example"));

        // every action is priced and measured the same way, and the list is ranked by first-year net
        double previous = Double.MAX_VALUE;
        for (JsonObject a : actions) {
            double cost = a.getDouble("costUsd"), net = a.getDouble("netFirstYearUsd"), delta = a.getDouble("deltaExpectedLossUsd");
            assertTrue(cost >= 0, a.encode());
            assertEquals(-delta - cost, net, 0.011, a.encode());
            assertEquals(cost, a.getDouble("cost"), "cost is kept as the former name of costUsd");
            assertEquals(java.util.Set.of("platform", "marketplace", "paymentProvider", "legalEntity", "cluster"), a.getJsonObject("deltaHhi").fieldNames());
            assertEquals(a.getDouble("deltaPlatformHhi"), a.getJsonObject("deltaHhi").getDouble("platform"));
            assertTrue(net <= previous + 1e-6, "ranked by first-year net");
            previous = net;
            if (!a.getString("kind").equals("diversify")) {
                double sum = a.getJsonArray("replacements").stream().map(JsonObject.class::cast).mapToDouble(x -> x.getDouble("costUsd")).sum();
                assertEquals(cost, sum, 0.01, "the cost is the sum of the replacements: " + a.encode());
            }
        }
        // the suspended store's cluster of Amazon stores is broken up in one action, which removes a critical cluster
        JsonObject breakUp = actions.stream().filter(a -> a.getString("kind").equals("separate-cluster")
                && a.getJsonArray("stores").contains("amazon:US:A2ACME03")).findFirst().orElseThrow();
        assertTrue(breakUp.getInteger("criticalClustersRemoved") >= 1, breakUp.encode());
        assertTrue(breakUp.getJsonArray("replacements").stream().map(JsonObject.class::cast)
                .noneMatch(x -> x.getString("store").equals("amazon:US:A2ACME03")), "a suspended store is never asked to change");
        // the diversification plan sums to the whole portfolio and pays for the stores it opens
        double shares = diversify.getJsonArray("mix").stream().map(JsonObject.class::cast).mapToDouble(m -> m.getDouble("shareAfter")).sum();
        assertEquals(1.0, shares, 1e-3);
        double setup = diversify.getJsonArray("mix").stream().map(JsonObject.class::cast).filter(m -> m.getBoolean("newStore"))
                .mapToDouble(m -> m.getDouble("setupCostUsd")).sum();
        assertEquals(setup, diversify.getDouble("costUsd"), 0.01);
    }

    @Test
    @DisplayName("analysis answers match their OpenAPI response schemas (Vert.x ResponseValidator)")
    void answersMatchTheContract() throws Exception {
        String text;
        try (var in = ApiVerticle.class.getClassLoader().getResourceAsStream(ApiVerticle.CONTRACT)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var contract = io.vertx.openapi.contract.OpenAPIContract.from(app.vertx(), ApiVerticle.routable(text))
                .await(10, java.util.concurrent.TimeUnit.SECONDS);
        var validator = io.vertx.openapi.validation.ResponseValidator.create(app.vertx(), contract);
        Map<String, String> paths = new java.util.LinkedHashMap<>();
        paths.put("/api/v1/tenants/" + T + "/linkage", "getLinkage");
        paths.put("/api/v1/tenants/" + T + "/concentration", "getConcentration");
        paths.put("/api/v1/tenants/" + T + "/risk", "getRisk");
        paths.put("/api/v1/tenants/" + T + "/blast-radius", "getBlastRadius");
        paths.put("/api/v1/tenants/" + T + "/blast-radius?store=" + enc("amazon:US:A2ACME01"), "getBlastRadius");
        paths.put("/api/v1/tenants/" + T + "/recommendations", "getRecommendations");
        for (var e : paths.entrySet()) {
            Http.Response r = http.get(e.getKey());
            assertEquals(200, r.status(), r.body());
            Map<String, String> headers = new java.util.HashMap<>();
            r.headers().map().forEach((k, v) -> headers.put(k, v.get(0)));
            headers.remove("content-type");
            var response = io.vertx.openapi.validation.ValidatableResponse.create(200, headers,
                    io.vertx.core.buffer.Buffer.buffer(r.body()), "application/json");
            try {
                validator.validate(response, e.getValue()).await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception ex) {
                fail(e.getKey() + " does not match " + e.getValue() + ": " + ex.getMessage());
            }
        }
        // and the validator does catch a wrong shape
        var wrong = io.vertx.openapi.validation.ValidatableResponse.create(200,
                io.vertx.core.buffer.Buffer.buffer("{\"actions\":[{\"kind\":\"teleport\"}]}"), "application/json");
        assertThrows(Exception.class, () -> validator.validate(wrong, "getRecommendations").await(10, java.util.concurrent.TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("GET report?format=json has the spec §5 keys; an unknown tenant is 404")
    void report() {
        Http.Response r = http.get("/api/v1/tenants/" + T + "/report?format=json");
        assertEquals(200, r.status(), r.body());
        assertNotNull(r.json().getJsonObject("linkage"));
        assertNotNull(r.json().getJsonObject("concentration"));
        assertNotNull(r.json().getJsonObject("risk"));
        assertNotNull(r.json().getJsonObject("blastRadius"));
        assertNotNull(r.json().getJsonObject("recommendations"));
        assertEquals(404, http.get("/api/v1/tenants/ana-nobody/linkage").status());
        assertEquals(400, http.get("/api/v1/tenants/" + T + "/report?format=pdf").status());
    }

    @Test
    @DisplayName("cross-portfolio exposure is counted, never named; a new write is visible at once and cluster ids stay")
    void exposureAndFreshness() {
        JsonArray before = http.get("/api/v1/tenants/" + T + "/linkage").json().getJsonArray("clusters");
        // other tenants import suspended stores using the suspended store's device (aa:bb:cc:00:11:22): three stores in
        // two other portfolios, the least the exposure policy reports
        String other = """
                {"format":"linkscope.portfolio/v1","stores":[{"platform":"amazon","marketplace":"US","storeId":"OTHER1",
                 "status":"suspended","attributes":[{"type":"device","value":"AA:BB:CC:00:11:22"}]},
                 {"platform":"amazon","marketplace":"DE","storeId":"OTHER2",
                 "status":"suspended","attributes":[{"type":"device","value":"aa-bb-cc-00-11-22"}]}]}""";
        assertEquals(200, http.post("/api/v1/tenants/ana-other/portfolio", "application/json", other.getBytes()).status());
        String third = other.replace("OTHER1", "THIRD1").replace("OTHER2", "THIRD2");
        assertEquals(200, http.post("/api/v1/tenants/ana-third/portfolio", "application/json", third.getBytes()).status());
        // the other tenants' writes reach this tenant's cache over the event bus: poll briefly
        Http.Response r = io.linkscope.support.Eventually.get(
                () -> http.get("/api/v1/tenants/" + T + "/stores/" + enc("amazon:US:A2ACME04") + "/links"),
                x -> x.json().getJsonObject("exposure").getInteger("foreignStores") > 0, java.time.Duration.ofSeconds(5));
        JsonObject exposure = r.json().getJsonObject("exposure");
        assertEquals(3, exposure.getInteger("foreignStores"), "four stores elsewhere: the lower edge of the 3–5 band");
        assertEquals("3–5", exposure.getString("foreignStoresBand"));
        assertEquals("3–5", exposure.getString("foreignSuspendedBand"));
        assertFalse(r.body().contains("OTHER1") || r.body().contains("ana-other") || r.body().contains("ana-third"),
                "other tenants are never named");

        // a new store joins this tenant sharing the Walmart phone: the linkage changes at once, other cluster ids do not
        String extra = """
                {"format":"linkscope.portfolio/v1","stores":[{"platform":"walmart","marketplace":"US","storeId":"WM10009",
                 "attributes":[{"type":"phone","value":"+86 138 0013 8000"}]}]}""";
        assertEquals(200, http.post("/api/v1/tenants/" + T + "/portfolio", "application/json", extra.getBytes()).status());
        JsonObject after = http.get("/api/v1/tenants/" + T + "/linkage").json();
        assertTrue(link(after, "walmart:US:WM10001", "walmart:US:WM10009").isPresent());
        for (Object o : before) {
            JsonObject c = (JsonObject) o;
            if (c.getJsonArray("stores").contains("walmart:US:WM10001")) continue;
            assertTrue(after.getJsonArray("clusters").stream().map(JsonObject.class::cast)
                    .anyMatch(a -> a.getString("id").equals(c.getString("id")) && a.getJsonArray("stores").equals(c.getJsonArray("stores"))),
                    "cluster " + c.getString("id") + " must keep its id");
        }
        assertEquals(1, SharedNeo4j.count("MATCH (s:Store {uid: $u}) RETURN count(s.clusterId)",
                Map.of("u", T + "|walmart:US:WM10009")), "cluster ids are written back to the graph");
    }
}
