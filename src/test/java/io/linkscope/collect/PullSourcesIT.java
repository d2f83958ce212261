package io.linkscope.collect;

import io.linkscope.App;
import io.linkscope.support.Eventually;
import io.linkscope.support.FakeServer;
import io.linkscope.support.Http;
import io.linkscope.support.SharedNeo4j;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Pull collectors against local fake sources on random ports, through embedded Neo4j: a generic JSON ERP with
 * numbered pages, an AdsPower-shaped profile list, a cursored NDJSON login feed (across a restart), and sources
 * that fail: a flaky one, garbage, a cut-off page, a failing second page, one that never answers, one that is
 * down (circuit breaker), and one with an invalid record. Every check of "nothing written" reads the database.
 */
@DisplayName("Pull sources: Vert.x Web Client collectors, cursors, retries, circuit breaker (issue 7)")
class PullSourcesIT {
    private static final FakeServer fake = new FakeServer();
    private static final List<JsonObject> loginEvents = new CopyOnWriteArrayList<>();
    private static final AtomicInteger flaky = new AtomicInteger();
    private static Path config;
    private static App app;
    private static Http admin;

    private static JsonObject erpRecord(String id, String email, String... ips) {
        return new JsonObject().put("shop", new JsonObject().put("channel", "amazon").put("site", "US").put("id", id))
                .put("title", "ERP " + id).put("contact", new JsonObject().put("email", email))
                .put("logins", new JsonArray(List.of(ips))).put("payout", "paypal:finance-" + id.toLowerCase() + "@erp.example")
                .put("gmv", 10000);
    }

