package io.linkscope.api;

import io.linkscope.App;
import io.linkscope.collect.RawPortfolio;
import io.linkscope.collect.SyntheticPortfolio;
import io.linkscope.support.Http;
import io.linkscope.support.SharedNeo4j;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.DisplayName;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A check predicts exactly the links an import draws: on a synthetic seller group, a planned store copying some of a
 * random store's identifiers (and adding its own) is checked, then really imported; the links the analysis then
 * gives it (stores, scores, levels, evidence) are the ones the check predicted.
 */
@DisplayName("Checks are exact: predicted links equal the links after really importing the candidate (8 seeds)")
class CheckExactnessIT {
    private static App app;
    private static Http http;

    @BeforeAll
    static void start() {
        app = SharedNeo4j.startApp(Map.of("LINKSCOPE_CHECKS_PER_MINUTE", "1000"));
        http = new Http(app.httpPort()).bearer(SharedNeo4j.adminKey(app));
    }

    /** Seeds whose candidate got at least one link: the comparison is not between two empty sets. */
    private static int linked;

    @AfterAll
    static void stop() {
        app.close();
        assertTrue(linked >= 4, "candidates with links: " + linked + " of 8");
    }

    /** Each link of the store as other store → score, level and evidence (type, display, weight). */
    private static Map<String, String> linksOf(JsonArray links, String key) {
        Map<String, String> out = new TreeMap<>();
        for (Object o : links) {
            JsonObject l = (JsonObject) o;
            if (!l.getString("a").equals(key) && !l.getString("b").equals(key)) continue;
            String other = l.getString("a").equals(key) ? l.getString("b") : l.getString("a");
            List<String> evidence = new ArrayList<>();
            for (Object e : l.getJsonArray("evidence")) {
                JsonObject ev = (JsonObject) e;
                evidence.add(ev.getString("type") + " " + ev.getString("display") + " " + String.format("%.4f", ev.getDouble("weight")));
            }
            evidence.sort(null);
            out.put(other, String.format("%.4f %s %s", l.getDouble("score"), l.getString("level"), evidence));
        }
        return out;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void predictedEqualsImported(long seed) {
        String tenant = "chx-" + seed;
        RawPortfolio raw = SyntheticPortfolio.generate(seed, SyntheticPortfolio.Options.forEval(150)).portfolio();
        JsonObject doc = io.linkscope.collect.PortfolioDocument.of(raw);
        assertEquals(200, http.post("/api/v1/tenants/" + tenant + "/portfolio", "application/json", doc.encode().getBytes(StandardCharsets.UTF_8)).status());

        Random random = new Random(seed);
        JsonArray stores = doc.getJsonArray("stores");
        JsonObject model = stores.getJsonObject(random.nextInt(stores.size()));
        JsonArray attributes = new JsonArray();
        for (Object a : model.getJsonArray("attributes")) if (random.nextBoolean()) attributes.add(a);
        if (attributes.isEmpty() && !model.getJsonArray("attributes").isEmpty()) attributes.add(model.getJsonArray("attributes").getValue(0));
        attributes.add(new JsonObject().put("type", "email").put("value", "planned" + seed + "@exact.example"));
        JsonObject candidate = new JsonObject().put("platform", model.getString("platform")).put("marketplace", model.getString("marketplace"))
                .put("storeId", "CAND" + seed).put("monthlyRevenue", 5000).put("attributes", attributes);
        if (model.getString("legalEntity") != null && random.nextBoolean()) candidate.put("legalEntity", model.getString("legalEntity"));
        byte[] body = new JsonObject().put("defaultPhoneRegion", doc.getString("defaultPhoneRegion"))
                .put("stores", new JsonArray().add(candidate)).encode().getBytes(StandardCharsets.UTF_8);
        String key = candidate.getString("platform") + ":" + candidate.getString("marketplace") + ":" + candidate.getString("storeId");

        Http.Response checked = http.post("/api/v1/tenants/" + tenant + "/checks", "application/json", body);
        assertEquals(200, checked.status(), checked.body());
        Map<String, String> predicted = linksOf(checked.json().getJsonArray("candidates").getJsonObject(0).getJsonArray("links"), key);

        assertEquals(200, http.post("/api/v1/tenants/" + tenant + "/portfolio", "application/json", body).status());
        app.analysis().evict(tenant); // computed from the graph from scratch, not by the incremental path the check used
        Map<String, String> imported = linksOf(http.get("/api/v1/tenants/" + tenant + "/linkage").json().getJsonArray("links"), key);
        assertEquals(imported, predicted, "seed " + seed + ": the check's links and the import's");
        if (!predicted.isEmpty()) linked++;
        System.out.println("seed " + seed + ": " + predicted.size() + " predicted links, equal to the imported ones");
    }
}
