package io.linkscope.api;

import io.linkscope.analysis.TenantAnalysis;
import io.linkscope.analysis.model.Evidence;
import io.linkscope.analysis.model.Link;
import io.linkscope.analysis.model.StoreInfo;
import io.linkscope.analysis.model.StoreRisk;
import io.linkscope.report.Messages;
import io.linkscope.report.ReportJson;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.TreeSet;

/**
 * {@code GET …/graph}: the linkage as nodes and edges for a graph library. Stores are nodes, links at or above
 * {@code minLevel} are edges; clusters come along so a client can draw them as compound nodes.
 */
public final class GraphView {
    public static final List<String> LEVELS = List.of("weak", "likely", "strong");

    private GraphView() {
    }

    /** @param m the language of the clusters' names and reasons */
    public static JsonObject of(TenantAnalysis t, String minLevel, Messages m) {
        int min = LEVELS.indexOf(minLevel);
        if (min < 0) throw new IllegalArgumentException("minLevel must be one of " + LEVELS);
        JsonArray nodes = new JsonArray();
        for (StoreInfo s : t.snapshot().stores()) {
            StoreRisk risk = t.linkage().storeRisk().get(s.key());
            nodes.add(new JsonObject().put("id", s.key()).put("label", s.name() == null ? s.storeId() : s.name())
                    .put("platform", s.platform()).put("marketplace", s.marketplace()).put("status", s.status())
                    .put("legalEntity", s.legalEntity()).put("monthlyRevenueUsd", s.monthlyRevenueUsd())
                    .put("clusterId", risk == null ? null : risk.clusterId())
                    .put("risk", risk == null ? "low" : risk.risk()));
        }
        JsonArray edges = new JsonArray();
        for (Link l : t.linkage().links()) {
            if (LEVELS.indexOf(l.level()) < min) continue;
            TreeSet<String> types = new TreeSet<>();
            for (Evidence e : l.evidence()) types.add(e.type().wire());
            edges.add(new JsonObject().put("id", l.a() + "|" + l.b()).put("source", l.a()).put("target", l.b())
                    .put("score", l.score()).put("level", l.level()).put("samePlatform", l.samePlatform())
                    .put("disclosed", l.disclosed()).put("types", new JsonArray(List.copyOf(types))));
        }
        JsonArray clusters = ReportJson.clusters(t, m);
        return new JsonObject().put("tenant", t.tenant()).put("nodes", nodes).put("edges", edges).put("clusters", clusters);
    }
}