    @BeforeAll
    static void start() throws Exception {
        List<JsonObject> erp = List.of(erpRecord("E1", "ops@erp.example", "203.0.113.10"),
                erpRecord("E2", "ops@erp.example", "203.0.113.11"), erpRecord("E3", "e3@erp.example", "203.0.113.12"));
        fake.route("/erp/stores", ctx -> {
            int page = Integer.parseInt(ctx.request().getParam("page"));
            List<JsonObject> items = erp.subList(Math.min(erp.size(), (page - 1) * 2), Math.min(erp.size(), page * 2));
            ctx.json(new JsonObject().put("data", new JsonObject().put("items", new JsonArray(items))));
        });
        fake.route("/ads/api/v1/user/list", ctx -> ctx.json(new JsonObject().put("code", 0).put("msg", "Success")
                .put("data", new JsonObject().put("page", 1).put("list", new JsonArray()
                        .add(new JsonObject().put("user_id", "jc6ho2c").put("name", "Shop A").put("remark", "amazon:US:ADS1")
                                .put("ip", "198.51.100.7").put("domain_name", "amazon.com"))
                        .add(new JsonObject().put("user_id", "kd7ip3d").put("name", "eBay B").put("remark", "")
                                .put("ip", "").put("domain_name", "ebay.com")
                                .put("user_proxy_config", new JsonObject().put("proxy_host", "198.51.100.7").put("proxy_port", "8000")))
                        .add(new JsonObject().put("user_id", "zz9").put("name", "unknown").put("domain_name", "example.org"))))));
        for (int i = 1; i <= 5; i++) {
            loginEvents.add(new JsonObject().put("id", String.valueOf(i)).put("store", "amazon:US:L" + (i % 2))
                    .put("ip", "192.0.2." + (10 + i % 2)).put("device", "fp-shared").put("time", "2026-11-0" + i + "T08:00:00Z"));
        }
        fake.route("/logins", ctx -> {
            int after = ctx.request().getParam("after") == null ? 0 : Integer.parseInt(ctx.request().getParam("after"));
            int limit = Integer.parseInt(ctx.request().getParam("limit"));
            StringBuilder body = new StringBuilder();
            loginEvents.stream().filter(e -> Integer.parseInt(e.getString("id")) > after).limit(limit)
                    .forEach(e -> body.append(e.encode()).append('\n'));
            ctx.response().putHeader("Content-Type", "application/x-ndjson").end(body.toString());
        });
        fake.route("/flaky", ctx -> {
            if (flaky.incrementAndGet() <= 2) {
                ctx.response().setStatusCode(500).end("busy");
            } else {
                ctx.json(new JsonObject().put("items", new JsonArray().add(erpRecord("F1", "f1@erp.example", "203.0.113.20"))));
            }
        });
        fake.route("/garbage", ctx -> ctx.response().putHeader("Content-Type", "application/json").end("<html>oops, an error page</html>"));
        fake.route("/cut", ctx -> ctx.response().putHeader("Content-Type", "application/x-ndjson")
                .end("{\"id\":\"1\",\"store\":\"amazon:US:C1\",\"ip\":\"192.0.2.50\",\"time\":\"2026-11-01T08:00:00Z\"}\n{\"id\":\"2\",\"sto"));
        fake.route("/second-page-fails", ctx -> {
            if ("1".equals(ctx.request().getParam("page"))) {
                ctx.json(new JsonObject().put("items", new JsonArray().add(erpRecord("P1", "p1@erp.example", "203.0.113.30"))
                        .add(erpRecord("P2", "p2@erp.example", "203.0.113.31"))));
            } else {
                ctx.response().setStatusCode(502).end();
            }
        });
        fake.route("/silent", ctx -> { /* never answers */ });
        fake.route("/down", ctx -> ctx.response().setStatusCode(503).end());
        fake.route("/one-bad", ctx -> ctx.json(new JsonObject().put("items", new JsonArray()
                .add(erpRecord("B1", "b1@erp.example", "203.0.113.40")).add(erpRecord("B2", "not-an-email", "203.0.113.41")))));
        fake.start();

        JsonObject erpMapping = new JsonObject().put("records", "/data/items").put("pageParam", "page")
                .put("platform", "/shop/channel").put("marketplace", "/shop/site").put("storeId", "/shop/id").put("name", "/title")
                .put("monthlyRevenue", "/gmv")
                .put("attributes", new JsonObject().put("email", "/contact/email").put("ip", "/logins").put("payment", "/payout"));
        JsonObject simple = erpMapping.copy().put("records", "/items");
        JsonArray sources = new JsonArray()
                .add(source("erp", "json", "pull-erp", fake.url("/erp/stores")).put("pageSize", 2).put("mapping", erpMapping)
                        .put("headers", new JsonObject().put("Authorization", "Bearer ${PULL_TEST_TOKEN}")))
                .add(source("ads", "adspower", "pull-ads", fake.url("/ads")))
                .add(source("logins", "login-events", "pull-logins", fake.url("/logins")).put("pageSize", 2))
                .add(source("flaky", "json", "pull-flaky", fake.url("/flaky")).put("mapping", simple))
                .add(source("garbage", "json", "pull-garbage", fake.url("/garbage")).put("mapping", simple))
                .add(source("cut", "login-events", "pull-cut", fake.url("/cut")))
                .add(source("pages", "json", "pull-pages", fake.url("/second-page-fails")).put("pageSize", 2).put("maxAttempts", 2)
                        .put("mapping", simple.copy().put("pageParam", "page")))
                .add(source("silent", "json", "pull-silent", fake.url("/silent")).put("timeoutMs", 300).put("maxAttempts", 2)
                        .put("mapping", simple))
                .add(source("down", "json", "pull-down", fake.url("/down")).put("maxAttempts", 1).put("breakerFailures", 2)
                        .put("breakerOpenMs", 600_000).put("mapping", simple))
                .add(source("onebad", "json", "pull-onebad", fake.url("/one-bad")).put("mapping", simple));
        config = Files.createTempFile("linkscope-pull-", ".json");
        Files.writeString(config, new JsonObject().put("sources", sources).encodePrettily());
        app = SharedNeo4j.startApp(Map.of("LINKSCOPE_CONFIG", config.toString(), "PULL_TEST_TOKEN", "erp-token-123"));
        admin = new Http(app.httpPort()).bearer(SharedNeo4j.adminKey(app));
    }

