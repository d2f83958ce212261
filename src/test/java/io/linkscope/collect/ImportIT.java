package io.linkscope.collect;

import io.linkscope.App;
import io.linkscope.support.Http;
import io.linkscope.support.SharedNeo4j;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

@DisplayName("Portfolio import over HTTP into Neo4j (spec §1-§3)")
class ImportIT {
    private static App app;
    private static Http http;

    @BeforeAll
    static void start() {
        app = SharedNeo4j.startApp(Map.of("LINKSCOPE_MAX_ATTRIBUTES", "40"));
        http = new Http(app.httpPort()).bearer(SharedNeo4j.adminKey(app));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String path(String tenant) {
        return "/api/v1/tenants/" + tenant + "/portfolio";
    }

    @Test
    @DisplayName("the demo portfolio imports; a re-import changes nothing")
    void demoImportIsIdempotent() {
        Http.Response first = http.postFile(path("imp-demo"), SharedNeo4j.fixture("demo-portfolio.json"));
        assertEquals(200, first.status(), first.body());
        assertEquals(40, SharedNeo4j.storeCount("imp-demo"));
        long observations = SharedNeo4j.observationCount("imp-demo");
        assertTrue(observations > 200, "observations: " + observations);
        long identifiers = SharedNeo4j.count("MATCH (i:Identifier) RETURN count(i)", Map.of());

        Http.Response again = http.postFile(path("imp-demo"), SharedNeo4j.fixture("demo-portfolio.json"));
        assertEquals(200, again.status());
        JsonObject result = again.json().getJsonObject("result");
        assertEquals(0, result.getInteger("storesCreated"));
        assertEquals(0, result.getInteger("identifiersCreated"));
        assertEquals(0, result.getInteger("relationshipsCreated"));
        assertEquals(40, SharedNeo4j.storeCount("imp-demo"));
        assertEquals(observations, SharedNeo4j.observationCount("imp-demo"));
        assertEquals(identifiers, SharedNeo4j.count("MATCH (i:Identifier) RETURN count(i)", Map.of()));
        assertEquals(1, SharedNeo4j.count("MATCH (:Store {tenant: 'imp-demo'})-[d:DISCLOSED_WITH]->() RETURN count(d)", Map.of()));
        // the 3PL warehouse address is generic, and so is its building (spec §1a: the other units of one warehouse)
        assertEquals(2, SharedNeo4j.count("MATCH (:Tenant {id: 'imp-demo'})-[g:MARKS_GENERIC]->() RETURN count(g)", Map.of()));
    }

    @Test
    @DisplayName("notations spec §1 equates become one identifier node")
    void equalValuesShareOneNode() {
        assertEquals(200, http.postFile(path("imp-eq"), SharedNeo4j.fixture("demo-portfolio.json")).status());
        // +86 138 0013 8000 and 008613800138000 on two Walmart stores; PayPal email with +tag and case on two Amazon stores
        for (String[] pair : List.of(new String[]{"walmart:US:WM10001", "walmart:US:WM10002"},
                new String[]{"amazon:US:A2ACME01", "amazon:US:A2ACME02"}, new String[]{"tiktok-shop:US:TTS-7001", "tiktok-shop:US:TTS-7002"},
                new String[]{"aliexpress:GLOBAL:AE-880001", "temu:US:TM-5001"}, new String[]{"amazon:US:A2ACME03", "amazon:US:A2ACME04"})) {
            long shared = SharedNeo4j.count("""
                    MATCH (a:Store {uid: $a})-[:HAS]->(i:Identifier)<-[:HAS]-(b:Store {uid: $b})
                    WHERE i.type <> 'ip_subnet' AND i.type <> 'legal_entity' RETURN count(i)""",
                    Map.of("a", "imp-eq|" + pair[0], "b", "imp-eq|" + pair[1]));
            assertTrue(shared >= 1, pair[0] + " and " + pair[1] + " should share an identifier");
        }
    }

    @Test
    @DisplayName("the CSV twin gives the same stores and observations as the JSON document")
    void csvTwinMatchesJson() {
        assertEquals(200, http.postFile(path("imp-json"), SharedNeo4j.fixture("demo-portfolio.json")).status());
        Http.Response csv = http.postFile(path("imp-csv"), SharedNeo4j.fixture("demo-portfolio.csv"));
        assertEquals(200, csv.status(), csv.body());
        assertEquals(pairs("imp-json"), pairs("imp-csv"));
    }

    private static Set<String> pairs(String tenant) {
        Set<String> out = new HashSet<>();
        SharedNeo4j.query("MATCH (s:Store {tenant: $t})-[:HAS]->(i) RETURN s.key AS k, i.uid AS u", Map.of("t", tenant))
                .forEach(r -> out.add(r.get("k").asString() + "→" + r.get("u").asString()));
        return out;
    }

    @Test
    @DisplayName("raw identifier values are never stored: only keyed hashes and masked displays")
    void noRawValuesInTheGraph() {
        assertEquals(200, http.postFile(path("imp-privacy"), SharedNeo4j.fixture("demo-portfolio.json")).status());
        String everything = SharedNeo4j.query("""
                MATCH (s:Store {tenant: 'imp-privacy'})-[h:HAS]->(i:Identifier)
                RETURN collect(properties(i)) + collect(properties(h)) AS props""", Map.of()).get(0).get("props").toString();
        for (String raw : List.of("finance@acme-home.example", "13800138000", "203.0.113.7", "6222021001122334455",
                "aa:bb:cc:00:11:22", "opsteam@gmail.com", "12 dock rd")) {
            assertFalse(everything.toLowerCase().contains(raw), "raw value stored: " + raw);
        }
        assertTrue(everything.contains("f***@acme-home.example"), "masked display expected");
    }

    @ParameterizedTest(name = "{0} → 400 at {1}, nothing written")
    @CsvSource(delimiter = '|', value = {
            "bad/malformed.json|line 1|malformed JSON",
            "bad/wrong-format-tag.json|format|linkscope.portfolio/v1",
            "bad/bad-phone.json|stores[1].attributes[1]|phone",
            "bad/full-card-number.json|stores[0].attributes[0]|full card number",
            "bad/invalid-iban.json|stores[0].attributes[0]|IBAN",
            "bad/negative-revenue.json|stores[0].monthlyRevenue.amount|0",
            "bad/unknown-currency.json|stores[0].monthlyRevenue.currency|XYZ",
            "bad/unknown-status.json|stores[0].status|status",
            "bad/bad-marketplace.json|stores[0].marketplace|marketplace",
            "bad/duplicate-store.json|stores[1]|duplicate",
            "bad/unknown-attribute-type.json|stores[0].attributes[0]|type",
            "bad/bad-ip.json|stores[0].attributes[0]|IP",
            "bad/window-reversed.json|stores[0].attributes[0]|firstSeen",
            "bad/unknown-payment-provider.json|stores[0].attributes[0]|payment provider",
            "bad/unknown-column.csv|row 1, column 10|fax_number",
            "bad/inconsistent-store.csv|row 3|differs",
            "bad/bad-row.csv|row 3, column attribute_value|IP",
            "bad/bad-line.ndjson|line 2|JSON",
            "bad/bad-category.json|stores[1].category|category must be a short slug",
            "bad/bad-category.csv|row 3, column category|category must be a short slug",
            "bad/revenue-too-large.json|stores[0].monthlyRevenue.amount|maxMonthlyRevenueUsd",
            "bad/text-too-long.json|stores[1].legalEntity|maxTextLength is 512",
            "bad/control-character.json|stores[0].name|control character U+001B",
            "bad/bidi-override.json|stores[0].legalEntity|bidirectional override U+202E",
            "bad/store-id-quote.json|stores[0].storeId|storeId must be",
            "bad/duplicate-key.json|line 5|duplicate field 'name'",
            "bad/nul-in-name.csv|row 2, column store_name|NUL",
    })
    void badInputIsRejectedWhole(String file, String location, String reason) {
        String tenant = "imp-bad-" + Math.abs(file.hashCode());
        Http.Response r = http.postFile(path(tenant), SharedNeo4j.fixture(file));
        assertEquals(400, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        JsonArray errors = r.json().getJsonArray("errors");
        assertNotNull(errors, r.body());
        boolean found = errors.stream().map(JsonObject.class::cast).anyMatch(e -> e.getString("location").contains(location)
                && e.getString("reason").toLowerCase().contains(reason.toLowerCase()));
        assertTrue(found, "expected an error at " + location + " mentioning " + reason + " in " + errors.encodePrettily());
        assertEquals(0, SharedNeo4j.storeCount(tenant), "nothing may be written");
        assertEquals(0, SharedNeo4j.count("MATCH (t:Tenant {id: $t}) RETURN count(t)", Map.of("t", tenant)));
    }

    @Test
    @DisplayName("every problem of a document is listed, in document order, attributes of rejected stores included")
    void everyProblemInOrder() {
        String tenant = "imp-every-error";
        Http.Response r = http.postFile(path(tenant), SharedNeo4j.fixture("bad/every-error-listed.json"));
        assertEquals(400, r.status(), r.body());
        List<String> locations = r.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("location")).toList();
        assertEquals(List.of("stores[0].category", "stores[0].attributes[2]", "stores[1].attributes[0]", "stores[2].status",
                "stores[2].attributes[0]"), locations, r.body());
        assertEquals(0, SharedNeo4j.storeCount(tenant), "nothing may be written");
        // with skip, the one valid store is written, and still every problem is listed
        Http.Response skip = http.post(path(tenant) + "?onInvalid=skip", "application/json",
                readFixture("bad/every-error-listed.json"));
        assertEquals(200, skip.status(), skip.body());
        assertEquals(5, skip.json().getJsonArray("errors").size(), skip.body());
        assertEquals(1, SharedNeo4j.storeCount(tenant));
        assertEquals(1, SharedNeo4j.observationCount(tenant), "only ERR1's valid email is kept");
    }

    private static byte[] readFixture(String name) {
        try {
            return java.nio.file.Files.readAllBytes(SharedNeo4j.fixture(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("category (format extension): normalised to a slug from JSON and CSV, kept by a re-import without one, read back in the snapshot")
    void category() {
        String json = """
                {"format":"linkscope.portfolio/v1","stores":[
                 {"platform":"amazon","marketplace":"US","storeId":"CAT1","category":"Home & Garden"},
                 {"platform":"ebay","marketplace":"US","storeId":"CAT2","category":" pet_supplies "},
                 {"platform":"ebay","marketplace":"UK","storeId":"CAT3"}]}""";
        assertEquals(200, http.post(path("imp-cat"), "application/json", json.getBytes(StandardCharsets.UTF_8)).status());
        String csv = "platform,marketplace,store_id,category\nwalmart,US,CAT4,Sports Outdoors\n";
        assertEquals(200, http.post(path("imp-cat"), "text/csv", csv.getBytes(StandardCharsets.UTF_8)).status());
        Map<String, String> stored = new java.util.HashMap<>();
        for (Object o : http.get("/api/v1/tenants/imp-cat/stores").json().getJsonArray("stores")) {
            JsonObject st = (JsonObject) o;
            stored.put(st.getString("key"), st.getString("category"));
        }
        assertEquals("home-garden", stored.get("amazon:US:CAT1"));
        assertEquals("pet-supplies", stored.get("ebay:US:CAT2"));
        assertNull(stored.get("ebay:UK:CAT3"));
        assertEquals("sports-outdoors", stored.get("walmart:US:CAT4"));
        // a re-import that does not mention the category keeps it
        String again = """
                {"format":"linkscope.portfolio/v1","stores":[{"platform":"amazon","marketplace":"US","storeId":"CAT1","name":"renamed"}]}""";
        assertEquals(200, http.post(path("imp-cat"), "application/json", again.getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(1, SharedNeo4j.count("MATCH (s:Store {uid: 'imp-cat|amazon:US:CAT1', category: 'home-garden'}) RETURN count(s)", Map.of()));
        // and analysis sees it
        var snapshot = app.reader().snapshot("imp-cat", java.time.Instant.now());
        assertEquals("home-garden", snapshot.stores().stream().filter(st -> st.key().equals("amazon:US:CAT1")).findFirst().orElseThrow().category());
    }

    @Test
    @DisplayName("all or nothing lists every error; onInvalid=skip writes the valid part and lists the rest")
    void skipWritesTheValidPart() {
        Http.Response strict = http.postFile(path("imp-mixed-strict"), SharedNeo4j.fixture("bad/mixed-valid-invalid.json"));
        assertEquals(400, strict.status());
        assertEquals(2, strict.json().getJsonArray("errors").size(), strict.body());
        assertEquals(0, SharedNeo4j.storeCount("imp-mixed-strict"));

        Http.Response skip = http.postFile(path("imp-mixed-skip") + "?onInvalid=skip", SharedNeo4j.fixture("bad/mixed-valid-invalid.json"));
        assertEquals(200, skip.status(), skip.body());
        JsonObject outcome = skip.json();
        assertEquals(2, outcome.getJsonArray("errors").size());
        assertEquals(1, outcome.getInteger("storesRejected"));
        assertEquals(2, outcome.getInteger("attributesRejected"), "the bad IP, and the one attribute of the rejected store");
        assertEquals(2, SharedNeo4j.storeCount("imp-mixed-skip"));
        // store 2 keeps its valid email, loses its invalid IP
        assertEquals(1, SharedNeo4j.count("MATCH (:Store {uid: 'imp-mixed-skip|amazon:US:BAD2'})-[h:HAS]->() RETURN count(h)", Map.of()));
    }

    @Test
    @DisplayName("a disclosure naming an unknown store rolls the whole import back")
    void unknownDisclosureRollsBack() {
        Http.Response r = http.postFile(path("imp-disc"), SharedNeo4j.fixture("bad/disclosure-unknown-store.json"));
        assertEquals(400, r.status(), r.body());
        assertTrue(r.body().contains("amazon:US:NOPE"), r.body());
        assertEquals(0, SharedNeo4j.storeCount("imp-disc"));
    }

    @Test
    @DisplayName("limits are named: too many attributes is a 400, an oversized body a 413")
    void limits() throws Exception {
        StringBuilder attrs = new StringBuilder();
        for (int i = 0; i < 41; i++) attrs.append(i == 0 ? "" : ",").append("{\"type\":\"email\",\"value\":\"a").append(i).append("@example.com\"}");
        String doc = "{\"format\":\"linkscope.portfolio/v1\",\"stores\":[{\"platform\":\"ebay\",\"marketplace\":\"US\",\"storeId\":\"L1\",\"attributes\":[" + attrs + "]}]}";
        Http.Response r = http.post(path("imp-limit"), "application/json", doc.getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.status());
        assertTrue(r.body().contains("maxAttributesPerStore"), r.body());
        assertEquals(0, SharedNeo4j.storeCount("imp-limit"));

        byte[] huge = new byte[(int) app.config().limits().maxBodyBytes() + 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        Http.Response big = http.post(path("imp-limit"), "application/json", huge);
        assertEquals(413, big.status());
        assertTrue(big.body().contains("maxBodyBytes"), big.body());
    }

    @Test
    @DisplayName("re-import widens windows: firstSeen takes the minimum, lastSeen the maximum, counts do not double")
    void windowsMerge() {
        String a = doc("2026-05-01T00:00:00Z", "2026-06-01T00:00:00Z");
        String b = doc("2026-03-01T00:00:00Z", "2026-05-15T00:00:00Z");
        assertEquals(200, http.post(path("imp-window"), "application/json", a.getBytes()).status());
        assertEquals(200, http.post(path("imp-window"), "application/json", b.getBytes()).status());
        var rec = SharedNeo4j.query("MATCH (:Store {tenant: 'imp-window'})-[h:HAS]->(i {type: 'ip'}) RETURN h.firstSeen AS f, h.lastSeen AS l, coalesce(h.count, 1) AS c", Map.of());
        assertEquals(1, rec.size());
        assertEquals("2026-03-01T00:00Z", rec.get(0).get("f").asZonedDateTime().toOffsetDateTime().toString());
        assertEquals("2026-06-01T00:00Z", rec.get(0).get("l").asZonedDateTime().toOffsetDateTime().toString());
        assertEquals(1, rec.get(0).get("c").asLong());
        assertEquals(2, SharedNeo4j.observationCount("imp-window"), "ip and its subnet");
    }

    private static String doc(String first, String last) {
        return "{\"format\":\"linkscope.portfolio/v1\",\"stores\":[{\"platform\":\"ebay\",\"marketplace\":\"US\",\"storeId\":\"W1\","
                + "\"attributes\":[{\"type\":\"ip\",\"value\":\"203.0.113.50\",\"firstSeen\":\"" + first + "\",\"lastSeen\":\"" + last + "\"}]}]}";
    }

    @Test
    @DisplayName("unknown tenant path and unknown route are problem+json")
    void problems() {
        Http.Response badTenant = http.get("/api/v1/tenants/Bad%20Tenant/stores");
        assertEquals(400, badTenant.status());
        assertTrue(badTenant.contentType().startsWith("application/problem+json"));
        assertEquals(404, http.get("/nope").status());
        assertTrue(Files.exists(SharedNeo4j.fixture("demo-portfolio.json")));
    }
}
