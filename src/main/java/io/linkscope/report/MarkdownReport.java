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
        StringBuilder md = new StringBuilder(32 * 1024);
        var p = c.portfolio();
        md.append("# Account linkage and revenue concentration\n\n");
        md.append("Portfolio ").append(esc(c.analysis().tenant())).append(" · ").append(p.stores()).append(" stores on ")
                .append(p.platforms().size()).append(" platforms · data as of ").append(c.analysis().snapshot().asOf().toString(), 0, 10).append("\n\n");
        summary(md, c);
        graph(md, c);
        concentration(md, c);
        clusters(md, c);
        links(md, c);
        blastRadius(md, c);
        recommendations(md, c);
        md.append("## Method and thresholds\n\n");
        for (ReportContent.MethodRow row : c.method()) md.append("- **").append(esc(row.topic())).append(":** ").append(esc(row.text())).append('\n');
        md.append("\n---\nPrepared with linkscope. Identifiers are shown masked; raw values are never stored or printed.\n");
        return md.toString();
    }

    private static void summary(StringBuilder md, ReportContent c) {
        var risk = c.analysis().risk();
        var p = c.portfolio();
        md.append("## Executive summary\n\n**Overall risk: ").append(Fmt.riskLabel(c.overall().level())).append("**\n\n");
        for (String d : c.overall().drivers()) md.append("- ").append(esc(d)).append('\n');
        long critical = c.clusters().stream().filter(n -> n.cluster().risk().equals("critical")).count();
        long high = c.clusters().stream().filter(n -> n.cluster().risk().equals("high")).count();
        md.append("\n| Figure | Value |\n|---|---|\n");
        row(md, "Stores", p.stores() + " (" + p.suspended() + " suspended, " + p.platforms().size() + " platforms)");
        row(md, "Monthly revenue", Fmt.money(p.monthlyRevenueUsd()) + " USD");
        row(md, "Linked clusters", c.clusters().size() + " (" + critical + " critical, " + high + " high)");
        row(md, "Links", c.links().size() + " (" + c.linksAt("strong") + " strong, " + c.linksAt("likely") + " likely, " + c.linksAt("weak") + " weak)");
        row(md, "Expected loss, 12 months", Fmt.money(risk.expectedAnnualLossUsd()) + " USD"
                + (risk.annualRevenueUsd() > 0 ? " (" + Fmt.pct(risk.expectedAnnualLossUsd() / risk.annualRevenueUsd()) + " of annual revenue)" : ""));
        row(md, "VaR95", Fmt.money(risk.var95Usd()) + " USD");
        row(md, "CVaR95", Fmt.money(risk.cvar95Usd()) + " USD");
        Concentration.Dimension platform = c.analysis().concentration().platform();
        row(md, "Platform HHI", Fmt.hhi(platform.hhi()) + " (" + ShareChartSvg.bandLabel(platform.band()) + ")");
        md.append("\n### Top three actions\n\n");
        List<Recommender.Action> actions = c.analysis().recommendations();
        if (actions.isEmpty()) md.append("No action is needed: no change lowers the modelled risk.\n");
        for (int i = 0; i < Math.min(3, actions.size()); i++) {
            Recommender.Action a = actions.get(i);
            md.append(i + 1).append(". **").append(esc(a.title())).append("**  \n   ").append(esc(HtmlReport.effect(a))).append('\n');
        }
        String plan = Fmt.plan(c.analysis());
        if (plan != null) md.append('\n').append(esc(plan)).append('\n');
        md.append("\nRevenue at risk: ").append(String.format(Locale.ROOT, "%,d", risk.trials())).append("-trial Monte Carlo over 12 months (seed ")
                .append(risk.seed()).append("). Probability of losing more than half of annual revenue: ").append(Fmt.pct(risk.probLossOver50Pct()))
                .append(".\n\n");
    }

    private static void graph(StringBuilder md, ReportContent c) {
        md.append("## Linkage graph\n\nClusters of stores a platform would judge related, riskiest first, with their members and the "
                + "evidence that ties them.\n\n");
        for (ReportContent.NumberedCluster nc : c.clusters()) {
            Cluster cl = nc.cluster();
            md.append("- **").append(nc.label()).append(" · ").append(Fmt.riskLabel(cl.risk())).append("** ").append(code(cl.id()))
                    .append(": ").append(cl.stores().size()).append(" stores on ").append(esc(String.join(", ", cl.platforms())))
                    .append(", ").append(Fmt.money(cl.monthlyRevenueUsd())).append(" USD/month\n");
            for (String key : cl.stores()) {
                StoreInfo s = c.storesByKey().get(key);
                md.append("  - ").append(code(key));
                if (s != null) md.append(s.suspended() ? " **SUSPENDED**" : " " + Fmt.money(s.monthlyRevenueUsd()) + " USD/month");
                md.append('\n');
            }
            List<Link> inside = c.links().stream().filter(l -> cl.stores().contains(l.a()) && cl.stores().contains(l.b())).toList();
            double weak = c.analysis().settings().linkage().minScore();
            Map<String, Long> shared = inside.stream().flatMap(l -> l.evidence().stream()).filter(e -> e.weight() >= weak)
                    .collect(Collectors.groupingBy(e -> esc(e.type().wire()) + " " + code(e.display()), TreeMap::new, Collectors.counting()));
            md.append("  - ties: ").append(inside.size()).append(" links (")
                    .append(inside.stream().filter(l -> l.level().equals("strong")).count()).append(" strong) through ")
                    .append(shared.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                            .map(e -> e.getKey() + " (" + e.getValue() + (e.getValue() == 1 ? " pair)" : " pairs)")).collect(Collectors.joining(", ")))
                    .append('\n');
        }
        if (!c.unclustered().isEmpty()) {
            md.append("- **Not in a linked cluster:** ")
                    .append(c.unclustered().stream().map(s -> code(s.key()) + (s.suspended() ? " **SUSPENDED**" : "")).collect(Collectors.joining(", ")))
                    .append('\n');
        }
        md.append('\n');
    }

    private static void concentration(StringBuilder md, ReportContent c) {
        Concentration.Report r = c.analysis().concentration();
        Concentration.Bands b = c.analysis().settings().bands();
        md.append("## Revenue concentration\n\nShares of current monthly revenue in USD. HHI bands (2023 US Merger Guidelines): below ")
                .append(Fmt.hhi(b.moderate())).append(" unconcentrated, ").append(Fmt.hhi(b.moderate())).append("–").append(Fmt.hhi(b.high()))
                .append(" moderately concentrated, above ").append(Fmt.hhi(b.high())).append(" highly concentrated.\n\n");
        shares(md, "Platform share", "Platform", r.platform());
        shares(md, "Payment provider share", "Provider", r.paymentProvider());
        md.append("### All dimensions\n\n| Dimension | HHI | Band | Entropy (nats) | Effective number | Largest | Top share |\n|---|---:|---|---:|---:|---|---:|\n");
        dimension(md, "Platform", r.platform());
        dimension(md, "Marketplace", r.marketplace());
        dimension(md, "Payment provider", r.paymentProvider());
        dimension(md, "Legal entity", r.legalEntity());
        dimension(md, "Linked cluster", r.cluster());
        md.append("\n### Stores and revenue by platform\n\n| Platform | Stores | Suspended | USD / month | Share |\n|---|---:|---:|---:|---:|\n");
        for (ReportContent.PlatformRow row : c.portfolio().platforms()) {
            md.append("| ").append(cell(row.platform())).append(" | ").append(row.stores()).append(" | ").append(row.suspended())
                    .append(" | ").append(Fmt.money(row.revenueUsd())).append(" | ").append(Fmt.pct(row.share())).append(" |\n");
        }
        md.append('\n');
    }

    private static void shares(StringBuilder md, String title, String column, Concentration.Dimension d) {
        md.append("### ").append(title).append(": HHI ").append(Fmt.hhi(d.hhi())).append(", ").append(ShareChartSvg.bandLabel(d.band()))
                .append("\n\n| ").append(column).append(" | Share | |\n|---|---:|---|\n");
        for (ShareChartSvg.Bar bar : ShareChartSvg.bars(d.shares(), 9)) {
            int blocks = (int) Math.round(bar.share() * 40);
            md.append("| ").append(cell(bar.name())).append(" | ").append(Fmt.pct(bar.share())).append(" | ")
                    .append(blocks == 0 ? "▏" : "█".repeat(blocks)).append(" |\n");
        }
        md.append('\n');
    }

    private static void dimension(StringBuilder md, String name, Concentration.Dimension d) {
        String top = d.shares().isEmpty() ? "–" : d.shares().keySet().iterator().next();
        md.append("| ").append(name).append(" | ").append(Fmt.hhi(d.hhi())).append(" | ").append(ShareChartSvg.bandLabel(d.band()))
                .append(" | ").append(String.format(Locale.ROOT, "%.2f", d.entropy())).append(" | ")
                .append(String.format(Locale.ROOT, "%.1f", d.effectiveNumber())).append(" | ").append(cell(top)).append(" | ")
                .append(Fmt.pct(d.topShare())).append(" |\n");
    }

    private static void clusters(StringBuilder md, ReportContent c) {
        md.append("## Linked clusters\n\n");
        if (c.clusters().isEmpty()) {
            md.append("No two stores are linked strongly enough to form a cluster.\n\n");
            return;
        }
        md.append("| Cluster | Risk | Stores | USD / month | Why |\n|---|---|---|---:|---|\n");
        for (ReportContent.NumberedCluster nc : c.clusters()) {
            Cluster cl = nc.cluster();
            String stores = cl.stores().stream().map(k -> {
                StoreInfo s = c.storesByKey().get(k);
                return code(k) + (s != null && s.suspended() ? " **SUSPENDED**" : "");
            }).collect(Collectors.joining("<br>"));
            md.append("| **").append(nc.label()).append("** ").append(code(cl.id())).append(" | ").append(Fmt.riskLabel(cl.risk()))
                    .append(" | ").append(stores).append(" | ").append(Fmt.money(cl.monthlyRevenueUsd())).append(" | ")
                    .append(cell(ReportContent.why(cl))).append(" |\n");
        }
        md.append('\n');
    }

    private static void links(StringBuilder md, ReportContent c) {
        md.append("## Links and their evidence\n\nEvery pair of stores with a score of ").append(Fmt.score(c.analysis().settings().linkage().minScore()))
                .append(" or more, strongest first; evidence is masked, with its weight.\n\n")
                .append("| Store A | Store B | Score | Level | Same platform | Evidence |\n|---|---|---:|---|---|---|\n");
        for (Link l : c.links()) {
            md.append("| ").append(code(l.a())).append(" | ").append(code(l.b())).append(" | ").append(Fmt.score2(l.score())).append(" | ")
                    .append(l.level()).append(l.disclosed() ? " (approved)" : "").append(" | ").append(l.samePlatform() ? "yes" : "no").append(" | ")
                    .append(l.evidence().stream().map(e -> esc(e.type().wire()) + " " + code(e.display())
                            + String.format(Locale.ROOT, " %.2f", e.weight()) + (e.generic() ? " (generic)" : ""))
                            .collect(Collectors.joining("; ")))
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static void blastRadius(StringBuilder md, ReportContent c) {
        BlastRadius.Worst worst = c.analysis().worstBlastRadius();
        md.append("## Blast radius of the worst store\n\n");
        if (worst.store() == null) {
            md.append("No store earns revenue, so no suspension costs anything.\n\n");
            return;
        }
        blast(md, worst.store(), c);
        if (worst.cluster() != null && !worst.cluster().store().equals(worst.store().store())) {
            md.append("### Worst store inside a linked cluster\n\n");
            blast(md, worst.cluster(), c);
        }
    }

    private static void blast(StringBuilder md, BlastRadius.Result r, ReportContent c) {
        md.append("If ").append(code(r.store())).append(" is suspended, the expected loss is **").append(Fmt.money(r.revenueLostUsd()))
                .append(" USD a month** (").append(Fmt.pct(r.shareOfPortfolio())).append(" of the portfolio's monthly revenue); ")
                .append(Fmt.money(r.revenueAtStakeUsd())).append(" USD a month is at stake across it and ").append(r.stores().size())
                .append(" other store").append(r.stores().size() == 1 ? "" : "s").append(".\n\n");
        if (r.stores().isEmpty()) return;
        md.append("| Store | How it goes down | Probability | USD / month | Through |\n|---|---|---:|---:|---|\n");
        for (BlastRadius.Affected a : r.stores()) {
            StoreInfo s = c.storesByKey().get(a.store());
            md.append("| ").append(code(a.store())).append(s != null && s.suspended() ? " **SUSPENDED**" : "").append(" | ")
                    .append(a.reason().equals(BlastRadius.FREEZE) ? "payment freeze" : "chain suspension").append(" | ")
                    .append(Fmt.pct(a.probability())).append(" | ").append(Fmt.money(a.monthlyRevenueUsd())).append(" | ")
                    .append(cell(String.join("; ", a.via()))).append(" |\n");
        }
        md.append('\n');
    }

    private static void recommendations(StringBuilder md, ReportContent c) {
        List<Recommender.Action> actions = c.analysis().recommendations();
        md.append("## Recommendations\n\n").append(HtmlReport.RANKING).append("\n\n");
        if (actions.isEmpty()) {
            md.append("No action lowers the modelled risk.\n\n");
            return;
        }
        md.append("| # | Kind | Action | Δ expected loss (USD/yr) | Δ platform HHI | Critical clusters removed | Cost (USD) | First-year net (USD) |\n|---:|---|---|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < actions.size(); i++) {
            Recommender.Action a = actions.get(i);
            md.append("| ").append(i + 1).append(" | ").append(cell(a.kind())).append(" | **").append(cell(a.title())).append("**<br>")
                    .append(cell(a.detail())).append(" | ").append(Fmt.signedMoney(a.deltaExpectedLossUsd())).append(" | ")
                    .append(Fmt.signed(a.deltaPlatformHhi())).append(" | ").append(a.criticalClustersRemoved()).append(" | ")
                    .append(Fmt.money(a.costUsd())).append(" | ").append(Fmt.signedMoney(a.netFirstYearUsd())).append(" |\n");
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
