package io.linkscope.api;

import io.linkscope.App;
import io.linkscope.graph.ApiKeyStore.Role;
import io.linkscope.support.Http;
import io.linkscope.support.SharedNeo4j;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

@DisplayName("API keys, roles and tenant isolation over HTTP")
class ApiSecurityIT {
    private static final String A = "sec-a";
    private static final String B = "sec-b";
    /** A store only tenant B has; its key, name and entity must never reach A. */
    private static final String B_STORE = "ebay:US:SECRETB1";
    private static final String A_STORE = "amazon:US:A1";
    private static App app;
    private static int port;
    private static String ownerA;
    private static String ownerB;
    private static String consultant;
    private static String consultantId;
    private static String admin;

    @BeforeAll
    static void start() {
        app = SharedNeo4j.startApp(Map.of("LINKSCOPE_SECRET", "api-security-it-secret-0123456789",
                "LINKSCOPE_CORS_ORIGINS", "https://dash.example"));
        port = app.httpPort();
        admin = SharedNeo4j.adminKey(app);
        ownerA = SharedNeo4j.key(app, Role.owner, A);
        ownerB = SharedNeo4j.key(app, Role.owner, B);
        var c = app.keys().create(Role.consultant, List.of(A), "consultant");
        consultant = c.secret();
        consultantId = c.info().id();
        String docA = """
                {"stores": [
                  {"platform": "amazon", "marketplace": "US", "storeId": "A1", "name": "A one",
                   "monthlyRevenue": {"amount": 50000},
                   "attributes": [{"type": "payment", "value": "paypal:shared-sec@x.example"}, {"type": "email", "value": "a1@sec.example"}]},
                  {"platform": "amazon", "marketplace": "US", "storeId": "A2", "name": "A two",
                   "monthlyRevenue": {"amount": 30000},
                   "attributes": [{"type": "email", "value": "a1@sec.example"}, {"type": "ip", "value": "198.51.100.77"}]}
                ]}""";
        String docB = """
                {"stores": [
                  {"platform": "ebay", "marketplace": "US", "storeId": "SECRETB1", "name": "Hidden Bee Store",
                   "legalEntity": "Bee Secret Holdings Ltd", "status": "suspended", "monthlyRevenue": {"amount": 9000},
                   "attributes": [{"type": "payment", "value": "paypal:shared-sec@x.example"}]}
                ]}""";
        assertEquals(200, as(ownerA).post(tenant(A, "/portfolio"), "application/json", docA.getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(200, as(ownerB).post(tenant(B, "/portfolio"), "application/json", docB.getBytes(StandardCharsets.UTF_8)).status());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static Http as(String key) {
        return new Http(port).bearer(key);
    }

    private static String tenant(String t, String rest) {
        return "/api/v1/tenants/" + t + rest;
    }

    private static String enc(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8);
    }

    /** Nothing of B beyond what the caller sent: the path it asked for may be echoed in a problem's detail. */
    private static void assertNoSecrets(Http.Response r) {
        String body = r.body();
        if (r.contentType().startsWith("application/problem+json")) {
            JsonObject p = r.json();
            p.remove("instance");
            p.remove("detail");
            body = p.encode();
        }
        for (String secret : List.of("SECRETB1", "Hidden Bee", "Bee Secret", "shared-sec")) {
            String b = body;
            assertFalse(b.contains(secret), () -> "leaked " + secret + ": " + b);
        }
        for (String secret : List.of("Hidden Bee", "Bee Secret", "shared-sec")) {
            assertFalse(r.body().contains(secret), () -> "leaked " + secret + ": " + r.body());
        }
    }

    private static void assertProblem(int status, Http.Response r) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertEquals(status, r.json().getInteger("status"));
    }

    @Test
    @DisplayName("No key, a malformed header or an unknown key: 401 problem+json with WWW-Authenticate")
    void unauthenticated() {
        Http.Response none = new Http(port).get(tenant(A, "/linkage"));
        assertProblem(401, none);
        assertTrue(none.header("WWW-Authenticate").startsWith("Bearer"), none.headers().toString());
        Http.Response wrong = as("lsk_not-a-real-key-0000000000000000000000000").get(tenant(A, "/linkage"));
        assertProblem(401, wrong);
        Http.Response basic = new Http(port).send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + tenant(A, "/stores")))
                .header("Authorization", "Basic YWxhZGRpbjpvcGVuc2VzYW1l").GET());
        assertProblem(401, basic);
        assertFalse(wrong.body().contains("lsk_not-a-real-key"), "the presented key is never echoed");
    }

    @Test
    @DisplayName("Every tenant endpoint with another tenant's key in the path: 403, nothing of B in the answer or changed in B")
    void foreignTenantInPath() {
        Http a = as(ownerA);
        long storesBefore = SharedNeo4j.storeCount(B);
        long obsBefore = SharedNeo4j.observationCount(B);
        byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
        String store = "/stores/" + enc(B_STORE);
        List<Http.Response> answers = List.of(
                a.get(tenant(B, "/stores")),
                a.get(tenant(B, store)),
                a.get(tenant(B, store + "/links")),
                a.get(tenant(B, "/linkage")),
                a.get(tenant(B, "/concentration")),
                a.get(tenant(B, "/blast-radius?store=" + enc(B_STORE))),
                a.get(tenant(B, "/risk")),
                a.get(tenant(B, "/recommendations")),
                a.get(tenant(B, "/report?format=json")),
                a.get(tenant(B, "/graph")),
                a.post(tenant(B, "/portfolio"), "application/json",
                        "{\"stores\":[{\"platform\":\"ebay\",\"marketplace\":\"US\",\"storeId\":\"X9\"}]}".getBytes(StandardCharsets.UTF_8)),
                a.post(tenant(B, store + "/status"), "application/json", "{\"status\":\"active\"}".getBytes(StandardCharsets.UTF_8)),
                a.post(tenant(B, "/disclosures"), "application/json", json),
                a.post(tenant(B, "/generic-identifiers"), "application/json", json),
                a.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + tenant(B, store)))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"platform\":\"ebay\",\"marketplace\":\"US\",\"storeId\":\"SECRETB1\"}"))),
                a.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + tenant(B, store))).DELETE()));
        for (Http.Response r : answers) {
            assertProblem(403, r);
            assertNoSecrets(r);
        }
        assertEquals(storesBefore, SharedNeo4j.storeCount(B));
        assertEquals(obsBefore, SharedNeo4j.observationCount(B));
        assertEquals("suspended", SharedNeo4j.query("MATCH (s:Store {tenant: $t}) RETURN s.status AS s", Map.of("t", B))
                .get(0).get("s").asString());
    }

    @Test
    @DisplayName("A foreign store key under one's own tenant: 404 for store, links, blast radius; graph and report hold only A")
    void foreignStoreKey() {
        Http a = as(ownerA);
        String store = "/stores/" + enc(B_STORE);
        for (Http.Response r : List.of(a.get(tenant(A, store)), a.get(tenant(A, store + "/links")),
                a.get(tenant(A, "/blast-radius?store=" + enc(B_STORE))),
                a.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + tenant(A, store))).DELETE()),
                a.post(tenant(A, store + "/status"), "application/json", "{\"status\":\"active\"}".getBytes(StandardCharsets.UTF_8)))) {
            assertProblem(404, r);
            assertNoSecrets(r);
        }
        for (String path : List.of("/graph", "/report?format=json", "/linkage", "/blast-radius", "/concentration",
                "/recommendations", "/risk", "/stores")) {
            Http.Response r = a.get(tenant(A, path));
            assertEquals(200, r.status(), path + ": " + r.body());
            assertNoSecrets(r);
        }
        assertEquals("suspended", SharedNeo4j.query("MATCH (s:Store {tenant: $t}) RETURN s.status AS s", Map.of("t", B))
                .get(0).get("s").asString(), "B's store was not touched");
    }

    @Test
    @DisplayName("Cross-portfolio exposure: one store of one other portfolio on A's payment account is too few to report")
    void exposureCountsOnly() {
        Http.Response r = as(ownerA).get(tenant(A, "/stores/" + enc(A_STORE) + "/links"));
        assertEquals(200, r.status(), r.body());
        JsonObject exposure = r.json().getJsonObject("exposure");
        assertEquals(0, exposure.getInteger("foreignStores"));
        assertEquals(0, exposure.getInteger("foreignSuspended"));
        assertNull(exposure.getString("foreignStoresBand"));
        assertEquals("not shared beyond your portfolio, or too few to report", exposure.getString("note"));
        assertNoSecrets(r);
    }

    @Test
    @DisplayName("Listing tenants: an owner sees its own, an admin sees all")
    void tenants() {
        assertEquals(List.of(A), as(ownerA).get("/api/v1/tenants").json().getJsonArray("tenants").getList());
        assertEquals(List.of(B), as(ownerB).get("/api/v1/tenants").json().getJsonArray("tenants").getList());
        List<?> all = as(admin).get("/api/v1/tenants").json().getJsonArray("tenants").getList();
        assertTrue(all.containsAll(List.of(A, B)), all.toString());
    }

    @Test
    @DisplayName("A consultant sees assigned tenants only; an admin assigns and unassigns")
    void consultantAssignment() {
        Http c = as(consultant);
        assertEquals(200, c.get(tenant(A, "/linkage")).status());
        assertProblem(403, c.get(tenant(B, "/linkage")));
        Http adm = as(admin);
        Http.Response assigned = adm.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/admin/keys/" + consultantId + "/tenants/" + B)).PUT(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, assigned.status(), assigned.body());
        assertEquals(List.of(A, B), assigned.json().getJsonArray("tenants").getList());
        assertEquals(200, c.get(tenant(B, "/linkage")).status(), "the assignment takes effect at once");
        Http.Response removed = adm.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/admin/keys/" + consultantId + "/tenants/" + B)).DELETE());
        assertEquals(200, removed.status(), removed.body());
        assertProblem(403, c.get(tenant(B, "/linkage")));
    }

    @Test
    @DisplayName("Admin endpoints: 403 for owner and consultant keys")
    void adminOnly() {
        for (String key : List.of(ownerA, consultant)) {
            assertProblem(403, as(key).get("/api/v1/admin/keys"));
            assertProblem(403, as(key).post("/api/v1/admin/keys", "application/json",
                    "{\"role\":\"admin\"}".getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    @DisplayName("Create a key over the API (201, shown once), it works, the listing never shows it, revoke makes it 401")
    void keyLifecycle() {
        Http adm = as(admin);
        Http.Response created = adm.post("/api/v1/admin/keys", "application/json",
                "{\"role\":\"owner\",\"tenant\":\"sec-a\",\"label\":\"dashboard\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(201, created.status(), created.body());
        String key = created.json().getString("key");
        String id = created.json().getString("id");
        assertTrue(key.startsWith("lsk_"));
        assertEquals(200, as(key).get(tenant(A, "/stores")).status());
        Http.Response list = adm.get("/api/v1/admin/keys");
        assertEquals(200, list.status());
        assertTrue(list.body().contains(id));
        assertFalse(list.body().contains(key), "the listing never contains a key");
        assertFalse(list.body().contains(io.linkscope.graph.ApiKeyStore.hash(key)), "nor its hash");
        assertEquals(0, SharedNeo4j.count("MATCH (k:ApiKey) WHERE any(p IN keys(k) WHERE k[p] = $key) RETURN count(k)",
                Map.of("key", key)), "the graph holds only the hash");
        Http.Response revoked = adm.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/admin/keys/" + id)).DELETE());
        assertEquals(204, revoked.status());
        assertProblem(401, as(key).get(tenant(A, "/stores")));
        assertProblem(404, adm.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/admin/keys/" + id)).DELETE()));
    }

    @Test
    @DisplayName("Requests are validated against the OpenAPI document: 400 problem+json naming the fault")
    void contractValidation() {
        Http a = as(ownerA);
        Http.Response trials = a.get(tenant(A, "/risk?trials=5"));
        assertProblem(400, trials);
        assertTrue(trials.json().getString("detail").contains("trials"), trials.body());
        assertProblem(400, a.post(tenant(A, "/stores/" + enc(A_STORE) + "/status"), "application/json",
                "{\"status\":\"on-holiday\"}".getBytes(StandardCharsets.UTF_8)));
        assertProblem(400, as(admin).post("/api/v1/admin/keys", "application/json",
                "{\"role\":\"owner\",\"tenant\":\"sec-a\",\"colour\":\"red\"}".getBytes(StandardCharsets.UTF_8)));
        assertProblem(400, a.get(tenant(A, "/graph?minLevel=somewhat")));
        assertProblem(400, as(admin).get("/api/v1/tenants/Not%20A%20Tenant/stores"));
    }

    @Test
    @DisplayName("PUT replaces a store's attributes, status is recorded with history, DELETE removes the store")
    void storeLifecycle() {
        Http a = as(ownerA);
        String key = "amazon:US:A3";
        String path = tenant(A, "/stores/" + enc(key));
        String body = """
                {"platform":"amazon","marketplace":"US","storeId":"A3","name":"A three",
                 "attributes":[{"type":"email","value":"three@sec.example"},{"type":"ip","value":"198.51.100.3"}]}""";
        Http.Response put = a.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(200, put.status(), put.body());
        String uid = A + "|" + key;
        // an IP also yields its /24 subnet
        assertEquals(3, SharedNeo4j.count("MATCH (:Store {uid: $u})-[h:HAS]->() RETURN count(h)", Map.of("u", uid)));
        Http.Response replaced = a.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"platform\":\"amazon\",\"marketplace\":\"US\",\"storeId\":\"A3\",\"attributes\":[{\"type\":\"ip\",\"value\":\"198.51.100.3\"}]}")));
        assertEquals(200, replaced.status(), replaced.body());
        assertEquals(0, SharedNeo4j.count("MATCH (:Store {uid: $u})-[h:HAS]->(:Identifier {type: 'email'}) RETURN count(h)", Map.of("u", uid)),
                "the email the PUT no longer lists is gone");
        assertEquals(2, SharedNeo4j.count("MATCH (:Store {uid: $u})-[h:HAS]->() RETURN count(h)", Map.of("u", uid)));
        Http.Response mismatch = a.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"platform\":\"amazon\",\"marketplace\":\"US\",\"storeId\":\"OTHER\"}")));
        assertProblem(400, mismatch);

        Http.Response status = a.post(path + "/status", "application/json",
                "{\"status\":\"suspended\",\"at\":\"2026-11-01T00:00:00Z\",\"note\":\"policy warning\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, status.status(), status.body());
        assertEquals("suspended", status.json().getString("status"));
        Http.Response older = a.post(path + "/status", "application/json",
                "{\"status\":\"under_review\",\"at\":\"2026-10-01T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals("suspended", older.json().getString("status"), "an older event only adds history");
        JsonObject stored = a.get(path).json();
        assertEquals("suspended", stored.getString("status"));
        assertEquals(2, stored.getJsonArray("statusHistory").size());
        assertEquals("suspended", SharedNeo4j.query("MATCH (s:Store {uid: $u}) RETURN s.status AS s", Map.of("u", uid)).get(0).get("s").asString());

        Http.Response deleted = a.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).DELETE());
        assertEquals(204, deleted.status());
        assertEquals(0, SharedNeo4j.count("MATCH (s:Store {uid: $u}) RETURN count(s)", Map.of("u", uid)));
        assertEquals(0, SharedNeo4j.count("MATCH (e:StatusEvent) WHERE e.uid STARTS WITH $u RETURN count(e)", Map.of("u", uid)));
        assertProblem(404, a.get(path));
    }

    @Test
    @DisplayName("Disclosures and generic identifiers over their own endpoints reach the analysis")
    void disclosuresAndGenerics() {
        Http a = as(ownerA);
        Http.Response generic = a.post(tenant(A, "/generic-identifiers"), "application/json",
                "{\"genericIdentifiers\":[{\"type\":\"ip\",\"value\":\"198.51.100.77\",\"reason\":\"office\"}]}".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, generic.status(), generic.body());
        assertEquals(1, SharedNeo4j.count("MATCH (:Tenant {id: $t})-[:MARKS_GENERIC]->(i {type: 'ip'}) RETURN count(*)", Map.of("t", A)));
        Http.Response disclosed = a.post(tenant(A, "/disclosures"), "application/json",
                "{\"disclosures\":[{\"stores\":[\"amazon:US:A1\",\"amazon:US:A2\"],\"reason\":\"approved\"}]}".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, disclosed.status(), disclosed.body());
        JsonObject link = a.get(tenant(A, "/linkage")).json().getJsonArray("links").stream().map(JsonObject.class::cast)
                .filter(l -> l.getString("a").equals("amazon:US:A1") && l.getString("b").equals("amazon:US:A2")).findFirst().orElseThrow();
        assertTrue(link.getBoolean("disclosed"), link.encode());
        Http.Response unknown = a.post(tenant(A, "/disclosures"), "application/json",
                "{\"disclosures\":[{\"stores\":[\"amazon:US:A1\",\"amazon:US:NOPE\"]}]}".getBytes(StandardCharsets.UTF_8));
        assertProblem(400, unknown);
    }

    @Test
    @DisplayName("/openapi.yaml, /metrics (Prometheus) and CORS for a configured origin need no key")
    void operations() {
        Http anon = new Http(port);
        Http.Response spec = anon.get("/openapi.yaml");
        assertEquals(200, spec.status());
        assertTrue(spec.body().startsWith("openapi: 3.1.0"));
        for (String op : List.of("importPortfolio", "putStore", "deleteStore", "recordStatus", "addDisclosures",
                "addGenericIdentifiers", "getLinkage", "getGraph", "getReport", "createKey")) {
            assertTrue(spec.body().contains("operationId: " + op), op);
        }
        as(ownerA).get(tenant(A, "/linkage"));
        Http.Response metrics = anon.get("/metrics");
        assertEquals(200, metrics.status());
        assertTrue(metrics.body().contains("vertx_http_server_requests_total"), "request rates");
        assertTrue(metrics.body().contains("vertx_http_server_response_time_seconds"), "latencies");
        assertTrue(metrics.body().contains("linkscope_imports_total{origin=\"http\",outcome=\"written\""), "imports");
        assertTrue(metrics.body().contains("linkscope_analysis_engines_seconds"), "analysis times");
        assertFalse(metrics.body().contains("sec-a"), "no tenant names in metric labels");

        Http.Response preflight = anon.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + tenant(A, "/linkage")))
                .header("Origin", "https://dash.example").header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertTrue(preflight.status() == 200 || preflight.status() == 204, "preflight " + preflight.status());
        Http.Response foreign = anon.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + tenant(A, "/linkage")))
                .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertEquals(403, foreign.status(), "an origin that is not configured is refused");
    }
}