    private static JsonObject source(String name, String kind, String tenant, String url) {
        // polls once at start; the tests ask for more with POST …/poll
        return new JsonObject().put("name", name).put("kind", kind).put("tenant", tenant).put("url", url)
                .put("intervalMs", 3_600_000).put("backoffMs", 20).put("maxBackoffMs", 100).put("timeoutMs", 5_000);
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
        fake.close();
    }

    private static JsonObject status(String name) {
        JsonArray all = admin.get("/api/v1/sources").json().getJsonArray("sources");
        for (int i = 0; i < all.size(); i++) if (name.equals(all.getJsonObject(i).getString("name"))) return all.getJsonObject(i);
        throw new AssertionError("no source " + name);
    }

    private static JsonObject settled(String name) {
        return Eventually.get(() -> status(name), s -> s.getString("lastPollAt") != null && !"polling".equals(s.getString("state"))
                && !"idle".equals(s.getString("state")), Duration.ofSeconds(20));
    }

    @Test
    @DisplayName("generic JSON source: numbered pages, JSON Pointer mapping, credentials from the environment")
    void genericJson() {
        JsonObject s = settled("erp");
        assertEquals("ok", s.getString("state"), s.encodePrettily());
        assertEquals(3, s.getJsonObject("lastPoll").getInteger("records"));
        assertEquals(3, SharedNeo4j.storeCount("pull-erp"));
        // three pages: 2 + 1 records, then the short page ends the poll
        assertEquals(List.of("1", "2"), fake.requests("/erp/stores").stream().map(r -> r.param("page")).distinct().toList());
        assertEquals("Bearer erp-token-123", fake.requests("/erp/stores").get(0).headers().get("Authorization"));
        assertFalse(s.encode().contains("erp-token-123"), "the status shows no credentials");
        // the shared email links E1 and E2, through the same GraphWriter as any import
        JsonArray links = admin.get("/api/v1/tenants/pull-erp/linkage").json().getJsonArray("links");
        assertTrue(links.stream().map(JsonObject.class::cast).anyMatch(l -> l.getString("a").equals("amazon:US:E1")
                && l.getString("b").equals("amazon:US:E2")), links.encode());
        assertEquals(1, SharedNeo4j.count("""
                MATCH (:Store {tenant: 'pull-erp', key: 'amazon:US:E1'})-[h:HAS]->(:Identifier {type: 'payment'})
                WHERE 'pull:erp' IN h.sources RETURN count(h)""", Map.of()));
    }

    @Test
    @DisplayName("AdsPower profile list: remark or domain gives the store, IP or proxy host gives ip, profile id gives device")
    void adsPower() {
        JsonObject s = settled("ads");
        assertEquals("ok-with-rejections", s.getString("state"), s.encodePrettily());
        assertEquals(2, SharedNeo4j.storeCount("pull-ads"));
        assertEquals(1, s.getJsonObject("lastPoll").getInteger("rejected"));
        assertTrue(s.getJsonObject("lastPoll").getJsonArray("problems").getString(0).contains("profile zz9"), s.encode());
        assertEquals(1, SharedNeo4j.count("MATCH (s:Store {tenant: 'pull-ads', key: 'ebay:US:kd7ip3d'}) RETURN count(s)", Map.of()));
        // the proxy host of one profile is the IP of the other: both stores hold the same ip identifier
        assertEquals(1, SharedNeo4j.count("""
                MATCH (a:Store {tenant: 'pull-ads', key: 'amazon:US:ADS1'})-[:HAS]->(i:Identifier {type: 'ip'})
                      <-[:HAS]-(b:Store {tenant: 'pull-ads', key: 'ebay:US:kd7ip3d'}) RETURN count(i)""", Map.of()));
        assertEquals(2, SharedNeo4j.count("MATCH (:Store {tenant: 'pull-ads'})-[:HAS]->(i:Identifier {type: 'device'}) RETURN count(i)", Map.of()));
        assertEquals("1", fake.requests("/ads/api/v1/user/list").get(0).param("page"));
    }

