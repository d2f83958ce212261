package io.linkscope.api;

import io.linkscope.App;
import io.linkscope.graph.ApiKeyStore.Role;
import io.linkscope.support.Http;
import io.linkscope.support.SharedNeo4j;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

@DisplayName("Hardened API: security headers, 405 with Allow, one tenant rule on every route, bounded parameters, no Java internals")
class HardeningIT {
    private static final String T = "hard";
    private static final String STORE = "amazon:US:H1";
    private static App app;
    private static Http owner;
    private static Http admin;
    private static String adminKey;
    private static HttpClient raw;

    @BeforeAll
    static void start() {
        app = SharedNeo4j.startApp(Map.of());
        owner = new Http(app.httpPort()).bearer(SharedNeo4j.key(app, Role.owner, T));
        adminKey = SharedNeo4j.adminKey(app);
        admin = new Http(app.httpPort()).bearer(adminKey);
        raw = HttpClient.newHttpClient();
        String doc = """
                {"stores":[{"platform":"amazon","marketplace":"US","storeId":"H1","monthlyRevenue":{"amount":100},
                  "attributes":[{"type":"email","value":"h1@hard.example"}]},
                 {"platform":"amazon","marketplace":"DE","storeId":"H2","attributes":[{"type":"email","value":"h1@hard.example"}]}]}""";
        assertEquals(200, owner.post("/api/v1/tenants/" + T + "/portfolio", "application/json", doc.getBytes(StandardCharsets.UTF_8)).status());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static HttpResponse<String> send(String method, String path, String key, String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json");
            if (key != null) b.header("Authorization", "Bearer " + key);
            return raw.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertNoInternals(String body) {
        for (String leak : List.of("java.", "Exception", "org.apache", "io.vertx", "For input string", "com.fasterxml")) {
            assertFalse(body.contains(leak), "the answer quotes Java internals (" + leak + "): " + body);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/", "/app.js", "/openapi.yaml", "/metrics", "/health", "/api/v1/tenants", "/nothing-here"})
    @DisplayName("every answer carries CSP, nosniff, DENY framing and no referrer")
    void securityHeaders(String path) {
        HttpResponse<String> r = send("GET", path, null, null);
        assertEquals(SecurityHeaders.DASHBOARD_POLICY, r.headers().firstValue("Content-Security-Policy").orElse(null), path);
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(null));
        assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(null));
    }

    @Test
    @DisplayName("the HTML report may run no script at all")
    void reportPolicy() {
        Http.Response r = owner.get("/api/v1/tenants/" + T + "/report?format=html");
        assertEquals(200, r.status());
        assertEquals(SecurityHeaders.REPORT_POLICY, r.header("Content-Security-Policy"));
        assertTrue(r.header("Content-Security-Policy").contains("default-src 'none'"));
    }

    @ParameterizedTest(name = "{0} {1} → 405, Allow: {2}")
    @CsvSource(delimiter = '|', value = {
            "DELETE|/api/v1/tenants/hard/linkage|GET",
            "PUT|/api/v1/tenants/hard/portfolio|POST",
            "POST|/api/v1/tenants/hard/stores/amazon%3AUS%3AH1|DELETE, GET, PUT",
            "POST|/openapi.yaml|GET",
            "DELETE|/|GET",
            "PUT|/app.js|GET, HEAD",
    })
    void methodNotAllowed(String method, String path, String allow) {
        HttpResponse<String> r = send(method, path, adminKey, "{}");
        assertEquals(405, r.statusCode(), r.body());
        assertEquals(allow, r.headers().firstValue("Allow").orElse(null));
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    @ParameterizedTest(name = "tenant {0}")
    @ValueSource(strings = {"a%0AINFO%20fake%20login", "TA", "ta%20", "BAD%20T", "-x", "%22q%22"})
    @DisplayName("a tenant that breaks the pattern is 400 on every route, the import included, and nothing is created")
    void tenantPattern(String tenant) {
        byte[] doc = "{\"stores\":[{\"platform\":\"amazon\",\"marketplace\":\"US\",\"storeId\":\"X1\"}]}".getBytes(StandardCharsets.UTF_8);
        long tenantsBefore = SharedNeo4j.count("MATCH (t:Tenant) RETURN count(t)", Map.of());
        for (Http.Response r : List.of(admin.post("/api/v1/tenants/" + tenant + "/portfolio", "application/json", doc),
                admin.get("/api/v1/tenants/" + tenant + "/linkage"), admin.get("/api/v1/tenants/" + tenant + "/stores"))) {
            assertEquals(400, r.status(), r.body());
            assertTrue(r.json().getString("detail").startsWith("tenant must be"), r.body());
            assertFalse(r.json().getString("detail").contains("fake") || r.body().contains("\\n"), "the tenant is not echoed");
        }
        assertEquals(tenantsBefore, SharedNeo4j.count("MATCH (t:Tenant) RETURN count(t)", Map.of()), "no tenant was created");
    }

    @Test
    @DisplayName("a store key that breaks its pattern is 400; a foreign-looking but valid one is 404")
    void storeKeyPattern() {
        assertEquals(400, owner.get("/api/v1/tenants/" + T + "/stores/amazon%3AUS%3ABAD%221").status());
        assertEquals(400, owner.get("/api/v1/tenants/" + T + "/stores/no-colons/links").status());
        assertEquals(404, owner.get("/api/v1/tenants/" + T + "/stores/amazon%3AUS%3ANOPE").status());
        assertEquals(200, owner.get("/api/v1/tenants/" + T + "/stores/amazon%3AUS%3AH1").status());
    }

    @Test
    @DisplayName("risk: an out-of-range seed or too many trials is a 400 naming the bound, with no Java message")
    void costParameters() {
        Http.Response seed = owner.get("/api/v1/tenants/" + T + "/risk?seed=99999999999999999999");
        assertEquals(400, seed.status(), seed.body());
        assertNoInternals(seed.body());
        Http.Response trials = owner.get("/api/v1/tenants/" + T + "/risk?trials=1000000");
        assertEquals(400, trials.status(), trials.body());
        assertTrue(trials.body().contains("200000") && trials.body().contains("maxRiskTrials"), trials.body());
        assertEquals(200, owner.get("/api/v1/tenants/" + T + "/risk?trials=1000&seed=7").status());
    }

    @Test
    @DisplayName("status and key bodies: duplicate keys, control characters and bidi overrides are refused; nothing is written")
    void bodies() {
        String path = "/api/v1/tenants/" + T + "/stores/amazon%3AUS%3AH1/status";
        for (String body : List.of("{\"status\":\"suspended\",\"status\":\"active\"}",
                "{\"status\":\"suspended\",\"note\":\"case \\u001b[2J cleared\"}",
                "{\"status\":\"suspended\",\"note\":\"approved \\u202eesac\"}")) {
            Http.Response r = owner.post(path, "application/json", body.getBytes(StandardCharsets.UTF_8));
            assertEquals(400, r.status(), body + " → " + r.body());
            assertNoInternals(r.body());
        }
        assertEquals(0, SharedNeo4j.count("MATCH (:Store {uid: $u})-[:STATUS_CHANGED]->(e) RETURN count(e)",
                Map.of("u", T + "|" + STORE)), "no status event may be recorded");
        assertEquals("active", SharedNeo4j.query("MATCH (s:Store {uid: $u}) RETURN s.status AS s", Map.of("u", T + "|" + STORE))
                .get(0).get("s").asString());
        long keys = SharedNeo4j.count("MATCH (k:ApiKey) RETURN count(k)", Map.of());
        Http.Response key = admin.post("/api/v1/admin/keys", "application/json",
                "{\"role\":\"owner\",\"tenant\":\"hard\",\"label\":\"ops\\u0000team\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, key.status(), key.body());
        assertEquals(keys, SharedNeo4j.count("MATCH (k:ApiKey) RETURN count(k)", Map.of()), "no key may be created");
    }

    @Test
    @DisplayName("malformed and non-JSON bodies get a plain reason, never the parser's or a Java class's")
    void malformedBodies() {
        Http.Response r = owner.post("/api/v1/tenants/" + T + "/stores/amazon%3AUS%3AH1/status", "application/json",
                "{\"status\": ".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.status(), r.body());
        assertNoInternals(r.body());
        Http.Response csv = owner.post("/api/v1/tenants/" + T + "/portfolio", "text/csv",
                "platform,marketplace,store_id\n\"amazon\"x,US,Q1\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, csv.status(), csv.body());
        assertNoInternals(csv.body());
    }
}
