package io.linkscope.report;

import io.linkscope.analysis.TenantAnalysis;
import io.linkscope.analysis.model.ExposurePolicy;
import io.linkscope.analysis.linkage.ClusterTie;
import io.linkscope.analysis.model.Cluster;
import io.linkscope.analysis.model.Evidence;
import io.linkscope.analysis.model.IdentifierInfo;
import io.linkscope.analysis.model.Link;
import io.linkscope.analysis.model.StoreRisk;
import io.linkscope.analysis.risk.Recommender;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON documents of spec §4 and §5, built in one place so the API and {@code report --format json}
 * return exactly the same shapes. Field names and enum values never change with the language; where a field holds
 * words, the facts they are made of sit beside it.
 */
public final class ReportJson {
    private ReportJson() {
    }

    /**
     * {@code GET …/linkage}: links with evidence, clusters with risk, per-store risk, tainted identifiers. Words
     * (reasons, notes, cluster names) are in the language of {@code m}; the facts they come from sit beside them.
     */
    public static JsonObject linkage(TenantAnalysis t, Messages m) {
        Map<String, IdentifierInfo> byUid = new HashMap<>();
        t.snapshot().identifiers().forEach(i -> byUid.put(i.uid(), i));
        JsonArray tainted = new JsonArray();
        for (String uid : t.linkage().taintedIdentifiers()) {
            IdentifierInfo i = byUid.get(uid);
            tainted.add(new JsonObject().put("type", i.type().wire()).put("display", i.display())
                    .put("foreignSuspended", i.foreignSuspended())
                    .put("foreignSuspendedBand", ExposurePolicy.band(i.foreignSuspended())));
        }
        JsonArray links = new JsonArray();
        for (Link l : t.linkage().links()) links.add(link(l, m));
        JsonArray stores = new JsonArray();
        for (StoreRisk r : t.linkage().storeRisk().values()) stores.add(JsonObject.mapFrom(r).put("reasons", new JsonArray(m.reasons(r.findings()))));
        return new JsonObject()
                .put("tenant", t.tenant())
                .put("asOf", t.snapshot().asOf().toString())
                .put("storeCount", t.snapshot().stores().size())
                .put("links", links)
                .put("clusters", clusters(t, m))
                .put("stores", stores)
                .put("taintedIdentifiers", tainted);
    }

    /**
     * Every cluster with its words beside its facts: {@code reasons} (rendered) next to {@code findings} (codes
     * and arguments), {@code name} (what ties it) next to {@code tie}.
     */
    public static JsonArray clusters(TenantAnalysis t, Messages m) {
        Map<String, ClusterTie> ties = ReportContent.ties(t);
        JsonArray out = new JsonArray();
        for (Cluster c : t.linkage().clusters()) {
            ClusterTie tie = ties.get(c.id());
            out.add(JsonObject.mapFrom(c).put("reasons", new JsonArray(m.reasons(c.findings())))
                    .put("name", ReportContent.name(m, tie)).put("tie", tie == null ? null : JsonObject.mapFrom(tie)));
        }
        return out;
    }

    /** A link, its evidence notes in words ({@code note}) beside their codes ({@code noteCode}). */
    static JsonObject link(Link l, Messages m) {
        JsonObject json = JsonObject.mapFrom(l);
        JsonArray evidence = json.getJsonArray("evidence");
        for (int i = 0; i < l.evidence().size(); i++) {
            Evidence e = l.evidence().get(i);
            evidence.getJsonObject(i).put("noteCode", e.note()).put("note", Fmt.note(m, e));
            String variant = Fmt.variant(m, e);
            if (variant != null) evidence.getJsonObject(i).put("variantNote", variant);
        }
        return json;
    }

    /** {@code GET …/stores/{storeKey}/links}: one store's links, its risk and its cross-portfolio exposure. */
    public static Optional<JsonObject> storeLinks(TenantAnalysis t, String storeKey, Messages m) {
        StoreRisk risk = t.linkage().storeRisk().get(storeKey);
        if (risk == null) return Optional.empty();
        JsonArray links = new JsonArray();
        for (Link l : t.linkage().links()) if (l.a().equals(storeKey) || l.b().equals(storeKey)) links.add(link(l, m));
        return Optional.of(new JsonObject().put("store", storeKey).put("clusterId", risk.clusterId())
                .put("risk", risk.risk()).put("reasons", new JsonArray(m.reasons(risk.findings())))
                .put("findings", new JsonArray(risk.findings().stream().map(JsonObject::mapFrom).toList()))
                .put("linkedToSuspended", risk.linkedToSuspended())
                .put("exposure", exposure(risk.foreignStores(), risk.foreignSuspended(), m))
                .put("links", links));
    }

    /**
     * Other portfolios on a store's identifiers, as the exposure policy lets a tenant see them: a band's lower edge
     * and its label, or nothing; the same answer whether the identifier is held elsewhere below the threshold or not.
     */
    public static JsonObject exposure(int foreignStores, int foreignSuspended, Messages m) {
        return new JsonObject().put("foreignStores", foreignStores)
                .put("foreignStoresBand", ExposurePolicy.band(foreignStores))
                .put("foreignSuspended", foreignSuspended)
                .put("foreignSuspendedBand", ExposurePolicy.band(foreignSuspended))
                .put("note", m.t(foreignStores == 0 && foreignSuspended == 0 ? "json.exposure.none" : "json.exposure.note"));
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

    /**
     * {@code GET …/recommendations}: ranked actions, each with its computed effect; {@code title}, {@code detail}
     * and each replacement's {@code replaceWith} are words, made from {@code kind}, {@code args} and the replacements.
     */
    public static JsonObject recommendations(TenantAnalysis t, Messages m) {
        Map<String, String> names = new HashMap<>();
        Map<String, ClusterTie> ties = ReportContent.ties(t);
        ties.forEach((id, tie) -> names.put(id, ReportContent.name(m, tie)));
        ActionText words = new ActionText(m, names);
        JsonArray actions = new JsonArray();
        for (Recommender.Action a : t.recommendations()) {
            JsonObject json = JsonObject.mapFrom(a);
            json.put("title", words.title(a)).put("detail", words.detail(a));
            JsonArray replacements = json.getJsonArray("replacements");
            for (int i = 0; i < a.replacements().size(); i++) replacements.getJsonObject(i).put("replaceWith", words.replaceWith(a.replacements().get(i)));
            actions.add(json);
        }
        return new JsonObject().put("actions", actions)
                .put("plan", t.plan() == null ? null : JsonObject.mapFrom(t.plan()))
                .put("effects", m.t("json.effects"));
    }

    /** {@code report --format json}: one document with the spec §5 top-level keys. */
    public static JsonObject report(TenantAnalysis t, Messages m) {
        return new JsonObject()
                .put("format", "linkscope.report/v1")
                .put("tenant", t.tenant())
                .put("language", m.tag())
                .put("generatedAt", Instant.now().toString())
                .put("linkage", linkage(t, m))
                .put("concentration", concentration(t))
                .put("risk", risk(t.risk()))
                .put("blastRadius", worstBlastRadius(t))
                .put("recommendations", recommendations(t, m));
    }

    private static JsonArray array(Iterable<?> records) {
        JsonArray out = new JsonArray();
        for (Object r : records) out.add(JsonObject.mapFrom(r));
        return out;
    }
}
