package io.linkscope.report;

import io.linkscope.analysis.model.Cluster;
import io.linkscope.analysis.model.Link;
import io.linkscope.analysis.model.StoreInfo;
import io.linkscope.analysis.risk.BlastRadius;
import io.linkscope.analysis.risk.Concentration;
import io.linkscope.analysis.risk.Recommender;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The HTML report's content as GitHub-flavoured Markdown, for tickets and emails: the same sections, tables for
 * tables, the graph as a list of clusters and the charts as tables with text bars. Text is escaped; identifiers
 * and store keys are code spans, so masked values like {@code f***@…} are not read as emphasis.
 */
final class MarkdownReport {
    private MarkdownReport() {
    }

    static String render(ReportContent c) {
        Messages m = c.m();
        StringBuilder md = new StringBuilder(32 * 1024);
        var p = c.portfolio();
        md.append("# ").append(m.t("report.title")).append("\n\n");
        md.append(esc(m.t("report.meta", "tenant", c.analysis().tenant(), "stores", p.stores(), "platforms", p.platforms().size(),
                "date", c.analysis().snapshot().asOf().toString().substring(0, 10)))).append("\n\n");
        summary(md, c);
        graph(md, c);
        concentration(md, c);
        clusters(md, c);
        links(md, c);
        blastRadius(md, c);
        recommendations(md, c);
        md.append("## ").append(m.t("method.title")).append("\n\n");
        for (ReportContent.MethodRow row : c.method()) md.append("- **").append(esc(row.topic())).append(m.t("md.colon")).append("** ").append(esc(row.text())).append('\n');
        md.append("\n---\n").append(esc(m.t("report.footer"))).append('\n');
        return md.toString();
    }

    private static void summary(StringBuilder md, ReportContent c) {
        Messages m = c.m();
        var risk = c.analysis().risk();
        var p = c.portfolio();
        md.append("## ").append(m.t("summary.title")).append("\n\n**").append(m.t("md.overall", "level", Fmt.riskLabel(m, c.overall().level()))).append("**\n\n");
        for (String d : c.overall().drivers()) md.append("- ").append(esc(d)).append('\n');
        long critical = c.clusters().stream().filter(n -> n.cluster().risk().equals("critical")).count();
        long high = c.clusters().stream().filter(n -> n.cluster().risk().equals("high")).count();
        md.append("\n| ").append(m.t("md.figure")).append(" | ").append(m.t("md.value")).append(" |\n|---|---|\n");
        row(md, m.t("card.stores"), m.t("md.stores", "stores", p.stores(), "suspended", p.suspended(), "platforms", p.platforms().size()));
        row(md, m.t("card.revenue"), m.money(p.monthlyRevenueUsd()));
        row(md, m.t("card.clusters"), m.t("md.clusters", "count", c.clusters().size(), "critical", critical, "high", high));
        row(md, m.t("card.links"), m.t("md.links", "count", c.links().size(), "strong", c.linksAt("strong"), "likely", c.linksAt("likely"), "weak", c.linksAt("weak")));
        row(md, m.t("card.loss"), m.money(risk.expectedAnnualLossUsd())
                + (risk.annualRevenueUsd() > 0 ? m.t("md.lossShare", "share", m.pct(risk.expectedAnnualLossUsd() / risk.annualRevenueUsd())) : ""));
        row(md, "VaR95", m.money(risk.var95Usd()));
        row(md, "CVaR95", m.money(risk.cvar95Usd()));
        Concentration.Dimension platform = c.analysis().concentration().platform();
        row(md, m.t("card.hhi"), m.t("md.hhi", "hhi", m.integer(platform.hhi()), "band", m.band(platform.band())));
        md.append("\n### ").append(m.t("summary.topActions")).append("\n\n");
        List<Recommender.Action> actions = c.analysis().recommendations();
        ActionText words = new ActionText(m, TerminalSummary.names(c));
        if (actions.isEmpty()) md.append(esc(m.t("summary.noAction"))).append('\n');
        for (int i = 0; i < Math.min(3, actions.size()); i++) {
            Recommender.Action a = actions.get(i);
            md.append(i + 1).append(". **").append(esc(words.title(a))).append("**  \n   ").append(esc(Fmt.effect(m, a))).append('\n');
        }
        String plan = Fmt.plan(m, c.analysis());
        if (plan != null) md.append('\n').append(esc(plan)).append('\n');
        md.append('\n').append(esc(m.t("md.riskNote", "trials", risk.trials(), "seed", Long.toString(risk.seed()), "half", m.pct(risk.probLossOver50Pct()))))
                .append("\n\n");
    }

