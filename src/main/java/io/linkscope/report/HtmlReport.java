package io.linkscope.report;

import io.linkscope.analysis.model.Cluster;
import io.linkscope.analysis.model.Evidence;
import io.linkscope.analysis.model.Link;
import io.linkscope.analysis.risk.BlastRadius;
import io.linkscope.analysis.risk.Concentration;
import io.linkscope.analysis.risk.Recommender;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The consultant's report as one self-contained HTML file: inline CSS and SVG, no scripts, no requests,
 * a page per section when printed. Markup is XHTML-compatible so it parses as XML too.
 */
final class HtmlReport {
    private static final String CSS = """
            :root { --ink: #1d2939; --muted: #667085; --line: #e4e7ec; --soft: #f6f7f9; }
            * { box-sizing: border-box; }
            body { margin: 0; color: var(--ink); background: #fff;
              font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            main { max-width: 1120px; margin: 0 auto; padding: 28px 40px 48px; }
            header.title { border-bottom: 3px solid var(--ink); padding-bottom: 12px; margin-bottom: 8px; }
            h1 { font-size: 26px; margin: 0 0 4px; letter-spacing: -0.01em; }
            h2 { font-size: 20px; margin: 0 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
            h3 { font-size: 15px; margin: 20px 0 8px; }
            p { margin: 6px 0 10px; }
            section { margin: 34px 0 0; }
            .meta, .note { color: var(--muted); }
            .note { font-size: 12.5px; }
            .banner { display: flex; gap: 20px; align-items: flex-start; padding: 14px 18px; border-radius: 8px;
              border: 1px solid var(--line); border-left-width: 8px; background: var(--soft); }
            .banner .level { min-width: 150px; }
            .banner .level .k { font-size: 11px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); }
            .banner .level .v { font-size: 28px; font-weight: 800; letter-spacing: 0.02em; }
            .banner ul { margin: 2px 0 0; padding-left: 18px; }
            .cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 10px; margin: 14px 0; }
            .card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
            .card .k { font-size: 11px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); }
            .card .v { font-size: 21px; font-weight: 700; font-variant-numeric: tabular-nums; }
            .card .s { font-size: 12px; color: var(--muted); }
            ol.actions { padding-left: 22px; margin: 6px 0; }
            ol.actions li { margin: 0 0 8px; }
            .effect { font-size: 12.5px; color: var(--muted); font-variant-numeric: tabular-nums; }
            .good { color: #067647; font-weight: 600; }
            table { border-collapse: collapse; width: 100%; font-size: 12.5px; margin: 6px 0 12px; }
            th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
            thead th { background: var(--soft); font-weight: 600; border-bottom: 1px solid #d0d5dd; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            th.num { white-space: normal; }
            td.stores { white-space: nowrap; }
            table.actions td.action { width: 52%; }
            .key { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 11.5px; white-space: nowrap; }
            .ev { display: inline-block; margin: 1px 4px 1px 0; padding: 0 5px; border-radius: 3px; background: #eef1f5;
              font-size: 11.5px; white-space: nowrap; }
            .ev b { font-weight: 600; }
            .ev.generic { color: var(--muted); background: #f6f7f9; }
            .badge { display: inline-block; padding: 1px 7px; border-radius: 4px; font-size: 11px; font-weight: 700;
              color: #fff; letter-spacing: 0.03em; }
            .susp { color: #b42318; font-weight: 700; font-size: 11px; }
            .legend { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 12px; margin: 8px 0; align-items: center; }
            .legend span { display: inline-flex; align-items: center; gap: 5px; }
            .legend .dot { width: 11px; height: 11px; border-radius: 50%; display: inline-block; }
            .figure { border: 1px solid var(--line); border-radius: 8px; padding: 12px; overflow-x: auto; }
            .figure svg.graph { display: block; max-width: 100%; height: auto; margin: 0 auto; }
            .charts { display: grid; grid-template-columns: 1fr 1fr; gap: 18px; }
            .charts svg { max-width: 100%; height: auto; }
            dl.method { display: grid; grid-template-columns: 170px 1fr; gap: 6px 16px; margin: 0; font-size: 13px; }
            dl.method dt { font-weight: 600; }
            dl.method dd { margin: 0; }
            footer { margin-top: 40px; padding-top: 10px; border-top: 1px solid var(--line); font-size: 12px; color: var(--muted); }
            svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
            @page { size: A4; margin: 14mm 12mm; }
            @media print {
              body { font-size: 11px; }
              main { max-width: none; padding: 0; }
              section { break-before: page; margin: 0; }
              section.first { break-before: auto; }
              tr, .card, .banner, .charts svg, ol.actions li { break-inside: avoid; }
              thead { display: table-header-group; }
              .figure { border: none; padding: 0; overflow: visible; }
              .cards { grid-template-columns: repeat(4, 1fr); }
              .card .v { font-size: 15px; }
              .banner .level .v { font-size: 22px; }
              * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            }
            """;

