package io.linkscope.report;

import io.linkscope.analysis.check.CandidateChecker;
import io.linkscope.analysis.linkage.ClusterTie;
import io.linkscope.analysis.model.ExposurePolicy;
import io.linkscope.analysis.model.Link;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;

/**
 * A check of planned stores in words and as JSON: the same facts for the API ({@code POST …/checks}), the terminal
 * and an HTML page ({@code ./linkscope check}). Only the tenant's own store keys and masked displays appear.
 */
public final class CheckReport {
    private CheckReport() {
    }

    public static JsonObject json(String tenant, CandidateChecker.Result r, double minWeight, Messages m) {
        Map<String, ClusterTie> ties = ClusterTie.of(r.after(), r.afterStores(), minWeight);
        JsonArray candidates = new JsonArray();
        for (CandidateChecker.Verdict v : r.candidates()) {
            JsonArray links = new JsonArray();
            v.links().forEach(l -> links.add(ReportJson.link(l, m)));
            JsonObject cluster = new JsonObject().put("change", v.cluster().kind())
                    .put("previousClusters", new JsonArray(v.cluster().previousClusters()));
            if (v.cluster().cluster() != null) {
                var c = v.cluster().cluster();
                cluster.put("id", c.id()).put("name", ReportContent.name(m, ties.get(c.id()))).put("stores", new JsonArray(c.stores()))
                        .put("risk", c.risk());
            }
            JsonArray replacements = new JsonArray();
            v.fixes().forEach(f -> replacements.add(new JsonObject().put("type", f.type()).put("display", f.display())
                    .put("costUsd", f.costUsd()).put("text", m.t("check.fix.one", "type", m.idType(f.type()), "display", f.display()))));
            candidates.add(new JsonObject().put("store", v.store()).put("platform", v.platform()).put("verdict", v.verdict())
                    .put("reason", m.reason(v.reason())).put("reasonCode", JsonObject.mapFrom(v.reason()))
                    .put("risk", v.risk()).put("reasons", new JsonArray(m.reasons(v.findings())))
                    .put("findings", new JsonArray(v.findings().stream().map(JsonObject::mapFrom).toList()))
                    .put("links", links).put("cluster", cluster)
                    .put("exposure", ReportJson.exposure(v.foreignStores(), v.foreignSuspended(), m))
                    .put("deltaExpectedLossUsd", v.deltaExpectedLossUsd()).put("deltaHhi", new JsonObject(Map.copyOf(v.deltaHhi())))
                    .put("fixes", new JsonObject().put("replacements", replacements).put("costUsd", v.fixCostUsd())
                            .put("clean", v.fixesMakeItClean())));
        }
        return new JsonObject().put("tenant", tenant).put("written", false).put("candidates", candidates)
                .put("expectedLossBeforeUsd", r.expectedLossBeforeUsd()).put("expectedLossAfterUsd", r.expectedLossAfterUsd());
    }

    /** For a terminal: one block per candidate, the verdict first. */
    public static String text(CandidateChecker.Result r, double minWeight, Messages m) {
        Map<String, ClusterTie> ties = ClusterTie.of(r.after(), r.afterStores(), minWeight);
        StringBuilder out = new StringBuilder();
        for (CandidateChecker.Verdict v : r.candidates()) {
            out.append(v.store()).append("  ").append(m.t("check.verdict." + v.verdict())).append('\n');
            out.append("  ").append(m.reason(v.reason())).append('\n');
            for (Link l : v.links()) out.append("  ").append(linkLine(v.store(), l, m)).append('\n');
            if (v.cluster().cluster() != null) {
                var c = v.cluster().cluster();
                out.append("  ").append(m.t("check.cluster." + v.cluster().kind(), "name", ReportContent.name(m, ties.get(c.id())),
                        "count", c.stores().size(), "risk", m.risk(c.risk()))).append('\n');
            }
            out.append("  ").append(exposure(v, m)).append('\n');
            out.append("  ").append(m.t("check.effect", "loss", m.signedMoney(v.deltaExpectedLossUsd()),
                    "platform", m.signed(v.deltaHhi().get("platform")), "provider", m.signed(v.deltaHhi().get("paymentProvider")),
                    "cluster", m.signed(v.deltaHhi().get("cluster")))).append('\n');
            if (!v.fixes().isEmpty()) out.append("  ").append(fixes(v, m)).append('\n');
            out.append('\n');
        }
        return out.toString();
    }

