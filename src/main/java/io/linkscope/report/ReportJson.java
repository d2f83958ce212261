package io.linkscope.report;

import io.linkscope.analysis.TenantAnalysis;
import io.linkscope.analysis.model.ExposurePolicy;
import io.linkscope.analysis.model.IdentifierInfo;
import io.linkscope.analysis.model.Link;
import io.linkscope.analysis.model.StoreRisk;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON documents of spec §4 and §5, built in one place so the API and {@code report --format json}
 * return exactly the same shapes.
 */
public final class ReportJson {
    private ReportJson() {
    }

    /** {@code GET …/linkage}: links with evidence, clusters with risk, per-store risk, tainted identifiers. */
    public static JsonObject linkage(TenantAnalysis t) {
        Map<String, IdentifierInfo> byUid = new HashMap<>();
        t.snapshot().identifiers().forEach(i -> byUid.put(i.uid(), i));
        JsonArray tainted = new JsonArray();
        for (String uid : t.linkage().taintedIdentifiers()) {
            IdentifierInfo i = byUid.get(uid);
            tainted.add(new JsonObject().put("type", i.type().wire()).put("display", i.display())
                    .put("foreignSuspended", i.foreignSuspended())
                    .put("foreignSuspendedBand", ExposurePolicy.band(i.foreignSuspended())));
        }
        return new JsonObject()
                .put("tenant", t.tenant())
                .put("asOf", t.snapshot().asOf().toString())
                .put("storeCount", t.snapshot().stores().size())
                .put("links", array(t.linkage().links()))
                .put("clusters", array(t.linkage().clusters()))
                .put("stores", array(t.linkage().storeRisk().values()))
                .put("taintedIdentifiers", tainted);
    }

    /** {@code GET …/stores/{storeKey}/links}: one store's links, its risk and its cross-portfolio exposure. */
    public static Optional<JsonObject> storeLinks(TenantAnalysis t, String storeKey) {
        StoreRisk risk = t.linkage().storeRisk().get(storeKey);
        if (risk == null) return Optional.empty();
        JsonArray links = new JsonArray();
        for (Link l : t.linkage().links()) if (l.a().equals(storeKey) || l.b().equals(storeKey)) links.add(JsonObject.mapFrom(l));
        return Optional.of(new JsonObject().put("store", storeKey).put("clusterId", risk.clusterId())
                .put("risk", risk.risk()).put("reasons", new JsonArray(risk.reasons()))
                .put("linkedToSuspended", risk.linkedToSuspended())
                .put("exposure", exposure(risk.foreignStores(), risk.foreignSuspended()))
                .put("links", links));
    }

    /**
     * Other portfolios on a store's identifiers, as the exposure policy lets a tenant see them: a band's lower edge
     * and its label, or nothing; the same answer whether the identifier is held elsewhere below the threshold or not.
     */
    public static JsonObject exposure(int foreignStores, int foreignSuspended) {
        return new JsonObject().put("foreignStores", foreignStores)
                .put("foreignStoresBand", ExposurePolicy.band(foreignStores))
                .put("foreignSuspended", foreignSuspended)
                .put("foreignSuspendedBand", ExposurePolicy.band(foreignSuspended))
                .put("note", foreignStores == 0 && foreignSuspended == 0
                        ? "not shared beyond your portfolio, or too few to report"
                        : "stores of other portfolios share one of this store's identifiers: at least the lower edge of the band; who they are is never shown");
    }

    public static JsonObject concentration(TenantAnalysis t) {
        return JsonObject.mapFrom(t.concentration());
    }

    /** {@code GET …/risk}: revenue at risk, with the seed and run count that reproduce it. */
    public static JsonObject risk(io.linkscope.analysis.risk.RevenueAtRisk.Result r) {
        return JsonObject.mapFrom(r).put("currency", "USD").put("horizon", "12 months");
    }

    /** {@code GET …/blast-radius} without a store: the worst single store and the worst cluster. */
    public static JsonObject worstBlastRadius(TenantAnalysis t) {
        var w = t.worstBlastRadius();
        return new JsonObject()
                .put("worstStore", w.store() == null ? null : JsonObject.mapFrom(w.store()))
                .put("worstCluster", w.cluster() == null ? null : new JsonObject().put("clusterId", w.clusterId())
                        .put("via", JsonObject.mapFrom(w.cluster())));
    }

    /** {@code GET …/recommendations}: ranked actions, each with its computed effect. */
    public static JsonObject recommendations(TenantAnalysis t) {
        return new JsonObject().put("actions", array(t.recommendations()))
                .put("plan", t.plan() == null ? null : JsonObject.mapFrom(t.plan()))
                .put("effects", "deltaExpectedLossUsd: change of expected annual loss (first-order closed form of the revenue-at-risk model, after re-analysing linkage); "
                        + "deltaPlatformHhi and deltaHhi: change of HHI; criticalClustersRemoved; costUsd: one-off cost; netFirstYearUsd: loss avoided in a year minus the cost; "
                        + "plan: the actions with a positive net done together, measured together");
    }

    /** {@code report --format json}: one document with the spec §5 top-level keys. */
    public static JsonObject report(TenantAnalysis t) {
        return new JsonObject()
                .put("format", "linkscope.report/v1")
                .put("tenant", t.tenant())
                .put("generatedAt", Instant.now().toString())
                .put("linkage", linkage(t))
                .put("concentration", concentration(t))
                .put("risk", risk(t.risk()))
                .put("blastRadius", worstBlastRadius(t))
                .put("recommendations", recommendations(t));
    }

    private static JsonArray array(Iterable<?> records) {
        JsonArray out = new JsonArray();
        for (Object r : records) out.add(JsonObject.mapFrom(r));
        return out;
    }
}