    private static void graph(StringBuilder md, ReportContent c) {
        Messages m = c.m();
        md.append("## ").append(m.t("graph.title")).append("\n\n").append(esc(m.t("md.graph.note"))).append("\n\n");
        double weak = c.analysis().settings().linkage().minScore();
        for (ReportContent.NumberedCluster nc : c.clusters()) {
            Cluster cl = nc.cluster();
            md.append("- **").append(nc.label()).append(" · ").append(Fmt.riskLabel(m, cl.risk())).append(" · ").append(esc(nc.name())).append("** ")
                    .append(code(cl.id())).append(m.t("md.colon")).append(' ')
                    .append(esc(m.t("md.cluster", "stores", cl.stores().size(), "platforms", m.list(cl.platforms()), "revenue", m.money(cl.monthlyRevenueUsd()))))
                    .append('\n');
            for (String key : cl.stores()) {
                StoreInfo s = c.storesByKey().get(key);
                md.append("  - ").append(code(key));
                if (s != null) md.append(s.suspended() ? " **" + m.t("store.suspended").toUpperCase(m.locale().toLocale()) + "**"
                        : " " + esc(m.t("md.perMonth", "revenue", m.money(s.monthlyRevenueUsd()))));
                md.append('\n');
            }
            List<Link> inside = c.links().stream().filter(l -> cl.stores().contains(l.a()) && cl.stores().contains(l.b())).toList();
            Map<String, Long> shared = inside.stream().flatMap(l -> l.evidence().stream()).filter(e -> e.weight() >= weak)
                    .collect(Collectors.groupingBy(e -> esc(m.idType(e.type())) + " " + code(e.display()), TreeMap::new, Collectors.counting()));
            md.append("  - ").append(esc(m.t("md.ties", "links", inside.size(), "strong", inside.stream().filter(l -> l.level().equals("strong")).count())))
                    .append(' ').append(shared.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                            .map(e -> e.getKey() + " " + esc(m.t("md.pairs", "count", e.getValue()))).collect(Collectors.joining(m.t("list.separator"))))
                    .append('\n');
        }
        if (!c.unclustered().isEmpty()) {
            md.append("- **").append(m.t("md.unclustered")).append("** ")
                    .append(c.unclustered().stream().map(s -> code(s.key()) + (s.suspended() ? " **" + m.t("store.suspended").toUpperCase(m.locale().toLocale()) + "**" : ""))
                            .collect(Collectors.joining(", ")))
                    .append('\n');
        }
        md.append('\n');
    }

    private static void concentration(StringBuilder md, ReportContent c) {
        Messages m = c.m();
        Concentration.Report r = c.analysis().concentration();
        Concentration.Bands b = c.analysis().settings().bands();
        md.append("## ").append(m.t("concentration.title")).append("\n\n")
                .append(esc(m.t("concentration.note", "moderate", m.integer(b.moderate()), "high", m.integer(b.high())))).append("\n\n");
        shares(md, m, m.t("chart.platform"), m.t("col.platform"), r.platform(), name -> name);
        shares(md, m, m.t("chart.provider"), m.t("col.provider"), r.paymentProvider(), m::provider);
        md.append("### ").append(m.t("concentration.all")).append("\n\n| ").append(m.t("col.dimension")).append(" | HHI | ").append(m.t("col.band"))
                .append(" | ").append(m.t("col.entropy")).append(" | ").append(m.t("col.effective")).append(" | ").append(m.t("col.largest"))
                .append(" | ").append(m.t("col.topShare")).append(" |\n|---|---:|---|---:|---:|---|---:|\n");
        dimension(md, m, "platform", r.platform());
        dimension(md, m, "marketplace", r.marketplace());
        dimension(md, m, "paymentProvider", r.paymentProvider());
        dimension(md, m, "legalEntity", r.legalEntity());
        dimension(md, m, "cluster", r.cluster());
        md.append("\n### ").append(m.t("concentration.byPlatform")).append("\n\n| ").append(m.t("col.platform")).append(" | ").append(m.t("col.stores"))
                .append(" | ").append(m.t("col.suspended")).append(" | ").append(cell(m.t("col.revenue", "unit", m.moneyUnit()))).append(" | ")
                .append(m.t("col.share")).append(" |\n|---|---:|---:|---:|---:|\n");
        for (ReportContent.PlatformRow row : c.portfolio().platforms()) {
            md.append("| ").append(cell(row.platform())).append(" | ").append(row.stores()).append(" | ").append(row.suspended())
                    .append(" | ").append(m.moneyCell(row.revenueUsd())).append(" | ").append(m.pct(row.share())).append(" |\n");
        }
        md.append('\n');
    }