    @Test
    @DisplayName("login-event feed: NDJSON pages, a cursor stored in the graph with the data, kept across a restart")
    void loginFeedCursorSurvivesRestart() throws Exception {
        JsonObject s = settled("logins");
        assertEquals("ok", s.getString("state"), s.encodePrettily());
        assertEquals("5", s.getString("cursor"));
        assertEquals(5, s.getJsonObject("lastPoll").getInteger("records"));
        assertEquals(1, SharedNeo4j.count("MATCH (c:SourceCursor {id: 'pull-logins|logins', cursor: '5'}) RETURN count(c)", Map.of()));
        assertEquals(2, SharedNeo4j.storeCount("pull-logins"));
        // both stores logged in from the same device fingerprint
        assertEquals(1, SharedNeo4j.count("""
                MATCH (:Store {tenant: 'pull-logins', key: 'amazon:US:L0'})-[h:HAS]->(i:Identifier {type: 'device'})<-[:HAS]-(:Store {tenant: 'pull-logins', key: 'amazon:US:L1'})
                WHERE 'login-log' IN h.sources RETURN count(i)""", Map.of()));
        // L1 logged in from 192.0.2.11 on Nov 1, 3 and 5: the observation spans them
        var window = SharedNeo4j.query("""
                MATCH (:Store {tenant: 'pull-logins', key: 'amazon:US:L1'})-[h:HAS]->(:Identifier {type: 'ip'})
                RETURN toString(h.firstSeen) AS f, toString(h.lastSeen) AS l""", Map.of()).get(0);
        assertTrue(window.get("f").asString().startsWith("2026-11-01"), window.toString());
        assertTrue(window.get("l").asString().startsWith("2026-11-05"), window.toString());

        // a new app (a restart) starts from the stored cursor and only pulls what is new
        loginEvents.add(new JsonObject().put("id", "6").put("store", "amazon:US:L2").put("ip", "192.0.2.99")
                .put("device", "fp-other").put("time", "2026-11-06T08:00:00Z"));
        int before = fake.requests("/logins").size();
        JsonObject all = new JsonObject(Files.readString(config));
        JsonArray onlyLogins = new JsonArray(all.getJsonArray("sources").stream().map(JsonObject.class::cast)
                .filter(x -> x.getString("name").equals("logins")).toList());
        Path secondConfig = Files.createTempFile("linkscope-pull-restart-", ".json");
        Files.writeString(secondConfig, new JsonObject().put("sources", onlyLogins).encode());
        try (App second = SharedNeo4j.startApp(Map.of("LINKSCOPE_CONFIG", secondConfig.toString()))) {
            Http other = new Http(second.httpPort()).bearer(SharedNeo4j.adminKey(second));
            JsonObject after = Eventually.get(() -> other.get("/api/v1/sources").json().getJsonArray("sources").stream()
                            .map(JsonObject.class::cast).filter(x -> x.getString("name").equals("logins")).findFirst().orElseThrow(),
                    x -> "6".equals(x.getString("cursor")), Duration.ofSeconds(20));
            assertEquals(1, after.getJsonObject("lastPoll").getInteger("records"), after.encodePrettily());
        }
        var resumed = fake.requests("/logins").subList(before, fake.requests("/logins").size());
        assertEquals("5", resumed.get(0).param("after"), "resumes after the stored cursor");
        assertEquals(3, SharedNeo4j.storeCount("pull-logins"));
    }

    @Test
    @DisplayName("a source answering 500 twice is retried with backoff and then succeeds")
    void retriesThenSucceeds() {
        JsonObject s = settled("flaky");
        assertEquals("ok", s.getString("state"), s.encodePrettily());
        assertEquals(3, fake.requests("/flaky").size());
        assertEquals(1, SharedNeo4j.storeCount("pull-flaky"));
    }

