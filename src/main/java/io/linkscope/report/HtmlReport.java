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
 * The consultant's report as one self-contained HTML file: inline CSS and SVG, no scripts, no requests, no embedded
 * fonts (a CJK system font stack for Chinese), a page per section when printed. Markup is XHTML-compatible so it
 * parses as XML too. Every word comes from the {@link Messages} of the content.
 */
final class HtmlReport {
    private static final String CSS = """
            :root { --ink: #1d2939; --muted: #5d6b82; --line: #e4e7ec; --soft: #f6f7f9;
              --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans CJK SC", "Source Han Sans SC",
                "PingFang SC", "Microsoft YaHei", sans-serif; }
            * { box-sizing: border-box; }
            body { margin: 0; color: var(--ink); background: #fff;
              font: 14px/1.45 var(--sans); }
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
            .card .k.abbr { text-transform: none; }
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
            .nowrap, .badge { white-space: nowrap; }
            caption { text-align: left; padding-bottom: 4px; }
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
            svg text { font-family: var(--sans); }
            :lang(zh) .banner .level .k, :lang(zh) .card .k { letter-spacing: 0; }
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
        Messages m = c.m();
        Map<String, String> colours = Palette.platforms(c.portfolio().platforms().stream().map(ReportContent.PlatformRow::platform).toList());
        Html h = new Html();
        String tenant = c.analysis().tenant();
        h.raw("<!DOCTYPE html>\n");
        h.open("html", "xmlns", "http://www.w3.org/1999/xhtml", "lang", m.tag(), "xml:lang", m.tag()).nl();
        h.open("head").empty("meta", "charset", "utf-8").empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
                .el("title", m.t("report.htmlTitle", "tenant", tenant)).nl()
                .open("style").raw(CSS).close("style").close("head").nl();
        h.open("body").open("main").nl();
        h.open("header", "class", "title").el("h1", m.t("report.title"))
                .el("div", m.t("report.meta", "tenant", tenant, "stores", c.portfolio().stores(), "platforms", c.portfolio().platforms().size(),
                        "date", c.analysis().snapshot().asOf().toString().substring(0, 10)), "class", "meta")
                .close("header").nl();
        summary(h, c);
        graph(h, c, colours);
        concentration(h, c, colours);
        clusters(h, c);
        links(h, c);
        blastRadius(h, c);
        recommendations(h, c);
        method(h, c);
        h.open("footer").text(m.t("report.footer")).close("footer").nl();
        h.close("main").close("body").close("html").nl();
        return h.toString();
    }

    private static void summary(Html h, ReportContent c) {
        Messages m = c.m();
        var o = c.overall();
        var risk = c.analysis().risk();
        var p = c.portfolio();
        String colour = Palette.risk(o.level());
        h.open("section", "id", "summary", "class", "first").el("h2", m.t("summary.title")).nl();
        h.open("div", "class", "banner", "style", "border-left-color: " + colour)
                .open("div", "class", "level").el("div", m.t("summary.overall"), "class", "k")
                .el("div", Fmt.riskLabel(m, o.level()), "class", "v", "style", "color: " + colour).close("div")
                .open("ul");
        for (String d : o.drivers()) h.el("li", d);
        h.close("ul").close("div").nl();

        long critical = c.clusters().stream().filter(n -> n.cluster().risk().equals("critical")).count();
        long high = c.clusters().stream().filter(n -> n.cluster().risk().equals("high")).count();
        h.open("div", "class", "cards");
        card(h, m.t("card.stores"), m.integer(p.stores()), m.t("card.stores.sub", "suspended", p.suspended(), "platforms", p.platforms().size()));
        card(h, m.t("card.revenue"), m.money(p.monthlyRevenueUsd()), m.t("card.revenue.sub"));
        card(h, m.t("card.clusters"), m.integer(c.clusters().size()), m.t("card.clusters.sub", "critical", critical, "high", high));
        card(h, m.t("card.links"), m.integer(c.links().size()), m.t("card.links.sub", "strong", c.linksAt("strong"), "likely", c.linksAt("likely"),
                "weak", c.linksAt("weak")));
        card(h, m.t("card.loss"), m.money(risk.expectedAnnualLossUsd()),
                risk.annualRevenueUsd() > 0 ? m.t("card.loss.sub", "share", m.pct(risk.expectedAnnualLossUsd() / risk.annualRevenueUsd())) : "");
        card(h, "VaR95", m.money(risk.var95Usd()), m.t("card.var.sub"));
        card(h, "CVaR95", m.money(risk.cvar95Usd()), m.t("card.cvar.sub"));
        card(h, m.t("card.hhi"), m.integer(c.analysis().concentration().platform().hhi()), m.band(c.analysis().concentration().platform().band()));
        h.close("div").nl();

        List<Recommender.Action> actions = c.analysis().recommendations();
        ActionText words = new ActionText(m, TerminalSummary.names(c));
        h.el("h3", m.t("summary.topActions"));
        if (actions.isEmpty()) {
            h.el("p", m.t("summary.noAction"));
        } else {
            h.open("ol", "class", "actions");
            for (Recommender.Action a : actions.stream().limit(3).toList()) {
                h.open("li").el("strong", words.title(a)).open("div", "class", "effect").text(Fmt.effect(m, a)).close("div").close("li");
            }
            h.close("ol");
            String plan = Fmt.plan(m, c.analysis());
            if (plan != null) h.el("p", plan);
        }
        h.el("p", m.t("summary.riskNote", "trials", risk.trials(), "seed", Long.toString(risk.seed()), "revenue", m.money(risk.annualRevenueUsd()),
                "half", m.pct(risk.probLossOver50Pct())), "class", "note");
        h.close("section").nl();
    }

    private static void card(Html h, String key, String value, String sub) {
        // VaR95 and CVaR95 are spelled as they are, not in capitals
        h.open("div", "class", "card").el("div", key, "class", key.contains("VaR") ? "k abbr" : "k").el("div", value, "class", "v").el("div", sub, "class", "s").close("div");
    }

    private static void graph(Html h, ReportContent c, Map<String, String> colours) {
        Messages m = c.m();
        h.open("section", "id", "graph").el("h2", m.t("graph.title")).nl();
        int hidden = c.links().size() - LinkageGraphSvg.drawn(c).size();
        h.el("p", m.t("graph.note") + (hidden > 0 ? " " + m.t("graph.hidden", "count", hidden) : ""), "class", "note");
        legend(h, c, colours);
        h.open("div", "class", "figure");
        LinkageGraphSvg.render(h, c, colours);
        h.close("div").el("p", m.t("graph.alternative"), "class", "note").close("section").nl();
    }

    private static void legend(Html h, ReportContent c, Map<String, String> colours) {
        Messages m = c.m();
        h.open("div", "class", "legend");
        h.el("strong", m.t("legend.platforms"));
        colours.forEach((platform, colour) -> h.open("span").open("i", "class", "dot", "style", "background: " + colour).close("i").text(platform).close("span"));
        h.close("div").open("div", "class", "legend").el("strong", m.t("legend.links"));
        for (String level : List.of("strong", "likely", "weak")) {
            h.open("span");
            lineSwatch(h, Palette.link(level), "none", level.equals("strong") ? 2.4 : level.equals("likely") ? 1.8 : 1.0);
            h.text(m.t("legend.level", "level", m.linkLevel(level), "count", c.linksAt(level))).close("span");
        }
        h.open("span");
        lineSwatch(h, Palette.APPROVED, "none", 1.8);
        h.text(m.t("legend.approved")).close("span");
        h.close("div").open("div", "class", "legend").el("strong", m.t("legend.evidence"));
        for (Fmt.EvidenceKind kind : Fmt.EvidenceKind.values()) {
            h.open("span");
            lineSwatch(h, Palette.INK, kind.dash, 1.8);
            h.text(kind.label(m)).close("span");
        }
        h.close("div").open("div", "class", "legend").el("strong", m.t("legend.marks"));
        h.open("span").raw("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"18\" height=\"18\" viewBox=\"0 0 18 18\" aria-hidden=\"true\">"
                + "<circle cx=\"9\" cy=\"9\" r=\"5\" fill=\"#bab0ac\" stroke=\"" + Palette.SUSPENDED + "\" stroke-width=\"2\"/>"
                + "<path d=\"M2 2L16 16M16 2L2 16\" stroke=\"" + Palette.SUSPENDED + "\" stroke-width=\"2\"/></svg>").text(m.t("legend.suspended")).close("span");
        for (String level : List.of("critical", "high", "medium", "low")) {
            h.open("span").raw("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"18\" height=\"18\" viewBox=\"0 0 18 18\" aria-hidden=\"true\"><circle cx=\"9\" cy=\"9\" r=\"7\" fill=\"none\" stroke=\""
                    + Palette.risk(level) + "\" stroke-width=\"2\"/></svg>").text(m.t("legend.cluster", "level", m.risk(level))).close("span");
        }
        h.close("div");
    }

    private static void lineSwatch(Html h, String colour, String dash, double width) {
        h.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"30\" height=\"10\" viewBox=\"0 0 30 10\" aria-hidden=\"true\"><line x1=\"1\" y1=\"5\" x2=\"29\" y2=\"5\" stroke=\""
                + colour + "\" stroke-width=\"" + Html.num(width) + "\"" + (dash.equals("none") ? "" : " stroke-dasharray=\"" + dash + "\"")
                + " stroke-linecap=\"round\"/></svg>");
    }

    private static void concentration(Html h, ReportContent c, Map<String, String> colours) {
        Messages m = c.m();
        Concentration.Report r = c.analysis().concentration();
        Concentration.Bands bands = c.analysis().settings().bands();
        h.open("section", "id", "concentration").el("h2", m.t("concentration.title")).nl();
        h.el("p", m.t("concentration.note", "moderate", m.integer(bands.moderate()), "high", m.integer(bands.high())), "class", "note");
        h.open("div", "class", "charts");
        ShareChartSvg.render(h, m, m.t("chart.platform"), r.platform(), bands, name -> colours.getOrDefault(name, Palette.MUTED), name -> name);
        ShareChartSvg.render(h, m, m.t("chart.provider"), r.paymentProvider(), bands, name -> Palette.PROVIDER, m::provider);
        h.close("div").nl();
        h.el("h3", m.t("concentration.all"));
        h.open("table").open("thead").open("tr").el("th", m.t("col.dimension")).el("th", "HHI", "class", "num").el("th", m.t("col.band"))
                .el("th", m.t("col.entropy"), "class", "num").el("th", m.t("col.effective"), "class", "num").el("th", m.t("col.largest"))
                .el("th", m.t("col.topShare"), "class", "num").close("tr").close("thead").open("tbody");
        dimensionRow(h, m, "platform", r.platform());
        dimensionRow(h, m, "marketplace", r.marketplace());
        dimensionRow(h, m, "paymentProvider", r.paymentProvider());
        dimensionRow(h, m, "legalEntity", r.legalEntity());
        dimensionRow(h, m, "cluster", r.cluster());
        h.close("tbody").close("table").nl();
        h.el("h3", m.t("concentration.byPlatform"));
        h.open("table").open("thead").open("tr").el("th", m.t("col.platform")).el("th", m.t("col.stores"), "class", "num")
                .el("th", m.t("col.suspended"), "class", "num").el("th", m.t("col.revenue", "unit", m.moneyUnit()), "class", "num")
                .el("th", m.t("col.share"), "class", "num").close("tr").close("thead").open("tbody");
        for (ReportContent.PlatformRow row : c.portfolio().platforms()) {
            h.open("tr").open("td").open("i", "class", "dot", "style", "display: inline-block; width: 9px; height: 9px; border-radius: 50%; margin-right: 6px; background: "
                            + colours.get(row.platform())).close("i").text(row.platform()).close("td")
                    .el("td", Integer.toString(row.stores()), "class", "num").el("td", Integer.toString(row.suspended()), "class", "num")
                    .el("td", m.moneyCell(row.revenueUsd()), "class", "num").el("td", m.pct(row.share()), "class", "num").close("tr");
        }
        h.close("tbody").close("table").close("section").nl();
    }

    private static void dimensionRow(Html h, Messages m, String dimension, Concentration.Dimension d) {
        String top = largest(m, dimension, d);
        h.open("tr").el("td", capitalised(m, m.dimension(dimension))).el("td", m.integer(d.hhi()), "class", "num")
                .open("td").el("span", m.band(d.band()), "style", "color: " + Palette.bandText(d.band()) + "; font-weight: 600").close("td")
                .el("td", m.decimal(d.entropy(), 2), "class", "num")
                .el("td", m.decimal(d.effectiveNumber(), 1), "class", "num")
                .el("td", top).el("td", m.pct(d.topShare()), "class", "num").close("tr");
    }

    /** The largest share's name; a payment provider by its name. */
    static String largest(Messages m, String dimension, Concentration.Dimension d) {
        if (d.shares().isEmpty()) return "–";
        String top = d.shares().keySet().iterator().next();
        return dimension.equals("paymentProvider") ? m.provider(top) : top;
    }

    /** A term at the start of a table cell: "Payment provider" in English; Chinese has no case. */
    static String capitalised(Messages m, String term) {
        return term.isEmpty() ? term : term.substring(0, 1).toUpperCase(m.locale().toLocale()) + term.substring(1);
    }

    private static void clusters(Html h, ReportContent c) {
        Messages m = c.m();
        h.open("section", "id", "clusters").el("h2", m.t("clusters.title")).nl();
        h.el("p", m.t("clusters.note"), "class", "note");
        if (c.clusters().isEmpty()) {
            h.el("p", m.t("clusters.none"));
            h.close("section").nl();
            return;
        }
        h.open("table", "id", "cluster-table").el("caption", m.t("clusters.caption"), "class", "note")
                .open("thead").open("tr").el("th", m.t("col.cluster"), "scope", "col").el("th", m.t("col.risk"), "scope", "col")
                .el("th", m.t("col.stores"), "scope", "col").el("th", m.t("col.revenue", "unit", m.moneyUnit()), "class", "num", "scope", "col")
                .el("th", m.t("col.why"), "scope", "col").close("tr").close("thead").open("tbody");
        for (ReportContent.NumberedCluster nc : c.clusters()) {
            Cluster cl = nc.cluster();
            h.open("tr").open("th", "scope", "row").el("strong", nc.label() + " · " + nc.name()).empty("br").el("span", cl.id(), "class", "key note").close("th")
                    .open("td").el("span", Fmt.riskLabel(m, cl.risk()), "class", "badge", "style", "background: " + Palette.risk(cl.risk())).close("td")
                    .open("td", "class", "stores");
            for (String key : cl.stores()) {
                var s = c.storesByKey().get(key);
                h.open("div").el("span", key, "class", "key");
                if (s != null && s.suspended()) h.text(" ").el("span", m.t("store.suspended").toUpperCase(m.locale().toLocale()), "class", "susp");
                h.close("div");
            }
            h.close("td").el("td", m.moneyCell(cl.monthlyRevenueUsd()), "class", "num")
                    .el("td", c.why(cl)).close("tr").nl();
        }
        h.close("tbody").close("table").close("section").nl();
    }

    private static void links(Html h, ReportContent c) {
        Messages m = c.m();
        h.open("section", "id", "links").el("h2", m.t("links.title")).nl();
        h.el("p", m.t("links.note", "min", Fmt.score(c.analysis().settings().linkage().minScore())), "class", "note");
        h.open("table").open("thead").open("tr").el("th", m.t("col.storeA")).el("th", m.t("col.storeB")).el("th", m.t("col.score"), "class", "num")
                .el("th", m.t("col.level"), "class", "nowrap").el("th", m.t("col.samePlatform"), "class", "nowrap").el("th", m.t("col.evidence"))
                .close("tr").close("thead").open("tbody");
        for (Link l : c.links()) {
            h.open("tr").el("td", l.a(), "class", "key").el("td", l.b(), "class", "key").el("td", Fmt.score2(l.score()), "class", "num")
                    .open("td", "class", "nowrap").el("span", m.linkLevel(l.level()), "style", "color: " + Palette.linkText(l.level()) + "; font-weight: 600");
            if (l.disclosed()) h.text(" ").el("span", m.t("link.approved"), "style", "color: " + Palette.APPROVED_TEXT);
            h.close("td").el("td", m.t(l.samePlatform() ? "yes" : "no"), "class", "nowrap").open("td");
            for (Evidence e : l.evidence()) {
                h.open("span", "class", e.generic() ? "ev generic" : "ev", "title", Fmt.note(m, e))
                        .el("b", m.idType(e.type())).text(" " + e.display() + " · " + String.format(Locale.ROOT, "%.2f", e.weight()));
                String variant = Fmt.variant(m, e);
                if (variant != null) h.text(" ").el("i", variant, "class", "variant");
                h.close("span");
            }
            h.close("td").close("tr").nl();
        }
        h.close("tbody").close("table").close("section").nl();
    }

    private static void blastRadius(Html h, ReportContent c) {
        Messages m = c.m();
        BlastRadius.Worst worst = c.analysis().worstBlastRadius();
        h.open("section", "id", "blast-radius").el("h2", m.t("blast.title")).nl();
        if (worst.store() == null) {
            h.el("p", m.t("blast.none")).close("section").nl();
            return;
        }
        blastTable(h, worst.store(), c);
        if (worst.cluster() != null && !worst.cluster().store().equals(worst.store().store())) {
            var nc = c.clusters().stream().filter(n -> n.cluster().id().equals(worst.clusterId())).findFirst();
            h.el("h3", m.t("blast.inCluster", "cluster", nc.map(n -> n.label() + " · " + n.name()).orElse("")));
            blastTable(h, worst.cluster(), c);
        }
        h.close("section").nl();
    }

    private static void blastTable(Html h, BlastRadius.Result r, ReportContent c) {
        Messages m = c.m();
        h.open("p").text(m.t("blast.sentence", "store", r.store(), "lost", m.money(r.revenueLostUsd()), "share", m.pct(r.shareOfPortfolio()),
                "stake", m.money(r.revenueAtStakeUsd()), "others", r.stores().size())).close("p");
        if (r.stores().isEmpty()) return;
        h.open("table").open("thead").open("tr").el("th", m.t("col.store")).el("th", m.t("col.how")).el("th", m.t("col.probability"), "class", "num")
                .el("th", m.t("col.revenue", "unit", m.moneyUnit()), "class", "num").el("th", m.t("col.through")).close("tr").close("thead").open("tbody");
        for (BlastRadius.Affected a : r.stores()) {
            var s = c.storesByKey().get(a.store());
            h.open("tr").open("td").el("span", a.store(), "class", "key");
            if (s != null && s.suspended()) h.text(" ").el("span", m.t("store.suspended").toUpperCase(m.locale().toLocale()), "class", "susp");
            h.close("td").el("td", m.t("blast.reason." + a.reason()))
                    .el("td", m.pct(a.probability()), "class", "num").el("td", m.moneyCell(a.monthlyRevenueUsd()), "class", "num")
                    .el("td", via(m, a)).close("tr");
        }
        h.close("tbody").close("table").nl();
    }

    /** "linked through amazon:US:B", or the shared receiving accounts with their types as terms. */
    static String via(Messages m, BlastRadius.Affected a) {
        if (a.reason().equals(BlastRadius.CHAIN)) return m.t("blast.via.chain", "store", String.join(", ", a.via()));
        return String.join(m.t("list.groupSeparator"), a.via().stream().map(v -> {
            int space = v.indexOf(' ');
            return space > 0 ? m.idType(v.substring(0, space)) + v.substring(space) : v;
        }).toList());
    }

    private static void recommendations(Html h, ReportContent c) {
        Messages m = c.m();
        List<Recommender.Action> actions = c.analysis().recommendations();
        ActionText words = new ActionText(m, TerminalSummary.names(c));
        h.open("section", "id", "recommendations").el("h2", m.t("recommend.title")).nl();
        h.el("p", m.t("recommend.ranking"), "class", "note");
        if (actions.isEmpty()) {
            h.el("p", m.t("recommend.none")).close("section").nl();
            return;
        }
        h.open("table", "class", "actions").open("thead").open("tr").el("th", "#", "class", "num").el("th", m.t("col.kind")).el("th", m.t("col.action"))
                .el("th", m.t("col.deltaLoss", "unit", m.moneyUnit()), "class", "num").el("th", m.t("col.deltaHhi"), "class", "num")
                .el("th", m.t("col.criticalRemoved"), "class", "num").el("th", m.t("col.cost", "unit", m.moneyUnit()), "class", "num")
                .el("th", m.t("col.net", "unit", m.moneyUnit()), "class", "num").close("tr").close("thead").open("tbody");
        for (int i = 0; i < actions.size(); i++) {
            Recommender.Action a = actions.get(i);
            h.open("tr").el("td", Integer.toString(i + 1), "class", "num").el("td", m.actionKind(a.kind()))
                    .open("td", "class", "action").el("strong", words.title(a)).el("div", words.detail(a), "class", "note").close("td")
                    .el("td", m.signedMoneyCell(a.deltaExpectedLossUsd()), "class", "num" + (a.deltaExpectedLossUsd() < 0 ? " good" : ""))
                    .el("td", m.signed(a.deltaPlatformHhi()), "class", "num" + (a.deltaPlatformHhi() < 0 ? " good" : ""))
                    .el("td", Integer.toString(a.criticalClustersRemoved()), "class", "num")
                    .el("td", m.moneyCell(a.costUsd()), "class", "num")
                    .el("td", m.signedMoneyCell(a.netFirstYearUsd()), "class", "num" + (a.netFirstYearUsd() > 0 ? " good" : "")).close("tr").nl();
        }
        h.close("tbody").close("table").close("section").nl();
    }

    private static void method(Html h, ReportContent c) {
        h.open("section", "id", "method").el("h2", c.m().t("method.title")).nl().open("dl", "class", "method");
        for (ReportContent.MethodRow row : c.method()) h.el("dt", row.topic()).el("dd", row.text()).nl();
        h.close("dl").close("section").nl();
    }
}
