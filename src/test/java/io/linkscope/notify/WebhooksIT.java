package io.linkscope.notify;

import io.linkscope.App;
import io.linkscope.analysis.RiskEvents;
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
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Outgoing risk webhooks against a local receiver that fails twice and then succeeds: events for the demo
 * portfolio, HMAC signatures, retries with the same id and body, nothing sent twice once delivered, and a new
 * event when a store becomes suspended. The outbox is checked in the database.
 */
@DisplayName("Webhooks: risk events, HMAC-SHA256 signatures, retries, de-duplication (issue 7)")
class WebhooksIT {
    private static final String SECRET = "whsec-test-0123456789abcdef";
    private static final String TENANT = "hooks";
    private static final FakeServer receiver = new FakeServer();
    private static final Map<String, AtomicInteger> calls = new java.util.concurrent.ConcurrentHashMap<>();
    private static App app;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        // fails every event twice, then takes it
        receiver.route("/hook", ctx -> ctx.response().setStatusCode(calls.computeIfAbsent(
                ctx.request().getHeader("X-Linkscope-Event-Id"), id -> new AtomicInteger()).incrementAndGet() <= 2 ? 500 : 204).end());
        receiver.route("/other-tenant-hook", ctx -> ctx.response().setStatusCode(204).end());
        receiver.start();
        Path config = Files.createTempFile("linkscope-hooks-", ".json");
        Files.writeString(config, new JsonObject().put("webhooks", new JsonArray()
                .add(new JsonObject().put("url", receiver.url("/hook")).put("secret", "${HOOK_TEST_SECRET}")
                        .put("tenants", new JsonArray().add(TENANT)).put("backoffMs", 50).put("maxBackoffMs", 200))
                .add(new JsonObject().put("url", receiver.url("/other-tenant-hook")).put("secret", SECRET)
                        .put("tenants", new JsonArray().add("someone-else")))).encode());
        app = SharedNeo4j.startApp(Map.of("LINKSCOPE_CONFIG", config.toString(), "HOOK_TEST_SECRET", SECRET));
        http = new Http(app.httpPort()).bearer(SharedNeo4j.adminKey(app));
        assertEquals(200, http.postFile("/api/v1/tenants/" + TENANT + "/portfolio", SharedNeo4j.fixture("demo-portfolio.json")).status());
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
        receiver.close();
    }

    private static List<FakeServer.Request> delivered() {
        return receiver.requests("/hook");
    }

    private static long pendingInGraph() {
        return SharedNeo4j.count("MATCH (w:WebhookEvent {tenant: $t}) WHERE size(w.pending) > 0 RETURN count(w)", Map.of("t", TENANT));
    }

    private static void settle() {
        Eventually.get(() -> SharedNeo4j.count("MATCH (w:WebhookEvent {tenant: $t}) RETURN count(w)", Map.of("t", TENANT)) > 0
                && pendingInGraph() == 0, done -> done, Duration.ofSeconds(30));
        assertEquals(0, pendingInGraph(), "every event delivered");
    }

    @Test
    @DisplayName("the demo portfolio raises every kind of event, signed, retried with the same id and body, then delivered once")
    void demoEvents() {
        settle();
        List<FakeServer.Request> all = delivered();
        Map<String, List<FakeServer.Request>> byId = all.stream().collect(Collectors.groupingBy(r -> r.headers().get("X-Linkscope-Event-Id")));
        Set<String> types = all.stream().map(r -> new JsonObject(r.body()).getString("type")).collect(Collectors.toSet());
        assertEquals(Set.copyOf(RiskEvents.TYPES), types, "a critical cluster, links to the suspended store, the HHI band, tainted identifiers");
        long events = SharedNeo4j.count("MATCH (w:WebhookEvent {tenant: $t}) RETURN count(w)", Map.of("t", TENANT));
        assertEquals(events, byId.size(), "every event in the outbox reached the receiver");
        assertEquals(3 * events, all.size(), "two failed attempts and one success per event, nothing after it");
        for (List<FakeServer.Request> attempts : byId.values()) {
            assertEquals(1, attempts.stream().map(FakeServer.Request::body).distinct().count(), "the same body on every attempt");
            assertEquals(List.of("1", "2", "3"), attempts.stream().map(x -> x.headers().get("X-Linkscope-Delivery-Attempt")).toList());
        }
        for (FakeServer.Request r : all) {
            String signature = r.headers().get("X-Linkscope-Signature");
            assertEquals("sha256=" + WebhookVerticle.sign(SECRET, r.headers().get("X-Linkscope-Timestamp"), r.body()), signature);
            assertNotEquals("sha256=" + WebhookVerticle.sign("wrong-secret-0123456789", r.headers().get("X-Linkscope-Timestamp"), r.body()), signature);
            JsonObject event = new JsonObject(r.body());
            assertEquals(TENANT, event.getString("tenant"));
            assertEquals(r.headers().get("X-Linkscope-Event-Id"), event.getString("id"));
        }
        assertTrue(receiver.requests("/other-tenant-hook").isEmpty(), "a webhook for another tenant hears nothing");
        // masked displays only: no raw email of the fixture in any event
        assertTrue(all.stream().noneMatch(r -> r.body().contains("finance@acme-home.example") || r.body().contains("store101@")), "masked");
        assertTrue(all.stream().anyMatch(r -> r.body().contains("\"display\":")), "evidence carries masked displays");

        JsonObject status = http.get("/api/v1/sources").json().getJsonObject("webhooks");
        assertEquals(0, status.getInteger("pending"));
        assertEquals(events, status.getInteger("delivered").longValue());
    }

    @Test
    @DisplayName("re-importing the same portfolio raises nothing; suspending a linked store raises store.linked-to-suspended")
    void onlyChangesRaiseEvents() {
        settle();
        int before = delivered().size();
        assertEquals(200, http.postFile("/api/v1/tenants/" + TENANT + "/portfolio", SharedNeo4j.fixture("demo-portfolio.json")).status());
        // the re-import is analysed in the background; give it time to (not) raise anything
        long revision = SharedNeo4j.count("MATCH (b:RiskBaseline {tenant: $t}) RETURN b.revision", Map.of("t", TENANT));
        Eventually.get(() -> false, x -> x, Duration.ofSeconds(2));
        assertEquals(before, delivered().size(), "no new event for an unchanged portfolio");
        assertEquals(revision, SharedNeo4j.count("MATCH (b:RiskBaseline {tenant: $t}) RETURN b.revision", Map.of("t", TENANT)));

        JsonArray links = http.get("/api/v1/tenants/" + TENANT + "/linkage").json().getJsonArray("links");
        Set<String> suspended = SharedNeo4j.query("MATCH (s:Store {tenant: $t, status: 'suspended'}) RETURN s.key AS k", Map.of("t", TENANT))
                .stream().map(r -> r.get("k").asString()).collect(Collectors.toSet());
        JsonObject link = links.stream().map(JsonObject.class::cast)
                .filter(l -> !l.getBoolean("disclosed") && !suspended.contains(l.getString("a")) && !suspended.contains(l.getString("b")))
                .findFirst().orElseThrow();
        String victim = link.getString("a");
        String partner = link.getString("b");
        Http.Response r = http.post("/api/v1/tenants/" + TENANT + "/stores/" + java.net.URLEncoder.encode(victim, java.nio.charset.StandardCharsets.UTF_8)
                + "/status", "application/json", "{\"status\":\"suspended\"}".getBytes());
        assertEquals(200, r.status(), r.body());
        List<FakeServer.Request> fresh = Eventually.get(() -> {
                    List<FakeServer.Request> now = delivered();
                    return now.subList(before, now.size());
                },
                l -> l.stream().anyMatch(x -> x.body().contains("\"suspendedStore\":\"" + victim + "\"")), Duration.ofSeconds(20));
        JsonObject event = fresh.stream().map(x -> new JsonObject(x.body()))
                .filter(e -> e.getString("type").equals(RiskEvents.LINKED_TO_SUSPENDED)
                        && e.getJsonObject("data").getString("suspendedStore").equals(victim)
                        && e.getJsonObject("data").getString("store").equals(partner))
                .findFirst().orElseThrow(() -> new AssertionError("no event for " + partner + " → " + victim + " in " + fresh));
        assertFalse(event.getJsonObject("data").getJsonArray("evidence").isEmpty());
    }
}
