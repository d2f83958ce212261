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

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The API's language: {@code ?lang=} or {@code Accept-Language} choose the words, {@code Content-Language} names
 * them, {@code LINKSCOPE_LANG} is the default; field names, enum values and facts stay the same; problem+json of
 * an invalid import is translated while its locations stay machine-readable.
 */
@DisplayName("API in two languages")
class LanguageApiIT {
    private static final String T = "lang-demo";
    private static App app;
    private static Http http;

    @BeforeAll
    static void start() {
        app = SharedNeo4j.startApp(Map.of("LINKSCOPE_SECRET", "language-api-it-secret-0123456789", "LINKSCOPE_LANG", "en"));
        http = new Http(app.httpPort()).bearer(SharedNeo4j.key(app, io.linkscope.graph.ApiKeyStore.Role.owner, T));
        assertEquals(200, http.postFile("/api/v1/tenants/" + T + "/portfolio", SharedNeo4j.fixture("demo-portfolio.json")).status());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static Http.Response get(String path, String acceptLanguage) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path)).GET();
        if (acceptLanguage != null) b.header("Accept-Language", acceptLanguage);
        return http.send(b);
    }

    @Test
    @DisplayName("linkage in Chinese by Accept-Language or ?lang: Content-Language says so, the facts and field names are English's")
    void linkage() {
        Http.Response en = get("/api/v1/tenants/" + T + "/linkage", null);
        Http.Response zh = get("/api/v1/tenants/" + T + "/linkage", "zh-CN,zh;q=0.9,en;q=0.5");
        Http.Response param = get("/api/v1/tenants/" + T + "/linkage?lang=zh-CN", "en");
        assertEquals("en", en.header("Content-Language"));
        assertEquals("zh-CN", zh.header("Content-Language"));
        assertEquals("zh-CN", param.header("Content-Language"), "?lang= wins over Accept-Language");
        assertTrue(zh.header("Vary").contains("Accept-Language"), "caches keep the languages apart");
        assertNotEquals(en.header("ETag"), zh.header("ETag"));
        JsonObject e = critical(en.json()), z = critical(zh.json());
        assertEquals(e.fieldNames(), z.fieldNames());
        assertEquals(e.getString("risk"), z.getString("risk"));
        assertEquals(e.getJsonArray("findings"), z.getJsonArray("findings"), "codes and arguments do not change");
        assertTrue(e.getJsonArray("reasons").getString(0).contains("chain-suspension risk"), e.encode());
        assertTrue(z.getJsonArray("reasons").getString(0).contains("连带封号"), z.encode());
        assertEquals("Acme Home Goods LLC · amazon ×7", z.getString("name"));
        assertEquals("legal_entity", z.getJsonObject("tie").getString("type"));
        assertEquals(param.json().getJsonArray("clusters"), zh.json().getJsonArray("clusters"));
    }

    private static JsonObject critical(JsonObject linkage) {
        for (Object c : linkage.getJsonArray("clusters")) if ("critical".equals(((JsonObject) c).getString("risk"))) return (JsonObject) c;
        throw new AssertionError("no critical cluster");
    }

    @Test
    @DisplayName("recommendations: title, detail and replaceWith in Chinese, beside kind, args and the replacements' facts")
    void recommendations() {
        JsonObject en = get("/api/v1/tenants/" + T + "/recommendations", "en").json();
        JsonObject zh = get("/api/v1/tenants/" + T + "/recommendations?lang=zh-CN", null).json();
        JsonObject a = en.getJsonArray("actions").getJsonObject(0), b = zh.getJsonArray("actions").getJsonObject(0);
        assertEquals(a.getString("kind"), b.getString("kind"));
        assertEquals(a.getJsonObject("args"), b.getJsonObject("args"));
        assertTrue(a.getString("title").startsWith("Break up cluster Acme Home Goods LLC"), a.getString("title"));
        assertTrue(b.getString("title").startsWith("拆分关联组 Acme Home Goods LLC"), b.getString("title"));
        JsonObject r = b.getJsonArray("replacements").getJsonObject(0);
        assertNotNull(r.getString("replaceWith"));
        assertTrue(r.containsKey("provider") && r.containsKey("withNewIp"));
    }

    @Test
    @DisplayName("the HTML report and the dashboard catalog in Chinese; an unknown language falls back to the default")
    void reportAndCatalog() {
        Http.Response report = get("/api/v1/tenants/" + T + "/report?format=html", "zh-CN");
        assertEquals("zh-CN", report.header("Content-Language"));
        assertTrue(report.body().contains("lang=\"zh-CN\"") && report.body().contains("店铺关联与营收集中度"));
        Http.Response fr = get("/api/v1/tenants/" + T + "/report?format=txt", "fr-FR");
        assertEquals("en", fr.header("Content-Language"), "no French catalog: the default");
        JsonObject catalog = new Http(app.httpPort()).get("/i18n/zh-CN.json").json();
        assertEquals("zh-CN", catalog.getString("lang"));
        assertEquals("关联图", catalog.getJsonObject("messages").getString("ui.graph.title"));
        assertEquals("强关联", catalog.getJsonObject("messages").getString("link.strong"));
        // the dashboard's check form shows the verdicts and the concentration dimensions in the reports' words
        assertEquals("禁止开店", catalog.getJsonObject("messages").getString("check.verdict.blocked"));
        assertEquals("收款服务商", catalog.getJsonObject("messages").getString("dimension.paymentProvider"));
        assertEquals(404, new Http(app.httpPort()).get("/i18n/fr.json").status());
    }

    @Test
    @DisplayName("problem+json of an invalid import in Chinese: title and detail translated, type and locations unchanged")
    void invalidImport() throws Exception {
        byte[] bad = java.nio.file.Files.readAllBytes(SharedNeo4j.fixture("bad/bad-phone.json"));
        Http.Response en = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + "/api/v1/tenants/" + T + "/portfolio"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bad)));
        Http.Response zh = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + "/api/v1/tenants/" + T + "/portfolio"))
                .header("Content-Type", "application/json").header("Accept-Language", "zh-CN").POST(HttpRequest.BodyPublishers.ofByteArray(bad)));
        assertEquals(400, en.status());
        assertEquals(400, zh.status());
        assertTrue(zh.contentType().startsWith(Problem.MEDIA_TYPE));
        assertEquals("zh-CN", zh.header("Content-Language"));
        JsonObject e = en.json(), z = zh.json();
        assertEquals(e.getString("type"), z.getString("type"), "the problem type never changes with the language");
        assertEquals("Invalid portfolio", e.getString("title"));
        assertEquals("组合数据无效", z.getString("title"));
        assertTrue(z.getString("detail").contains("未写入任何数据"), z.getString("detail"));
        JsonArray el = e.getJsonArray("errors"), zl = z.getJsonArray("errors");
        assertEquals(el.size(), zl.size());
        for (int i = 0; i < el.size(); i++) assertEquals(el.getJsonObject(i).getString("location"), zl.getJsonObject(i).getString("location"));
        assertTrue(el.getJsonObject(0).getString("location").startsWith("stores["), el.encode());

        Http.Response unauthorized = new Http(app.httpPort()).send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.httpPort() + "/api/v1/tenants/" + T + "/linkage?lang=zh-CN")).GET());
        assertEquals(401, unauthorized.status());
        assertEquals("未认证", unauthorized.json().getString("title"));
        assertEquals("https://linkscope.dev/problems/unauthorized", unauthorized.json().getString("type"));
    }
}