    private static void shares(StringBuilder md, Messages m, String title, String column, Concentration.Dimension d,
                               java.util.function.Function<String, String> labelOf) {
        md.append("### ").append(title).append(m.t("md.colon")).append(" HHI ").append(m.integer(d.hhi())).append(m.t("list.separator")).append(m.band(d.band()))
                .append("\n\n| ").append(column).append(" | ").append(m.t("col.share")).append(" | |\n|---|---:|---|\n");
        for (ShareChartSvg.Bar bar : ShareChartSvg.bars(m, d.shares(), 9)) {
            int blocks = (int) Math.round(bar.share() * 40);
            md.append("| ").append(cell(bar.count() > 1 ? bar.name() : labelOf.apply(bar.name()))).append(" | ").append(m.pct(bar.share())).append(" | ")
                    .append(blocks == 0 ? "▏" : "█".repeat(blocks)).append(" |\n");
        }
        md.append('\n');
    }

    private static void dimension(StringBuilder md, Messages m, String dimension, Concentration.Dimension d) {
        String top = HtmlReport.largest(m, dimension, d);
        md.append("| ").append(HtmlReport.capitalised(m, m.dimension(dimension))).append(" | ").append(m.integer(d.hhi())).append(" | ").append(m.band(d.band()))
                .append(" | ").append(m.decimal(d.entropy(), 2)).append(" | ")
                .append(m.decimal(d.effectiveNumber(), 1)).append(" | ").append(cell(top)).append(" | ")
                .append(m.pct(d.topShare())).append(" |\n");
    }

    private static void clusters(StringBuilder md, ReportContent c) {
        Messages m = c.m();
        md.append("## ").append(m.t("clusters.title")).append("\n\n");
        if (c.clusters().isEmpty()) {
            md.append(esc(m.t("clusters.none"))).append("\n\n");
            return;
        }
        md.append("| ").append(m.t("col.cluster")).append(" | ").append(m.t("col.risk")).append(" | ").append(m.t("col.stores")).append(" | ")
                .append(cell(m.t("col.revenue", "unit", m.moneyUnit()))).append(" | ").append(m.t("col.why")).append(" |\n|---|---|---|---:|---|\n");
        for (ReportContent.NumberedCluster nc : c.clusters()) {
            Cluster cl = nc.cluster();
            String stores = cl.stores().stream().map(k -> {
                StoreInfo s = c.storesByKey().get(k);
                return code(k) + (s != null && s.suspended() ? " **" + m.t("store.suspended").toUpperCase(m.locale().toLocale()) + "**" : "");
            }).collect(Collectors.joining("<br>"));
            md.append("| **").append(nc.label()).append(" · ").append(cell(nc.name())).append("** ").append(code(cl.id())).append(" | ")
                    .append(Fmt.riskLabel(m, cl.risk())).append(" | ").append(stores).append(" | ").append(m.moneyCell(cl.monthlyRevenueUsd())).append(" | ")
                    .append(cell(c.why(cl))).append(" |\n");
        }
        md.append('\n');
    }

