package io.linkscope.collect;

import io.linkscope.App;
import io.linkscope.normalize.Canonical;
import io.linkscope.normalize.IdentifierClass;
import io.linkscope.normalize.IdentifierHasher;
import io.linkscope.normalize.IdentifierType;
import io.linkscope.support.Http;
import io.linkscope.support.SharedNeo4j;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Spec §1a end to end: documents imported over HTTP into Neo4j, the stored match keys read back per store. Each
 * family of rules has at least one case: the identifier node two notations lead to is the keyed hash of the one
 * canonical key this test spells out, and near misses lead elsewhere.
 */
@DisplayName("Variant notations over HTTP into Neo4j: one identity per company and per office, near misses apart (spec §1a)")
class VariantNotationIT {
    private static final String T = "variant-it";
    private static final IdentifierHasher HASHER = new IdentifierHasher(SharedNeo4j.SECRET.getBytes(StandardCharsets.UTF_8));
    private static App app;
    private static Http http;

    /** store id → [legal entity, address]; null for none. */
    private static final Map<String, String[]> STORES = new LinkedHashMap<>();

    static {
        // legal forms, place before / in brackets / in Chinese, brand in hanzi or spaced pinyin, Traditional, full width
        STORES.put("HX1", new String[]{"Shenzhen Huaxin Trading Co., Ltd.", "Room 1203, Building 5, No. 88 Xinhua Road, Futian District, Shenzhen"});
        STORES.put("HX2", new String[]{"SHENZHEN HUAXIN TRADING CO LTD", "Rm 1203 Bldg 5 88 Xinhua Rd Futian Dist. Shenzhen 518000 China"});
        STORES.put("HX3", new String[]{"Huaxin Trading (Shenzhen) Company Limited", "深圳市福田区新华路88号5栋1203室"});
        STORES.put("HX4", new String[]{"深圳市華信貿易有限公司", "Xinhua Road No. 88, Building 5 Room 1203, Futian District, Shenzhen"});
        STORES.put("HX5", new String[]{"Shen Zhen Hua Xin Trading Co.,Ltd", "ｒｏｏｍ １２０３，ｂｕｉｌｄｉｎｇ ５，ｎｏ．８８ ｘｉｎｈｕａ ｒｏａｄ，ｓｈｅｎｚｈｅｎ"});
        // near misses: one syllable, another city, another industry; another room, another street number
        STORES.put("NM1", new String[]{"Shenzhen Huaxing Trading Co., Ltd.", "Room 1204, Building 5, No. 88 Xinhua Road, Futian District, Shenzhen"});
        STORES.put("NM2", new String[]{"Guangzhou Huaxin Trading Co., Ltd.", "Room 1203, Building 5, No. 86 Xinhua Road, Futian District, Shenzhen"});
        STORES.put("NM3", new String[]{"Shenzhen Huaxin Technology Co., Ltd.", null});
        // industry words across languages; LLC family; US words and ZIP+4
        STORES.put("IE1", new String[]{"Yiwu Jinxin Import & Export Co., Ltd.", "Suite 5, 12 Dock Rd, Newark NJ 07105, US"});
        STORES.put("IE2", new String[]{"义乌金鑫进出口有限公司", "Ste 5, 12 Dock Road, Newark, NJ 07105-1234, USA"});
        STORES.put("LL1", new String[]{"Acme Home L.L.C.", "#5, 12 Dock Rd, Newark NJ 07105 United States"});
        STORES.put("LL2", new String[]{"ACME HOME LIMITED LIABILITY COMPANY", null});
        // unstructured addresses: their folded form is their key, as before
        STORES.put("FB1", new String[]{null, "Lot 7, Industrial Estate, near the old bus station, Dongguan"});
        STORES.put("FB2", new String[]{null, "LOT 7 -- INDUSTRIAL ESTATE; NEAR THE OLD BUS STATION, DONGGUAN"});
    }