    private HtmlReport() {
    }

    static String render(ReportContent c) {
        Map<String, String> colours = Palette.platforms(c.portfolio().platforms().stream().map(ReportContent.PlatformRow::platform).toList());
        Html h = new Html();
        String tenant = c.analysis().tenant();
        h.raw("<!DOCTYPE html>\n");
        h.open("html", "xmlns", "http://www.w3.org/1999/xhtml", "lang", "en").nl();
        h.open("head").empty("meta", "charset", "utf-8").empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
                .el("title", "Linkage and concentration report: " + tenant).nl()
                .open("style").raw(CSS).close("style").close("head").nl();
        h.open("body").open("main").nl();
        h.open("header", "class", "title").el("h1", "Account linkage and revenue concentration")
                .el("div", "Portfolio " + tenant + " · " + c.portfolio().stores() + " stores on " + c.portfolio().platforms().size()
                        + " platforms · data as of " + c.analysis().snapshot().asOf().toString().substring(0, 10), "class", "meta")
                .close("header").nl();
        summary(h, c);
        graph(h, c, colours);
        concentration(h, c, colours);
        clusters(h, c);
        links(h, c);
        blastRadius(h, c);
        recommendations(h, c);
        method(h, c);
        h.open("footer").text("Prepared with linkscope. Identifiers are shown masked; raw values are never stored or printed. "
                + "Figures are estimates from the model described in Method and thresholds.").close("footer").nl();
        h.close("main").close("body").close("html").nl();
        return h.toString();
    }

    private static void summary(Html h, ReportContent c) {
        var o = c.overall();
        var risk = c.analysis().risk();
        var p = c.portfolio();
        String colour = Palette.risk(o.level());
        h.open("section", "id", "summary", "class", "first").el("h2", "Executive summary").nl();
        h.open("div", "class", "banner", "style", "border-left-color: " + colour)
                .open("div", "class", "level").el("div", "Overall risk", "class", "k")
                .el("div", Fmt.riskLabel(o.level()), "class", "v", "style", "color: " + colour).close("div")
                .open("ul");
        for (String d : o.drivers()) h.el("li", d);
        h.close("ul").close("div").nl();

        long critical = c.clusters().stream().filter(n -> n.cluster().risk().equals("critical")).count();
        long high = c.clusters().stream().filter(n -> n.cluster().risk().equals("high")).count();
        h.open("div", "class", "cards");
        card(h, "Stores", Integer.toString(p.stores()), p.suspended() + " suspended · " + p.platforms().size() + " platforms");
        card(h, "Monthly revenue", Fmt.money(p.monthlyRevenueUsd()) + " USD", "current, suspended stores excluded");
        card(h, "Linked clusters", Integer.toString(c.clusters().size()), critical + " critical · " + high + " high");
        card(h, "Links", Integer.toString(c.links().size()), c.linksAt("strong") + " strong · " + c.linksAt("likely") + " likely · "
                + c.linksAt("weak") + " weak");
        card(h, "Expected loss, 12 months", Fmt.money(risk.expectedAnnualLossUsd()) + " USD",
                risk.annualRevenueUsd() > 0 ? Fmt.pct(risk.expectedAnnualLossUsd() / risk.annualRevenueUsd()) + " of annual revenue" : "");
        card(h, "VaR95", Fmt.money(risk.var95Usd()) + " USD", "loss exceeded in 1 year of 20");
        card(h, "CVaR95", Fmt.money(risk.cvar95Usd()) + " USD", "mean loss in the worst 5% of years");
        card(h, "Platform HHI", Fmt.hhi(c.analysis().concentration().platform().hhi()),
                ShareChartSvg.bandLabel(c.analysis().concentration().platform().band()));
        h.close("div").nl();

        List<Recommender.Action> actions = c.analysis().recommendations();
        h.el("h3", "Top three actions");
        if (actions.isEmpty()) {
            h.el("p", "No action is needed: no change lowers the modelled risk.");
        } else {
            h.open("ol", "class", "actions");
            for (Recommender.Action a : actions.stream().limit(3).toList()) {
                h.open("li").el("strong", a.title()).open("div", "class", "effect").text(effect(a)).close("div").close("li");
            }
            h.close("ol");
            String plan = Fmt.plan(c.analysis());
            if (plan != null) h.el("p", plan);
        }
        h.el("p", "Revenue at risk: " + risk.trials() / 1000 + "k-trial Monte Carlo over 12 months (seed " + risk.seed()
                + "), " + Fmt.money(risk.annualRevenueUsd()) + " USD of annual revenue. Probability of losing more than half of it: "
                + Fmt.pct(risk.probLossOver50Pct()) + ".", "class", "note");
        h.close("section").nl();
    }