    @Test
    @DisplayName("garbage, a cut-off NDJSON page and a failing second page: a clear error, nothing written, no cursor")
    void brokenAnswersWriteNothing() {
        JsonObject garbage = settled("garbage");
        assertEquals("failing", garbage.getString("state"));
        assertTrue(garbage.getString("lastError").startsWith("page 1: not JSON or cut off at line 1"), garbage.getString("lastError"));
        assertTrue(garbage.getString("lastError").endsWith("; nothing from this poll was written"), garbage.getString("lastError"));
        assertFalse(garbage.encode().contains("oops"), "the status never quotes the source's answer");
        assertEquals(0, SharedNeo4j.storeCount("pull-garbage"));

        JsonObject cut = settled("cut");
        assertEquals("failing", cut.getString("state"));
        assertTrue(cut.getString("lastError").startsWith("page 1 line 2: not JSON or cut off"), cut.getString("lastError"));
        assertEquals(0, SharedNeo4j.storeCount("pull-cut"));
        assertEquals(0, SharedNeo4j.count("MATCH (c:SourceCursor {id: 'pull-cut|cut'}) RETURN count(c)", Map.of()));

        JsonObject pages = settled("pages");
        assertEquals("failing", pages.getString("state"));
        assertEquals("page 2: HTTP 502 Bad Gateway after 2 attempts; nothing from this poll was written", pages.getString("lastError"));
        assertEquals(0, SharedNeo4j.storeCount("pull-pages"), "page 1 was fine but the poll is all or nothing");
    }

    @Test
    @DisplayName("a source that never answers times out; one that is down opens the circuit and is left alone")
    void timeoutsAndCircuitBreaker() {
        JsonObject silent = Eventually.get(() -> status("silent"), s -> "failing".equals(s.getString("state")), Duration.ofSeconds(20));
        assertEquals("page 1: no answer in time after 2 attempts; nothing from this poll was written", silent.getString("lastError"));
        assertEquals(0, SharedNeo4j.storeCount("pull-silent"));

        settled("down");
        assertEquals(202, admin.post("/api/v1/sources/down/poll", "application/json", new byte[0]).status());
        JsonObject down = Eventually.get(() -> status("down"), s -> "open".equals(s.getString("circuit")) && s.getInteger("consecutiveFailures") >= 2,
                Duration.ofSeconds(20));
        assertEquals(2, fake.requests("/down").size());
        assertEquals(202, admin.post("/api/v1/sources/down/poll", "application/json", new byte[0]).status());
        JsonObject third = Eventually.get(() -> status("down"), s -> s.getInteger("consecutiveFailures") >= 3, Duration.ofSeconds(20));
        assertTrue(third.getString("lastError").startsWith("circuit open after 2 failed requests"), third.getString("lastError"));
        assertEquals(2, fake.requests("/down").size(), "an open circuit sends nothing");
        JsonObject health = new Http(app.httpPort()).get("/health").json();
        assertEquals("open", health.getJsonObject("sources").getJsonObject("down").getString("circuit"));
        assertNull(health.getJsonObject("sources").getJsonObject("down").getString("url"), "health shows no URLs");
    }

    @Test
    @DisplayName("an invalid record is left out and named by page and record; the rest is written")
    void invalidRecordSkipped() {
        JsonObject s = settled("onebad");
        assertEquals("ok-with-rejections", s.getString("state"), s.encodePrettily());
        String problem = s.getJsonObject("lastPoll").getJsonArray("problems").getString(0);
        assertTrue(problem.startsWith("page 1 record 2 (stores[1]"), problem);
        assertFalse(problem.contains("not-an-email"), "no raw value in the status: " + problem);
        assertEquals(2, SharedNeo4j.storeCount("pull-onebad"));
        assertEquals(0, SharedNeo4j.count("MATCH (:Store {tenant: 'pull-onebad', key: 'amazon:US:B2'})-[h:HAS]->(:Identifier {type: 'email'}) RETURN count(h)", Map.of()));
    }

    @Test
    @DisplayName("sources are admin-only; an unknown source is 404")
    void adminOnly() {
        String owner = SharedNeo4j.key(app, io.linkscope.graph.ApiKeyStore.Role.owner, "pull-erp");
        assertEquals(403, new Http(app.httpPort()).bearer(owner).get("/api/v1/sources").status());
        assertEquals(403, new Http(app.httpPort()).bearer(owner).post("/api/v1/sources/erp/poll", "application/json", new byte[0]).status());
        assertEquals(404, admin.post("/api/v1/sources/nope/poll", "application/json", new byte[0]).status());
    }
}
