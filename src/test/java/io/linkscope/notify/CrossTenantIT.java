package io.linkscope.notify;

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

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Store changes that are not imports go through the one writer, which announces the store's identifiers: when other
 * portfolios' stores sharing an identifier are suspended (or deleted), this tenant's analysis and its webhooks follow
 * without it writing or reading anything, and a tenant imported later hears of the taint with its band.
 */
@DisplayName("One writer: another tenant's suspensions and deletions reach this tenant's analysis and webhooks")
class CrossTenantIT {
    private static final String B = "xt-b";
    private static final String C = "xt-c";
    private static final FakeServer receiver = new FakeServer();
    private static App app;
    private static Http admin;

    @BeforeAll
    static void start() throws Exception {
        receiver.route("/hook", ctx -> ctx.response().setStatusCode(204).end()).start();
        Path config = Files.createTempFile("linkscope-xt-", ".json");
        Files.writeString(config, new JsonObject().put("webhooks", new JsonArray()
                .add(new JsonObject().put("url", receiver.url("/hook")).put("secret", "xt-secret-0123456789abcdef")
                        .put("tenants", new JsonArray().add(B).add(C)).put("backoffMs", 50))).encode());
        app = SharedNeo4j.startApp(Map.of("LINKSCOPE_CONFIG", config.toString()));
        admin = new Http(app.httpPort()).bearer(SharedNeo4j.adminKey(app));
        importStores(B, "B1");
        importStores("xt-a1", "A1", "A2");
        importStores("xt-a2", "A3");
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
        receiver.close();
    }

    private static void importStores(String tenant, String... ids) {
        JsonArray stores = new JsonArray();
        for (String id : ids) {
            stores.add(new JsonObject().put("platform", "amazon").put("marketplace", "US").put("storeId", id)
                    .put("attributes", new JsonArray().add(new JsonObject().put("type", "payment").put("value", "payoneer:XT-SHARED-001"))));
        }
        Http.Response r = admin.post("/api/v1/tenants/" + tenant + "/portfolio", "application/json",
                new JsonObject().put("stores", stores).encode().getBytes(StandardCharsets.UTF_8));
        assertEquals(200, r.status(), r.body());
    }

    private static void status(String tenant, String store, String status) {
        Http.Response r = admin.post("/api/v1/tenants/" + tenant + "/stores/" + URLEncoder.encode("amazon:US:" + store, StandardCharsets.UTF_8)
                + "/status", "application/json", ("{\"status\":\"" + status + "\"}").getBytes(StandardCharsets.UTF_8));
        assertEquals(200, r.status(), r.body());
    }

    private static List<JsonObject> tainted(String tenant) {
        return receiver.requests("/hook").stream().map(r -> new JsonObject(r.body()))
                .filter(e -> e.getString("tenant").equals(tenant) && e.getString("type").equals("identifier.tainted")).toList();
    }

    @Test
    @DisplayName("three suspensions in two other tenants taint B's receiving account: B's webhook hears it; C, imported later, too, with the band")
    void suspensionsReachOtherTenants() {
        status("xt-a1", "A1", "suspended");
        status("xt-a1", "A2", "suspended");
        status("xt-a2", "A3", "suspended");
        // B neither writes nor reads: the writer's announcement names the shared account, and B is re-analysed
        List<JsonObject> events = Eventually.get(() -> tainted(B), e -> !e.isEmpty(), Duration.ofSeconds(20));
        assertEquals(1, events.size(), events.toString());
        JsonObject data = events.get(0).getJsonObject("data");
        assertEquals("payment", data.getString("type"));
        assertEquals("3–5", data.getString("foreignSuspendedBand"));
        assertEquals(List.of(), data.getJsonArray("suspendedStores").getList(), "none of B's own stores is suspended");
        JsonArray taintedIds = admin.get("/api/v1/tenants/" + B + "/linkage").json().getJsonArray("taintedIdentifiers");
        assertEquals(events.size(), taintedIds.size(), "as many events as tainted identifiers");

        importStores(C, "C1");
        List<JsonObject> later = Eventually.get(() -> tainted(C), e -> !e.isEmpty(), Duration.ofSeconds(20));
        assertEquals("3–5", later.get(0).getJsonObject("data").getString("foreignSuspendedBand"));

        // one of the suspended stores is deleted: two are left, too few to report, and B's linkage follows
        assertEquals(204, admin.delete("/api/v1/tenants/xt-a2/stores/" + URLEncoder.encode("amazon:US:A3", StandardCharsets.UTF_8)).status());
        JsonArray after = Eventually.get(() -> admin.get("/api/v1/tenants/" + B + "/linkage").json().getJsonArray("taintedIdentifiers"),
                JsonArray::isEmpty, Duration.ofSeconds(20));
        assertTrue(after.isEmpty());
    }
}