    private static void card(Html h, String key, String value, String sub) {
        h.open("div", "class", "card").el("div", key, "class", "k").el("div", value, "class", "v").el("div", sub, "class", "s").close("div");
    }

    static String effect(Recommender.Action a) {
        StringBuilder s = new StringBuilder("Δ expected loss ").append(Fmt.signedMoney(a.deltaExpectedLossUsd())).append(" USD/year");
        s.append(" · Δ HHI ").append(Fmt.hhiDeltas(a.deltaHhi()));
        if (a.criticalClustersRemoved() > 0) {
            s.append(" · removes ").append(a.criticalClustersRemoved()).append(" critical cluster").append(a.criticalClustersRemoved() == 1 ? "" : "s");
        }
        return s.append(" · ").append(Fmt.value(a)).toString();
    }

    private static void graph(Html h, ReportContent c, Map<String, String> colours) {
        h.open("section", "id", "graph").el("h2", "Linkage graph").nl();
        int hidden = c.links().size() - LinkageGraphSvg.drawn(c).size();
        h.el("p", "Each circle is a store, its area proportional to current monthly revenue and its colour the platform. Stores a "
                + "platform would judge related are grouped in outlined clusters, C1 the riskiest. A line joins two linked stores: "
                + "its colour is the strength of the link, and there is one stroke per kind of evidence they share (solid for money "
                + "and identity, dashed for network, dotted for contact and device)."
                + (hidden > 0 ? " " + hidden + " weak link" + (hidden == 1 ? "" : "s") + " between clusters, mostly crowded values such "
                + "as a VPN exit, are not drawn; the links table lists them." : ""), "class", "note");
        legend(h, c, colours);
        h.open("div", "class", "figure");
        LinkageGraphSvg.render(h, c, colours);
        h.close("div").close("section").nl();
    }

    private static void legend(Html h, ReportContent c, Map<String, String> colours) {
        h.open("div", "class", "legend");
        h.el("strong", "Platforms");
        colours.forEach((platform, colour) -> h.open("span").open("i", "class", "dot", "style", "background: " + colour).close("i").text(platform).close("span"));
        h.close("div").open("div", "class", "legend").el("strong", "Links");
        for (String level : List.of("strong", "likely", "weak")) {
            h.open("span");
            lineSwatch(h, Palette.link(level), "none", level.equals("strong") ? 2.4 : level.equals("likely") ? 1.8 : 1.0);
            h.text(level + " (" + c.linksAt(level) + ")").close("span");
        }
        h.open("span");
        lineSwatch(h, Palette.APPROVED, "none", 1.8);
        h.text("approved by the platform").close("span");
        h.close("div").open("div", "class", "legend").el("strong", "Evidence");
        for (Fmt.EvidenceKind kind : Fmt.EvidenceKind.values()) {
            h.open("span");
            lineSwatch(h, Palette.INK, kind.dash, 1.8);
            h.text(kind.label).close("span");
        }
        h.close("div").open("div", "class", "legend").el("strong", "Marks");
        h.open("span").raw("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"18\" height=\"18\" viewBox=\"0 0 18 18\">"
                + "<circle cx=\"9\" cy=\"9\" r=\"5\" fill=\"#bab0ac\" stroke=\"" + Palette.SUSPENDED + "\" stroke-width=\"2\"/>"
                + "<path d=\"M2 2L16 16M16 2L2 16\" stroke=\"" + Palette.SUSPENDED + "\" stroke-width=\"2\"/></svg>").text("suspended store").close("span");
        for (String level : List.of("critical", "high", "medium", "low")) {
            h.open("span").raw("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"18\" height=\"18\" viewBox=\"0 0 18 18\"><circle cx=\"9\" cy=\"9\" r=\"7\" fill=\"none\" stroke=\""
                    + Palette.risk(level) + "\" stroke-width=\"2\"/></svg>").text(level + " cluster").close("span");
        }
        h.close("div");
    }

