package io.linkscope.report;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import io.linkscope.analysis.TenantAnalysis;
import io.linkscope.analysis.model.Cluster;
import io.linkscope.analysis.risk.Concentration;

/**
 * The short terminal summary {@code ./linkscope demo} prints: stores per platform, linked clusters, concentration,
 * revenue at risk and the top actions. Columns are padded by display width, so Chinese lines up too.
 */
public final class TerminalSummary {
    private TerminalSummary() {
    }

    public static String render(TenantAnalysis t) {
        return render(t, Messages.english());
    }

    public static String render(TenantAnalysis t, Messages m) {
        StringBuilder out = new StringBuilder();
        ReportContent c = ReportContent.of(t, m);
        ReportContent.Portfolio portfolio = c.portfolio();
        out.append(m.t("summary.portfolio", "tenant", t.tenant(), "stores", portfolio.stores(), "platforms", portfolio.platforms().size(),
                "revenue", m.money(portfolio.monthlyRevenueUsd()))).append("\n\n");
        out.append("  ").append(left(m.t("summary.col.platform"), 14)).append(' ').append(right(m.t("summary.col.stores"), 6)).append(' ')
                .append(right(m.t("summary.col.suspended"), 10)).append(' ').append(right(m.t("summary.col.revenue", "unit", m.moneyUnit()), 14))
                .append(' ').append(right(m.t("summary.col.share"), 7)).append('\n');
        for (ReportContent.PlatformRow row : portfolio.platforms()) {
            out.append("  ").append(left(row.platform(), 14)).append(' ').append(right(m.integer(row.stores()), 6)).append(' ')
                    .append(right(m.integer(row.suspended()), 10)).append(' ').append(right(m.moneyCell(row.revenueUsd()), 14)).append(' ')
                    .append(right(m.pct(row.share()), 7)).append('\n');
        }

        out.append('\n').append(m.t("summary.linkage", "links", c.links().size(), "strong", c.linksAt("strong"), "likely", c.linksAt("likely"),
                "weak", c.linksAt("weak"), "clusters", c.clusters().size())).append('\n');
        for (ReportContent.NumberedCluster nc : c.clusters()) {
            Cluster cl = nc.cluster();
            out.append("  ").append(left(Fmt.riskLabel(m, cl.risk()), 8)).append(' ').append(nc.name()).append("  ")
                    .append(m.t("summary.cluster", "stores", cl.stores().size(), "platforms", String.join("+", cl.platforms()),
                            "revenue", m.money(cl.monthlyRevenueUsd()), "id", cl.id())).append('\n');
            out.append("           ").append(String.join(", ", cl.stores())).append('\n');
            if (!cl.findings().isEmpty()) out.append("           ").append(m.reason(cl.findings().get(0))).append('\n');
        }

        Concentration.Bands bands = t.settings().bands();
        out.append('\n').append(m.t("summary.concentration", "moderate", m.integer(bands.moderate()), "high", m.integer(bands.high()))).append('\n');
        line(out, m, "platform", t.concentration().platform());
        line(out, m, "marketplace", t.concentration().marketplace());
        line(out, m, "paymentProvider", t.concentration().paymentProvider());
        line(out, m, "legalEntity", t.concentration().legalEntity());
        line(out, m, "cluster", t.concentration().cluster());

        var risk = t.risk();
        out.append('\n').append(m.t("summary.risk", "trials", risk.trials(), "seed", Long.toString(risk.seed()),
                "loss", m.money(risk.expectedAnnualLossUsd()), "var", m.money(risk.var95Usd()), "cvar", m.money(risk.cvar95Usd()),
                "half", m.pct(risk.probLossOver50Pct()))).append('\n');
        var actions = t.recommendations();
        if (!actions.isEmpty()) {
            ActionText words = new ActionText(m, names(c));
            out.append('\n').append(m.t("summary.actions", "count", actions.size())).append('\n');
            String plan = Fmt.plan(m, t);
            if (plan != null) out.append("  ").append(plan).append('\n');
            String indent = "  " + " ".repeat(17);
            actions.stream().limit(3).forEach(a -> out.append("  ").append(left(m.actionKind(a.kind()), 16)).append(' ').append(words.title(a)).append('\n')
                    .append(indent).append(m.t("effect.loss", "delta", m.signedMoney(a.deltaExpectedLossUsd()))).append(" · ")
                    .append(m.t("effect.hhi", "deltas", Fmt.hhiDeltas(m, a.deltaHhi()))).append('\n')
                    .append(indent).append(Fmt.value(m, a)).append('\n'));
        }
        return out.toString();
    }

    /** Cluster id → the name the reader sees, for texts that mention a cluster. */
    static java.util.Map<String, String> names(ReportContent c) {
        java.util.Map<String, String> names = new java.util.HashMap<>();
        c.clusters().forEach(nc -> names.put(nc.cluster().id(), nc.name()));
        return names;
    }

    private static void line(StringBuilder out, Messages m, String dimension, Concentration.Dimension d) {
        String top = HtmlReport.largest(m, dimension, d);
        out.append("  ").append(left(m.dimension(dimension), 17)).append(' ')
                .append(m.t("summary.dimension", "hhi", right(m.integer(d.hhi()), 7), "band", left(m.band(d.band()), 14),
                        "entropy", m.decimal(d.entropy(), 2), "effective", m.decimal(d.effectiveNumber(), 1), "top", top,
                        "share", m.pct0(d.topShare()))).append('\n');
    }

    /** Columns on a terminal: a Han character takes two cells. */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int eaw = UCharacter.getIntPropertyValue(cp, UProperty.EAST_ASIAN_WIDTH);
            w += eaw == UCharacter.EastAsianWidth.WIDE || eaw == UCharacter.EastAsianWidth.FULLWIDTH ? 2 : 1;
            i += Character.charCount(cp);
        }
        return w;
    }

    static String left(String s, int width) {
        return s + " ".repeat(Math.max(0, width - width(s)));
    }

    static String right(String s, int width) {
        return " ".repeat(Math.max(0, width - width(s))) + s;
    }
}