    @BeforeAll
    static void start() {
        app = SharedNeo4j.startApp(Map.of());
        http = new Http(app.httpPort()).bearer(SharedNeo4j.adminKey(app));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String path(String tenant) {
        return "/api/v1/tenants/" + tenant + "/portfolio";
    }

    private static JsonObject document(Map<String, String[]> stores, List<JsonObject> generics) {
        JsonArray list = new JsonArray();
        stores.forEach((id, v) -> {
            JsonObject s = new JsonObject().put("platform", "amazon").put("marketplace", "US").put("storeId", id).put("name", id);
            if (v[0] != null) s.put("legalEntity", v[0]);
            JsonArray attributes = new JsonArray();
            if (v[1] != null) attributes.add(new JsonObject().put("type", "address").put("value", v[1]));
            s.put("attributes", attributes);
            list.add(s);
        });
        return new JsonObject().put("format", "linkscope.portfolio/v1").put("stores", list)
                .put("genericIdentifiers", new JsonArray(generics));
    }

    private static Http.Response importDocument(String tenant, JsonObject doc) {
        return http.post(path(tenant), "application/json", doc.encode().getBytes(StandardCharsets.UTF_8));
    }

    /** The identifier uids of one type a store holds, read back from Neo4j. */
    private static Set<String> held(String tenant, String storeId, String type) {
        Set<String> out = new TreeSet<>();
        SharedNeo4j.query("MATCH (s:Store {uid: $s})-[:HAS]->(i:Identifier {type: $type}) RETURN i.uid AS uid",
                Map.of("s", tenant + "|amazon:US:" + storeId, "type", type)).forEach(r -> out.add(r.get("uid").asString()));
        return out;
    }

    private static String uid(IdentifierType type, String key) {
        return HASHER.uid(new Canonical(type, key, "", IdentifierClass.STANDARD, null));
    }

    @Test
    @DisplayName("every family: the stored key of each notation is the hash of its one canonical key; near misses differ")
    void storedMatchKeys() {
        Http.Response r = importDocument(T, document(STORES, List.of()));
        assertEquals(200, r.status(), r.body());
        assertEquals(2, r.json().getInteger("addressesUnstructured"), "the fallback is counted in the summary: " + r.body());

        String huaxin = uid(IdentifierType.LEGAL_ENTITY, "c1|shenzhen|huaxin|trading|ltd");
        String office = uid(IdentifierType.ADDRESS, "a1|CN|shenzhen|xinhua|88|5|1203");
        String building = uid(IdentifierType.ADDRESS_BUILDING, "b1|CN|shenzhen|xinhua|88|5");
        for (String id : List.of("HX1", "HX2", "HX3", "HX4", "HX5")) {
            assertEquals(Set.of(huaxin), held(T, id, "legal_entity"), id + " legal entity");
            assertEquals(Set.of(office), held(T, id, "address"), id + " address");
            assertEquals(Set.of(building), held(T, id, "address_building"), id + " building");
        }
        assertEquals(Set.of(uid(IdentifierType.LEGAL_ENTITY, "c1|shenzhen|huaxing|trading|ltd")), held(T, "NM1", "legal_entity"));
        assertEquals(Set.of(uid(IdentifierType.LEGAL_ENTITY, "c1|guangzhou|huaxin|trading|ltd")), held(T, "NM2", "legal_entity"));
        assertEquals(Set.of(uid(IdentifierType.LEGAL_ENTITY, "c1|shenzhen|huaxin|technology|ltd")), held(T, "NM3", "legal_entity"));
        // another room: the building only; another street number: nothing
        assertFalse(held(T, "NM1", "address").contains(office));
        assertEquals(Set.of(building), held(T, "NM1", "address_building"));
        assertFalse(held(T, "NM2", "address").contains(office));
        assertFalse(held(T, "NM2", "address_building").contains(building));

        String yiwu = uid(IdentifierType.LEGAL_ENTITY, "c1|yiwu|jinxin|importexport|ltd");
        assertEquals(Set.of(yiwu), held(T, "IE1", "legal_entity"));
        assertEquals(Set.of(yiwu), held(T, "IE2", "legal_entity"));
        String dock = uid(IdentifierType.ADDRESS, "a1|US|07105|dock|12||5");
        for (String id : List.of("IE1", "IE2", "LL1")) assertEquals(Set.of(dock), held(T, id, "address"), id);
        String acme = uid(IdentifierType.LEGAL_ENTITY, "c1||acme|home|llc");
        assertEquals(Set.of(acme), held(T, "LL1", "legal_entity"));
        assertEquals(Set.of(acme), held(T, "LL2", "legal_entity"));

        String folded = uid(IdentifierType.ADDRESS, "lot 7 industrial estate near the old bus station dongguan");
        assertEquals(Set.of(folded), held(T, "FB1", "address"), "unstructured: today's folded key");
        assertEquals(Set.of(folded), held(T, "FB2", "address"));
        assertEquals(Set.of(), held(T, "FB1", "address_building"));

        // each store's notation is kept as a keyed hash beside the shared key: five notations of one office
        long notations = SharedNeo4j.count("""
                MATCH (s:Store {tenant: $t})-[h:HAS]->(:Identifier {uid: $uid}) RETURN count(DISTINCT h.notation)""",
                Map.of("t", T, "uid", office));
        assertEquals(5, notations);
        String props = SharedNeo4j.query("""
                MATCH (s:Store {tenant: $t})-[h:HAS]->(i:Identifier) WHERE i.type IN ['address', 'address_building']
                RETURN collect(properties(i)) + collect(properties(h)) AS p""", Map.of("t", T)).get(0).get("p").toString().toLowerCase();
        for (String raw : List.of("xinhua", "新华", "1203", "dock", "industrial estate")) {
            assertFalse(props.contains(raw), "raw address text stored: " + raw);
        }

        // the link says it matched across notations, with both masked displays
        Http.Response linkage = http.get("/api/v1/tenants/" + T + "/linkage");
        assertEquals(200, linkage.status(), linkage.body());
        JsonObject link = linkage.json().getJsonArray("links").stream().map(JsonObject.class::cast)
                .filter(l -> Set.of(l.getString("a"), l.getString("b")).equals(Set.of("amazon:US:HX1", "amazon:US:HX3")))
                .findFirst().orElseThrow();
        JsonObject address = link.getJsonArray("evidence").stream().map(JsonObject.class::cast)
                .filter(e -> e.getString("type").equals("address")).findFirst().orElseThrow();
        assertTrue(address.getBoolean("variant"), address.encode());
        assertEquals(2, address.getJsonArray("displays").size());
        assertNotEquals(address.getJsonArray("displays").getString(0), address.getJsonArray("displays").getString(1));
        JsonObject sameWriting = linkage.json().getJsonArray("links").stream().map(JsonObject.class::cast)
                .filter(l -> Set.of(l.getString("a"), l.getString("b")).equals(Set.of("amazon:US:FB1", "amazon:US:FB2")))
                .findFirst().orElseThrow();
        assertFalse(sameWriting.getJsonArray("evidence").getJsonObject(0).getBoolean("variant"), "folded alike: no variant");
        Http.Response report = http.get("/api/v1/tenants/" + T + "/report?format=md");
        assertTrue(report.body().contains("same office, written differently"), "the report says so");
        Http.Response zh = http.get("/api/v1/tenants/" + T + "/report?format=md&lang=zh-CN");
        assertTrue(zh.body().contains("同一办公地址，写法不同"), "in both languages");

        // re-importing the same file changes nothing
        Http.Response again = importDocument(T, document(STORES, List.of()));
        assertEquals(200, again.status(), again.body());
        JsonObject result = again.json().getJsonObject("result");
        assertEquals(0, result.getInteger("storesCreated"));
        assertEquals(0, result.getInteger("identifiersCreated"));
        assertEquals(0, result.getInteger("relationshipsCreated"));
        assertEquals(5, SharedNeo4j.count("""
                MATCH (s:Store {tenant: $t})-[h:HAS]->(:Identifier {uid: $uid}) RETURN count(DISTINCT h.notation)""",
                Map.of("t", T, "uid", office)));
    }

    @Test
    @DisplayName("a virtual office written four ways by four unrelated stores is one value held by four: discounted, and generic in any notation")
    void genericAcrossNotations() {
        String tenant = "variant-generic";
        Map<String, String[]> stores = new LinkedHashMap<>();
        stores.put("VO1", new String[]{"Alpha Trading LLC", "Room 101, No. 1 Keyuan Road, Nanshan District, Shenzhen"});
        stores.put("VO2", new String[]{"Beta Technology LLC", "深圳市南山区科苑路1号101室"});
        stores.put("VO3", new String[]{"Gamma Supply Chain LLC", "Rm 101, 1 Keyuan Rd, Nanshan, Shenzhen 518057, China"});
        stores.put("VO4", new String[]{"Delta Industrial LLC", "Unit 101 No.1 Keyuan Rd Shenzhen PRC"});
        JsonObject generic = new JsonObject().put("type", "address").put("value", "KEYUAN ROAD 1, ROOM 101, SHENZHEN")
                .put("reason", "registered agent");
        Http.Response r = importDocument(tenant, document(stores, List.of(generic)));
        assertEquals(200, r.status(), r.body());
        String office = uid(IdentifierType.ADDRESS, "a1|CN|shenzhen|keyuan|1||101");
        for (String id : stores.keySet()) assertEquals(Set.of(office), held(tenant, id, "address"), id);
        assertEquals(1, SharedNeo4j.count("MATCH (:Tenant {id: $t})-[:MARKS_GENERIC]->(i:Identifier {uid: $u}) RETURN count(i)",
                Map.of("t", tenant, "u", office)), "the generic mark in a fifth notation reaches the one key");
        JsonArray links = http.get("/api/v1/tenants/" + tenant + "/linkage").json().getJsonArray("links");
        for (Object o : links) {
            JsonObject l = (JsonObject) o;
            assertEquals("weak", l.getString("level"), "a shared virtual office links nobody: " + l.encode());
            for (Object e : l.getJsonArray("evidence")) {
                JsonObject ev = (JsonObject) e;
                if (!ev.getString("type").equals("address")) continue;
                assertEquals(4, ev.getInteger("sharedBy"), "counted over every notation");
                assertTrue(ev.getBoolean("generic"));
            }
        }
    }

    @Test
    @DisplayName("a legal form alone, or an address of punctuation, is an error naming its location; nothing is written")
    void badInput() {
        String tenant = "variant-bad";
        Map<String, String[]> stores = new LinkedHashMap<>();
        stores.put("OK1", new String[]{"Shenzhen Huaxin Trading Co., Ltd.", "Room 1203, Building 5, No. 88 Xinhua Road, Shenzhen"});
        stores.put("BAD1", new String[]{"Co., Ltd.", null});
        stores.put("BAD2", new String[]{"有限公司", null});
        stores.put("BAD3", new String[]{"Acme LLC", ",,, --- ."});
        Http.Response r = importDocument(tenant, document(stores, List.of()));
        assertEquals(400, r.status(), r.body());
        List<String> at = r.json().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("location")).toList();
        assertEquals(List.of("stores[1].legalEntity", "stores[2].legalEntity", "stores[3].attributes[0]"), at, r.body());
        assertTrue(r.body().contains("legal form"), r.body());
        assertFalse(r.body().contains("有限公司"), "the reason never echoes the value");
        assertEquals(0, SharedNeo4j.storeCount(tenant), "nothing written");
        assertEquals(0, SharedNeo4j.count("MATCH (t:Tenant {id: $t}) RETURN count(t)", Map.of("t", tenant)));
    }

