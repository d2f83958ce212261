package io.linkscope.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.linkscope.App;
import io.linkscope.graph.ApiKeyStore.Role;
import io.linkscope.support.SharedNeo4j;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every operation of {@code openapi.yaml} driven against the running server, and every answer checked against the
 * document: its status is declared for the operation, its media type is declared for that status, the headers the
 * document requires are there, and a JSON body validates against the declared schema with a JSON Schema 2020-12
 * validator (networknt). Successes and the usual failures (400, 401, 403, 404, 304, 422, 429) are all driven.
 */
@DisplayName("Contract: every operation of openapi.yaml answers as the document declares (status, media type, headers, body)")
class ContractIT {
    private static final String T = "contract";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode contract;
    private static ObjectNode defs;
    private static App app;
    private static String admin;
    private static String owner;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Set<String> called = new TreeSet<>();
    private static final List<String> violations = new ArrayList<>();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    @BeforeAll
    static void start() throws Exception {
        try (InputStream in = ContractIT.class.getClassLoader().getResourceAsStream("openapi.yaml")) {
            contract = JSON.valueToTree(new Yaml().load(in));
        }
        defs = (ObjectNode) rewriteRefs(contract.path("components").path("schemas").deepCopy());
        app = SharedNeo4j.startApp(Map.of("LINKSCOPE_EXPENSIVE_PER_MINUTE", "4"));
        admin = SharedNeo4j.adminKey(app);
        owner = SharedNeo4j.key(app, Role.owner, T);
        Answer imported = call("POST", "/api/v1/tenants/" + T + "/portfolio", owner, "application/json",
                Files.readString(SharedNeo4j.fixture("demo-portfolio.json")), Map.of());
        assertEquals(200, imported.status, imported.body);
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
    }

    private record Answer(int status, String contentType, String body, java.net.http.HttpHeaders headers) {
    }