    private static void links(StringBuilder md, ReportContent c) {
        Messages m = c.m();
        md.append("## ").append(m.t("links.title")).append("\n\n").append(esc(m.t("md.links.note", "min", Fmt.score(c.analysis().settings().linkage().minScore()))))
                .append("\n\n| ").append(m.t("col.storeA")).append(" | ").append(m.t("col.storeB")).append(" | ").append(m.t("col.score")).append(" | ")
                .append(m.t("col.level")).append(" | ").append(m.t("col.samePlatform")).append(" | ").append(m.t("col.evidence"))
                .append(" |\n|---|---|---:|---|---|---|\n");
        for (Link l : c.links()) {
            md.append("| ").append(code(l.a())).append(" | ").append(code(l.b())).append(" | ").append(Fmt.score2(l.score())).append(" | ")
                    .append(m.linkLevel(l.level())).append(l.disclosed() ? " (" + m.t("link.approved") + ")" : "").append(" | ")
                    .append(m.t(l.samePlatform() ? "yes" : "no")).append(" | ")
                    .append(l.evidence().stream().map(e -> esc(m.idType(e.type())) + " " + code(e.display())
                            + String.format(Locale.ROOT, " %.2f", e.weight()) + (e.generic() ? " (" + m.t("evidence.generic") + ")" : "")
                            + (Fmt.variant(m, e) == null ? "" : " (" + esc(Fmt.variant(m, e)) + ")"))
                            .collect(Collectors.joining("; ")))
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static void blastRadius(StringBuilder md, ReportContent c) {
        Messages m = c.m();
        BlastRadius.Worst worst = c.analysis().worstBlastRadius();
        md.append("## ").append(m.t("blast.title")).append("\n\n");
        if (worst.store() == null) {
            md.append(esc(m.t("blast.none"))).append("\n\n");
            return;
        }
        blast(md, worst.store(), c);
        if (worst.cluster() != null && !worst.cluster().store().equals(worst.store().store())) {
            var nc = c.clusters().stream().filter(n -> n.cluster().id().equals(worst.clusterId())).findFirst();
            md.append("### ").append(cell(m.t("blast.inCluster", "cluster", nc.map(n -> n.label() + " · " + n.name()).orElse("")))).append("\n\n");
            blast(md, worst.cluster(), c);
        }
    }

    private static void blast(StringBuilder md, BlastRadius.Result r, ReportContent c) {
        Messages m = c.m();
        md.append(esc(m.t("blast.sentence", "store", r.store(), "lost", m.money(r.revenueLostUsd()), "share", m.pct(r.shareOfPortfolio()),
                "stake", m.money(r.revenueAtStakeUsd()), "others", r.stores().size()))).append("\n\n");
        if (r.stores().isEmpty()) return;
        md.append("| ").append(m.t("col.store")).append(" | ").append(m.t("col.how")).append(" | ").append(m.t("col.probability")).append(" | ")
                .append(cell(m.t("col.revenue", "unit", m.moneyUnit()))).append(" | ").append(m.t("col.through")).append(" |\n|---|---|---:|---:|---|\n");
        for (BlastRadius.Affected a : r.stores()) {
            StoreInfo s = c.storesByKey().get(a.store());
            md.append("| ").append(code(a.store())).append(s != null && s.suspended() ? " **" + m.t("store.suspended").toUpperCase(m.locale().toLocale()) + "**" : "")
                    .append(" | ").append(m.t("blast.reason." + a.reason())).append(" | ")
                    .append(m.pct(a.probability())).append(" | ").append(m.moneyCell(a.monthlyRevenueUsd())).append(" | ")
                    .append(cell(HtmlReport.via(m, a))).append(" |\n");
        }
        md.append('\n');
    }

    private static void recommendations(StringBuilder md, ReportContent c) {
        Messages m = c.m();
        List<Recommender.Action> actions = c.analysis().recommendations();
        ActionText words = new ActionText(m, TerminalSummary.names(c));
        md.append("## ").append(m.t("recommend.title")).append("\n\n").append(esc(m.t("recommend.ranking"))).append("\n\n");
        if (actions.isEmpty()) {
            md.append(esc(m.t("recommend.none"))).append("\n\n");
            return;
        }
        md.append("| # | ").append(m.t("col.kind")).append(" | ").append(m.t("col.action")).append(" | ").append(cell(m.t("col.deltaLoss", "unit", m.moneyUnit())))
                .append(" | ").append(m.t("col.deltaHhi")).append(" | ").append(m.t("col.criticalRemoved")).append(" | ")
                .append(cell(m.t("col.cost", "unit", m.moneyUnit()))).append(" | ").append(cell(m.t("col.net", "unit", m.moneyUnit())))
                .append(" |\n|---:|---|---|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < actions.size(); i++) {
            Recommender.Action a = actions.get(i);
            md.append("| ").append(i + 1).append(" | ").append(cell(m.actionKind(a.kind()))).append(" | **").append(cell(words.title(a))).append("**<br>")
                    .append(cell(words.detail(a))).append(" | ").append(m.signedMoneyCell(a.deltaExpectedLossUsd())).append(" | ")
                    .append(m.signed(a.deltaPlatformHhi())).append(" | ").append(a.criticalClustersRemoved()).append(" | ")
                    .append(m.moneyCell(a.costUsd())).append(" | ").append(m.signedMoneyCell(a.netFirstYearUsd())).append(" |\n");
        }
        md.append('\n');
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(cell(name)).append(" | ").append(cell(value)).append(" |\n");
    }

    /** Text with Markdown's inline syntax and HTML escaped. */
    static String esc(String text) {
        if (text == null) return "";
        StringBuilder b = new StringBuilder(text.length() + 8);
        for (char ch : text.toCharArray()) {
            if ("\\`*_[]<>|".indexOf(ch) >= 0) b.append('\\');
            b.append(ch);
        }
        return b.toString();
    }

    /** Text for a table cell: escaped, on one line. */
    static String cell(String text) {
        return esc(text).replace("\r", " ").replace("\n", " ");
    }

    /** A code span that survives backticks and pipes in the value, and stays on one line. */
    static String code(String text) {
        String t = text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
        String fence = t.contains("`") ? "``" : "`";
        return fence + (t.startsWith("`") || t.endsWith("`") ? " " + t + " " : t) + fence;
    }
}