    @Test
    @DisplayName("V007 records canonicalization version 2; start-up names tenants holding older identities until they re-import")
    void olderIdentitiesNamedUntilReimport() {
        assertEquals(2, SharedNeo4j.count("MATCH (c:Canonicalization {id: 'identity'}) RETURN c.version", Map.of()));
        assertEquals(1, SharedNeo4j.count("MATCH (m:SchemaMigration {version: 7}) RETURN count(m)", Map.of()));
        String tenant = "variant-old";
        Map<String, String[]> stores = new LinkedHashMap<>();
        stores.put("OLD1", new String[]{"Shenzhen Huaxin Trading Co., Ltd.", "Room 1203, Building 5, No. 88 Xinhua Road, Shenzhen"});
        stores.put("OLD2", new String[]{"Acme Home LLC", null});
        assertEquals(200, importDocument(tenant, document(stores, List.of())).status());
        assertFalse(io.linkscope.graph.SchemaMigrator.reportStaleIdentities(app.graph()).containsKey(tenant));
        // a database written before V007: OLD1's legal entity and address as version 1 kept them (folded, no notation)
        SharedNeo4j.query("""
                MATCH (s:Store {uid: $s})-[h:HAS]->(i:Identifier) WHERE i.type IN ['legal_entity', 'address', 'address_building']
                DELETE h
                WITH DISTINCT s
                MERGE (old:Identifier {uid: 'legal_entity|version-1-key'})
                ON CREATE SET old.type = 'legal_entity', old.hash = 'version-1-key', old.display = 'Shenzhen Huaxin Trading Co., Ltd.'
                CREATE (s)-[:HAS {sources: ['declared']}]->(old)""", Map.of("s", tenant + "|amazon:US:OLD1"));
        assertEquals(Map.of(tenant, 1L), io.linkscope.graph.SchemaMigrator.reportStaleIdentities(app.graph()).entrySet().stream()
                .filter(e -> e.getKey().equals(tenant)).collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        // re-importing the file gives OLD1 its version 2 keys: the tenant is no longer named
        assertEquals(200, importDocument(tenant, document(stores, List.of())).status());
        assertFalse(io.linkscope.graph.SchemaMigrator.reportStaleIdentities(app.graph()).containsKey(tenant));
        assertEquals(Set.of(uid(IdentifierType.LEGAL_ENTITY, "c1|shenzhen|huaxin|trading|ltd"), "legal_entity|version-1-key"),
                held(tenant, "OLD1", "legal_entity"), "the old key stays: nothing that matched stops matching");
    }
}