    /** Sends a request and checks its answer against the operation the document declares for it. */
    private static Answer call(String method, String path, String key, String contentType, String body, Map<String, String> headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (key != null) b.header("Authorization", "Bearer " + key);
            if (contentType != null) b.header("Content-Type", contentType);
            headers.forEach(b::header);
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            Answer a = new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r.headers());
            check(method, path, a);
            return a;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void check(String method, String uri, Answer a) {
        String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        String template = RouteTemplates.fromContract().of(path);
        JsonNode op = contract.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
        String where = method + " " + uri + " → " + a.status;
        if (op.isMissingNode()) {
            violations.add(where + ": no such operation in the contract");
            return;
        }
        called.add(op.path("operationId").asText());
        JsonNode response = resolve(op.path("responses").path(Integer.toString(a.status)));
        if (response.isMissingNode()) response = resolve(op.path("responses").path("default"));
        if (response.isMissingNode()) {
            violations.add(where + ": status not declared");
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = response.path("headers").fields(); it.hasNext(); ) {
            var h = it.next();
            if (resolve(h.getValue()).path("required").asBoolean(false) && a.headers.firstValue(h.getKey()).isEmpty()) {
                violations.add(where + ": required header " + h.getKey() + " missing");
            }
        }
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            if (!a.body.isEmpty()) violations.add(where + ": a body where none is declared");
            return;
        }
        String media = a.contentType.split(";")[0].strip();
        JsonNode declared = content.path(media);
        if (declared.isMissingNode()) {
            violations.add(where + ": media type " + media + " not declared (declared: " + content.fieldNames().next() + ")");
            return;
        }
        if (!media.endsWith("json")) return;
        try {
            ObjectNode schema = (ObjectNode) rewriteRefs(declared.path("schema").deepCopy());
            schema.set("$defs", defs);
            Schema validator = SCHEMAS.getSchema(schema);
            var errors = validator.validate(JSON.readTree(a.body));
            if (!errors.isEmpty()) violations.add(where + ": body does not match its schema: " + errors.subList(0, Math.min(3, errors.size())));
        } catch (Exception e) {
            violations.add(where + ": body is not JSON: " + e.getMessage());
        }
    }

    private static JsonNode resolve(JsonNode node) {
        if (node.has("$ref")) {
            String[] parts = node.get("$ref").asText().substring(2).split("/");
            JsonNode target = contract;
            for (String p : parts) target = target.path(p);
            return target;
        }
        return node;
    }

    private static JsonNode rewriteRefs(JsonNode node) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            if (o.has("$ref")) o.put("$ref", o.get("$ref").asText().replace("#/components/schemas/", "#/$defs/"));
            o.fields().forEachRemaining(e -> rewriteRefs(e.getValue()));
        } else if (node.isArray()) {
            node.forEach(ContractIT::rewriteRefs);
        }
        return node;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Answer get(String path, String key) {
        return call("GET", path, key, null, null, Map.of());
    }

    private static Answer send(String method, String path, String key, String json) {
        return call(method, path, key, "application/json", json, Map.of());
    }

    @Test
    @DisplayName("all operations, their successes and usual failures, conform to the document")
    void everyOperation() throws Exception {
        String base = "/api/v1/tenants/" + T;
        String store = enc("amazon:US:A2ACME01");
        // operations outside /api
        for (String p : List.of("/health", "/health/live", "/health/ready", "/metrics", "/openapi.yaml", "/", "/i18n/zh-CN.json", "/i18n/xx.json")) {
            get(p, null);
        }
        // reads, with their failures
        get("/api/v1/tenants", owner);
        get("/api/v1/tenants", null);
        for (String p : List.of("/stores", "/stores/" + store, "/stores/" + store + "/links", "/linkage", "/concentration",
                "/blast-radius", "/blast-radius?store=" + store, "/risk", "/recommendations", "/graph?minLevel=likely",
                "/report?format=json", "/report?format=html", "/report?format=csv", "/report?format=md", "/report?format=txt")) {
            get(base + p, owner);
        }
        get(base + "/graph?minLevel=bogus", owner);
        get(base + "/report?format=pdf", owner);
        get(base + "/risk?seed=99999999999999999999", owner);
        get(base + "/risk?trials=1000&seed=7", owner);
        boolean limited = false;
        for (int i = 0; i < 4; i++) limited |= get(base + "/report?format=json", owner).status == 429; // over 4 a minute
        assertTrue(limited, "the fifth report within a minute is refused with 429");
        get(base + "/stores/" + enc("amazon:US:NOPE"), owner);
        get(base + "/stores/" + enc("bad key"), owner);
        get("/api/v1/tenants/BAD%20T/linkage", owner);
        get("/api/v1/tenants/someone-else/linkage", owner);
        get("/api/v1/tenants/contract-empty/linkage", admin);
        Answer linkage = get(base + "/linkage", owner);
        String etag = linkage.headers.firstValue("ETag").orElseThrow();
        assertEquals(304, call("GET", base + "/linkage", owner, null, null, Map.of("If-None-Match", etag)).status);

        // writes
        String one = "{\"platform\":\"amazon\",\"marketplace\":\"US\",\"storeId\":\"CT1\",\"attributes\":[{\"type\":\"email\",\"value\":\"ct1@contract.example\"}]}";
        Answer put = send("PUT", base + "/stores/" + enc("amazon:US:CT1"), owner, one);
        assertEquals(200, put.status, put.body);
        send("PUT", base + "/stores/" + enc("amazon:US:CT9"), owner, one); // key mismatch: 400
        Answer imported = call("POST", base + "/portfolio", owner, "text/csv",
                "platform,marketplace,store_id,attribute_type,attribute_value\nebay,US,CT2,email,ct2@contract.example\n", Map.of("Idempotency-Key", "ct-1"));
        assertEquals(200, imported.status, imported.body);
        call("POST", base + "/portfolio", owner, "text/csv", "platform,marketplace,store_id\nebay,US,CT3\n", Map.of("Idempotency-Key", "ct-1"));
        call("POST", base + "/portfolio", owner, "application/json", "{\"stores\":[{\"platform\":\"amazon\",\"marketplace\":\"XX\",\"storeId\":\"B\"}]}", Map.of());
        call("POST", base + "/portfolio", owner, "application/xml", "<x/>", Map.of());
        String importId = JSON.readTree(imported.body).path("importId").asText();
        get(base + "/imports/" + importId, owner);
        get(base + "/imports/imp_AAAAAAAAAAAAAAAAAAAAAAAA", owner);
        send("POST", base + "/stores/" + enc("amazon:US:CT1") + "/status", owner, "{\"status\":\"under_review\",\"note\":\"case 1\"}");
        send("POST", base + "/stores/" + enc("amazon:US:NOPE") + "/status", owner, "{\"status\":\"active\"}");
        send("POST", base + "/stores/" + enc("amazon:US:CT1") + "/status", owner, "{\"status\":\"frozen\"}");
        send("POST", base + "/disclosures", owner, "{\"disclosures\":[{\"stores\":[\"amazon:US:CT1\",\"ebay:US:CT2\"],\"reason\":\"approved\"}]}");
        send("POST", base + "/generic-identifiers", owner, "{\"genericIdentifiers\":[{\"type\":\"email\",\"value\":\"ct2@contract.example\",\"reason\":\"shared inbox\"}]}");
        call("DELETE", base + "/stores/" + enc("ebay:US:CT2"), owner, null, null, Map.of());
        call("DELETE", base + "/stores/" + enc("ebay:US:CT2"), owner, null, null, Map.of());

        // checks of planned stores: a linked one, a clean one, an invalid one
        send("POST", base + "/checks", owner, "{\"stores\":[{\"platform\":\"ebay\",\"marketplace\":\"US\",\"storeId\":\"PLAN1\",\"attributes\":[{\"type\":\"email\",\"value\":\"ct1@contract.example\"}]}]}");
        send("POST", base + "/checks", owner, "{\"stores\":[{\"platform\":\"ebay\",\"marketplace\":\"US\",\"storeId\":\"PLAN2\",\"attributes\":[{\"type\":\"email\",\"value\":\"fresh@contract.example\"}]}]}");
        send("POST", base + "/checks", owner, "{\"stores\":[{\"platform\":\"ebay\",\"marketplace\":\"XX\",\"storeId\":\"PLAN3\"}]}");
        send("POST", "/api/v1/tenants/someone-else/checks", owner, "{\"stores\":[]}");

        // admin
        get("/api/v1/admin/keys", admin);
        get("/api/v1/admin/keys", owner);
        Answer created = send("POST", "/api/v1/admin/keys", admin, "{\"role\":\"consultant\",\"tenants\":[\"contract\"],\"label\":\"ct\"}");
        assertEquals(201, created.status, created.body);
        String keyId = JSON.readTree(created.body).path("id").asText();
        send("POST", "/api/v1/admin/keys", admin, "{\"role\":\"owner\"}");
        send("PUT", "/api/v1/admin/keys/" + keyId + "/tenants/contract-b", admin, null);
        call("DELETE", "/api/v1/admin/keys/" + keyId + "/tenants/contract-b", admin, null, null, Map.of());
        call("DELETE", "/api/v1/admin/keys/" + keyId, admin, null, null, Map.of());
        call("DELETE", "/api/v1/admin/keys/" + keyId, admin, null, null, Map.of());
        get("/api/v1/sources", admin);
        send("POST", "/api/v1/sources/none/poll", admin, null);

        assertEquals(List.of(), violations, "answers that break the contract");
        Set<String> all = new LinkedHashSet<>();
        contract.path("paths").forEach(item -> item.fields().forEachRemaining(e -> {
            if (e.getValue().has("operationId")) all.add(e.getValue().get("operationId").asText());
        }));
        all.removeAll(called);
        assertEquals(Set.of(), all, "operations of the contract this test did not drive");
    }

    @Test
    @DisplayName("the schema check can fail: a body that breaks the declared schema is caught")
    void theCheckCanFail() throws Exception {
        ObjectNode schema = (ObjectNode) rewriteRefs(JSON.readTree("{\"$ref\":\"#/components/schemas/Problem\"}"));
        schema.set("$defs", defs);
        assertFalse(SCHEMAS.getSchema(schema).validate(JSON.readTree("{\"title\":7}")).isEmpty());
    }
}