    private static void lineSwatch(Html h, String colour, String dash, double width) {
        h.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"30\" height=\"10\" viewBox=\"0 0 30 10\"><line x1=\"1\" y1=\"5\" x2=\"29\" y2=\"5\" stroke=\""
                + colour + "\" stroke-width=\"" + Html.num(width) + "\"" + (dash.equals("none") ? "" : " stroke-dasharray=\"" + dash + "\"")
                + " stroke-linecap=\"round\"/></svg>");
    }

    private static void concentration(Html h, ReportContent c, Map<String, String> colours) {
        Concentration.Report r = c.analysis().concentration();
        Concentration.Bands bands = c.analysis().settings().bands();
        h.open("section", "id", "concentration").el("h2", "Revenue concentration").nl();
        h.el("p", "Shares of current monthly revenue in USD. HHI bands from the 2023 US Merger Guidelines: below "
                + Fmt.hhi(bands.moderate()) + " unconcentrated, " + Fmt.hhi(bands.moderate()) + "–" + Fmt.hhi(bands.high())
                + " moderately concentrated, above " + Fmt.hhi(bands.high()) + " highly concentrated.", "class", "note");
        h.open("div", "class", "charts");
        ShareChartSvg.render(h, "Platform share", r.platform(), bands, name -> colours.getOrDefault(name, Palette.MUTED));
        ShareChartSvg.render(h, "Payment provider share", r.paymentProvider(), bands, name -> Palette.PROVIDER);
        h.close("div").nl();
        h.el("h3", "All dimensions");
        h.open("table").open("thead").open("tr").el("th", "Dimension").el("th", "HHI", "class", "num").el("th", "Band")
                .el("th", "Entropy (nats)", "class", "num").el("th", "Effective number", "class", "num").el("th", "Largest")
                .el("th", "Top share", "class", "num").close("tr").close("thead").open("tbody");
        dimensionRow(h, "Platform", r.platform());
        dimensionRow(h, "Marketplace", r.marketplace());
        dimensionRow(h, "Payment provider", r.paymentProvider());
        dimensionRow(h, "Legal entity", r.legalEntity());
        dimensionRow(h, "Linked cluster", r.cluster());
        h.close("tbody").close("table").nl();
        h.el("h3", "Stores and revenue by platform");
        h.open("table").open("thead").open("tr").el("th", "Platform").el("th", "Stores", "class", "num").el("th", "Suspended", "class", "num")
                .el("th", "USD / month", "class", "num").el("th", "Share", "class", "num").close("tr").close("thead").open("tbody");
        for (ReportContent.PlatformRow row : c.portfolio().platforms()) {
            h.open("tr").open("td").open("i", "class", "dot", "style", "display: inline-block; width: 9px; height: 9px; border-radius: 50%; margin-right: 6px; background: "
                            + colours.get(row.platform())).close("i").text(row.platform()).close("td")
                    .el("td", Integer.toString(row.stores()), "class", "num").el("td", Integer.toString(row.suspended()), "class", "num")
                    .el("td", Fmt.money(row.revenueUsd()), "class", "num").el("td", Fmt.pct(row.share()), "class", "num").close("tr");
        }
        h.close("tbody").close("table").close("section").nl();
    }

    private static void dimensionRow(Html h, String name, Concentration.Dimension d) {
        String top = d.shares().isEmpty() ? "–" : d.shares().keySet().iterator().next();
        h.open("tr").el("td", name).el("td", Fmt.hhi(d.hhi()), "class", "num")
                .open("td").el("span", ShareChartSvg.bandLabel(d.band()), "style", "color: " + Palette.band(d.band()) + "; font-weight: 600").close("td")
                .el("td", String.format(Locale.ROOT, "%.2f", d.entropy()), "class", "num")
                .el("td", String.format(Locale.ROOT, "%.1f", d.effectiveNumber()), "class", "num")
                .el("td", top).el("td", Fmt.pct(d.topShare()), "class", "num").close("tr");
    }

    private static void clusters(Html h, ReportContent c) {
        h.open("section", "id", "clusters").el("h2", "Linked clusters").nl();
        h.el("p", "Stores joined by links of likely strength or above. A cluster is rated by its riskiest store; the first reason is "
                + "the one that sets the rating.", "class", "note");
        if (c.clusters().isEmpty()) {
            h.el("p", "No two stores are linked strongly enough to form a cluster.");
            h.close("section").nl();
            return;
        }
        h.open("table").open("thead").open("tr").el("th", "Cluster").el("th", "Risk").el("th", "Stores").el("th", "USD / month", "class", "num")
                .el("th", "Why").close("tr").close("thead").open("tbody");
        for (ReportContent.NumberedCluster nc : c.clusters()) {
            Cluster cl = nc.cluster();
            h.open("tr").open("td").el("strong", nc.label()).empty("br").el("span", cl.id(), "class", "key note").close("td")
                    .open("td").el("span", Fmt.riskLabel(cl.risk()), "class", "badge", "style", "background: " + Palette.risk(cl.risk())).close("td")
                    .open("td", "class", "stores");
            for (String key : cl.stores()) {
                var s = c.storesByKey().get(key);
                h.open("div").el("span", key, "class", "key");
                if (s != null && s.suspended()) h.text(" ").el("span", "SUSPENDED", "class", "susp");
                h.close("div");
            }
            h.close("td").el("td", Fmt.money(cl.monthlyRevenueUsd()), "class", "num")
                    .el("td", ReportContent.why(cl)).close("tr").nl();
        }
        h.close("tbody").close("table").close("section").nl();
    }

    private static void links(Html h, ReportContent c) {
        h.open("section", "id", "links").el("h2", "Links and their evidence").nl();
        h.el("p", "Every pair of stores with a score of " + Fmt.score(c.analysis().settings().linkage().minScore()) + " or more, strongest first. Each chip is one shared identifier in "
                + "masked form with its weight; grey chips are values you marked generic.", "class", "note");
        h.open("table").open("thead").open("tr").el("th", "Store A").el("th", "Store B").el("th", "Score", "class", "num").el("th", "Level")
                .el("th", "Same platform").el("th", "Evidence").close("tr").close("thead").open("tbody");
        for (Link l : c.links()) {
            h.open("tr").el("td", l.a(), "class", "key").el("td", l.b(), "class", "key").el("td", Fmt.score2(l.score()), "class", "num")
                    .open("td").el("span", l.level(), "style", "color: " + Palette.link(l.level()) + "; font-weight: 600");
            if (l.disclosed()) h.text(" ").el("span", "approved", "style", "color: " + Palette.APPROVED);
            h.close("td").el("td", l.samePlatform() ? "yes" : "no").open("td");
            for (Evidence e : l.evidence()) {
                h.open("span", "class", e.generic() ? "ev generic" : "ev", "title", e.note())
                        .el("b", e.type().wire()).text(" " + e.display() + " · " + String.format(Locale.ROOT, "%.2f", e.weight())).close("span");
            }
            h.close("td").close("tr").nl();
        }
        h.close("tbody").close("table").close("section").nl();
    }

    private static void blastRadius(Html h, ReportContent c) {
        BlastRadius.Worst worst = c.analysis().worstBlastRadius();
        h.open("section", "id", "blast-radius").el("h2", "Blast radius of the worst store").nl();
        if (worst.store() == null) {
            h.el("p", "No store earns revenue, so no suspension costs anything.").close("section").nl();
            return;
        }
        blastTable(h, worst.store(), c);
        if (worst.cluster() != null && !worst.cluster().store().equals(worst.store().store())) {
            var nc = c.clusters().stream().filter(n -> n.cluster().id().equals(worst.clusterId())).findFirst();
            h.el("h3", "Worst store inside a linked cluster" + nc.map(n -> " (" + n.label() + ")").orElse(""));
            blastTable(h, worst.cluster(), c);
        }
        h.close("section").nl();
    }

    private static void blastTable(Html h, BlastRadius.Result r, ReportContent c) {
        h.open("p").text("If ").el("span", r.store(), "class", "key").text(" is suspended, the expected loss is ")
                .el("strong", Fmt.money(r.revenueLostUsd()) + " USD a month")
                .text(" (" + Fmt.pct(r.shareOfPortfolio()) + " of the portfolio's monthly revenue); " + Fmt.money(r.revenueAtStakeUsd())
                        + " USD a month is at stake across it and " + r.stores().size() + " other store" + (r.stores().size() == 1 ? "" : "s") + ".")
                .close("p");
        if (r.stores().isEmpty()) return;
        h.open("table").open("thead").open("tr").el("th", "Store").el("th", "How it goes down").el("th", "Probability", "class", "num")
                .el("th", "USD / month", "class", "num").el("th", "Through").close("tr").close("thead").open("tbody");
        for (BlastRadius.Affected a : r.stores()) {
            var s = c.storesByKey().get(a.store());
            h.open("tr").open("td").el("span", a.store(), "class", "key");
            if (s != null && s.suspended()) h.text(" ").el("span", "SUSPENDED", "class", "susp");
            h.close("td").el("td", a.reason().equals(BlastRadius.FREEZE) ? "payment freeze" : "chain suspension")
                    .el("td", Fmt.pct(a.probability()), "class", "num").el("td", Fmt.money(a.monthlyRevenueUsd()), "class", "num")
                    .el("td", String.join("; ", a.via())).close("tr");
        }
        h.close("tbody").close("table").nl();
    }

    private static void recommendations(Html h, ReportContent c) {
        List<Recommender.Action> actions = c.analysis().recommendations();
        h.open("section", "id", "recommendations").el("h2", "Recommendations").nl();
        h.el("p", RANKING, "class", "note");
        if (actions.isEmpty()) {
            h.el("p", "No action lowers the modelled risk.").close("section").nl();
            return;
        }
        h.open("table", "class", "actions").open("thead").open("tr").el("th", "#", "class", "num").el("th", "Kind").el("th", "Action")
                .el("th", "Δ expected loss (USD/yr)", "class", "num").el("th", "Δ platform HHI", "class", "num")
                .el("th", "Critical clusters removed", "class", "num").el("th", "Cost (USD)", "class", "num")
                .el("th", "First-year net (USD)", "class", "num").close("tr").close("thead").open("tbody");
        for (int i = 0; i < actions.size(); i++) {
            Recommender.Action a = actions.get(i);
            h.open("tr").el("td", Integer.toString(i + 1), "class", "num").el("td", a.kind())
                    .open("td", "class", "action").el("strong", a.title()).el("div", a.detail(), "class", "note").close("td")
                    .el("td", Fmt.signedMoney(a.deltaExpectedLossUsd()), "class", "num" + (a.deltaExpectedLossUsd() < 0 ? " good" : ""))
                    .el("td", Fmt.signed(a.deltaPlatformHhi()), "class", "num" + (a.deltaPlatformHhi() < 0 ? " good" : ""))
                    .el("td", Integer.toString(a.criticalClustersRemoved()), "class", "num")
                    .el("td", Fmt.money(a.costUsd()), "class", "num")
                    .el("td", Fmt.signedMoney(a.netFirstYearUsd()), "class", "num" + (a.netFirstYearUsd() > 0 ? " good" : "")).close("tr").nl();
        }
        h.close("tbody").close("table").close("section").nl();
    }

    static final String RANKING = "Ranked by first-year net: the expected annual loss an action avoids minus its one-off cost. "
            + "Δ expected loss is the change of the expected annual loss in USD (negative is better); Δ platform HHI the change of "
            + "platform concentration (the other dimensions are in each action's effect line); cost comes from the configured "
            + "replacement and set-up costs (planning assumptions, see Method).";

    private static void method(Html h, ReportContent c) {
        h.open("section", "id", "method").el("h2", "Method and thresholds").nl().open("dl", "class", "method");
        for (ReportContent.MethodRow row : c.method()) h.el("dt", row.topic()).el("dd", row.text()).nl();
        h.close("dl").close("section").nl();
    }
}