    /** A page to hand over: no script, nothing fetched, the report's font stack. */
    public static String html(CandidateChecker.Result r, double minWeight, Messages m) {
        Map<String, ClusterTie> ties = ClusterTie.of(r.after(), r.afterStores(), minWeight);
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"").append(Html.esc(m.tag())).append("\"><head><meta charset=\"utf-8\">")
                .append("<title>").append(Html.esc(m.t("check.title"))).append("</title><style>")
                .append("body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"PingFang SC\",\"Microsoft YaHei\",system-ui,sans-serif;")
                .append("color:#1d2939;max-width:900px;margin:2em auto;line-height:1.5}h2{margin-top:1.5em}")
                .append(".blocked{color:#b42318}.linked{color:#b54708}.weak{color:#475467}.clean{color:#067647}")
                .append("table{border-collapse:collapse}td,th{border-bottom:1px solid #d0d5dd;padding:.25em .5em;text-align:left}</style></head><body>")
                .append("<h1>").append(Html.esc(m.t("check.title"))).append("</h1>");
        for (CandidateChecker.Verdict v : r.candidates()) {
            b.append("<h2>").append(Html.esc(v.store())).append(" · <span class=\"").append(v.verdict()).append("\">")
                    .append(Html.esc(m.t("check.verdict." + v.verdict()))).append("</span></h2><p>").append(Html.esc(m.reason(v.reason()))).append("</p>");
            if (!v.links().isEmpty()) {
                b.append("<table><tr><th>").append(Html.esc(m.t("check.col.store"))).append("</th><th>").append(Html.esc(m.t("check.col.level")))
                        .append("</th><th>").append(Html.esc(m.t("check.col.evidence"))).append("</th></tr>");
                for (Link l : v.links()) {
                    b.append("<tr><td>").append(Html.esc(other(l, v.store()))).append("</td><td>").append(Html.esc(m.linkLevel(l.level())))
                            .append(" ").append(Html.num(l.score())).append("</td><td>").append(Html.esc(evidence(l, m))).append("</td></tr>");
                }
                b.append("</table>");
            }
            if (v.cluster().cluster() != null) {
                var c = v.cluster().cluster();
                b.append("<p>").append(Html.esc(m.t("check.cluster." + v.cluster().kind(), "name", ReportContent.name(m, ties.get(c.id())),
                        "count", c.stores().size(), "risk", m.risk(c.risk())))).append("</p>");
            }
            b.append("<p>").append(Html.esc(exposure(v, m))).append("</p><p>").append(Html.esc(m.t("check.effect",
                    "loss", m.signedMoney(v.deltaExpectedLossUsd()), "platform", m.signed(v.deltaHhi().get("platform")),
                    "provider", m.signed(v.deltaHhi().get("paymentProvider")), "cluster", m.signed(v.deltaHhi().get("cluster"))))).append("</p>");
            if (!v.fixes().isEmpty()) b.append("<p>").append(Html.esc(fixes(v, m))).append("</p>");
        }
        return b.append("</body></html>\n").toString();
    }

    private static String linkLine(String store, Link l, Messages m) {
        return m.t("check.link", "store", other(l, store), "level", m.linkLevel(l.level()), "score", Html.num(l.score()),
                "evidence", evidence(l, m));
    }

    private static String evidence(Link l, Messages m) {
        return m.list(l.evidence().stream().map(e -> Fmt.evidence(m, e)).toList());
    }

    private static String exposure(CandidateChecker.Verdict v, Messages m) {
        String stores = ExposurePolicy.band(v.foreignStores());
        if (stores == null) return m.t("check.exposure.none");
        String suspended = ExposurePolicy.band(v.foreignSuspended());
        return suspended == null ? m.t("check.exposure", "band", stores) : m.t("check.exposure.suspended", "band", stores, "suspended", suspended);
    }

    private static String fixes(CandidateChecker.Verdict v, Messages m) {
        List<String> items = v.fixes().stream().map(f -> m.t("check.fix.item", "type", m.idType(f.type()), "display", f.display(),
                "cost", m.money(f.costUsd()))).toList();
        return m.t(v.fixesMakeItClean() ? "check.fixes" : "check.fixes.partial", "items", m.list(items), "cost", m.money(v.fixCostUsd()));
    }

    private static String other(Link l, String key) {
        return l.a().equals(key) ? l.b() : l.a();
    }
}
