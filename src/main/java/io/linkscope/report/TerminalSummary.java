package io.linkscope.report;

import io.linkscope.analysis.TenantAnalysis;
import io.linkscope.analysis.model.Cluster;
import io.linkscope.analysis.risk.Concentration;

import java.util.Locale;

/** The short terminal summary {@code ./linkscope demo} prints: stores per platform, linked clusters, concentration. */
public final class TerminalSummary {
    private TerminalSummary() {
    }

    public static String render(TenantAnalysis t) {
        StringBuilder out = new StringBuilder();
        ReportContent c = ReportContent.of(t);
        ReportContent.Portfolio portfolio = c.portfolio();
        out.append(String.format(Locale.ROOT, "Portfolio %s: %d stores on %d platforms, %s USD/month%n%n", t.tenant(),
                portfolio.stores(), portfolio.platforms().size(), money(portfolio.monthlyRevenueUsd())));
        out.append(String.format(Locale.ROOT, "  %-14s %6s %10s %14s %7s%n", "platform", "stores", "suspended", "USD/month", "share"));
        for (ReportContent.PlatformRow row : portfolio.platforms()) {
            out.append(String.format(Locale.ROOT, "  %-14s %6d %10d %14s %6.1f%%%n", row.platform(), row.stores(), row.suspended(),
                    money(row.revenueUsd()), 100 * row.share()));
        }

        out.append(String.format(Locale.ROOT, "%nLinkage: %d links (%d strong, %d likely, %d weak), %d linked clusters%n",
                c.links().size(), c.linksAt("strong"), c.linksAt("likely"), c.linksAt("weak"), c.clusters().size()));
        for (ReportContent.NumberedCluster nc : c.clusters()) {
            Cluster cl = nc.cluster();
            out.append(String.format(Locale.ROOT, "  %-8s %s  %d stores on %s, %s USD/month%n", Fmt.riskLabel(cl.risk()),
                    cl.id(), cl.stores().size(), String.join("+", cl.platforms()), money(cl.monthlyRevenueUsd())));
            out.append("           ").append(String.join(", ", cl.stores())).append('\n');
            if (!cl.reasons().isEmpty()) out.append("           ").append(cl.reasons().get(0)).append('\n');
        }

        Concentration.Dimension p = t.concentration().platform();
        out.append(String.format(Locale.ROOT, "%nConcentration (2023 Merger Guidelines bands: <1,000 unconcentrated, 1,000-1,800 moderate, >1,800 high)%n"));
        line(out, "platform", p);
        line(out, "marketplace", t.concentration().marketplace());
        line(out, "payment provider", t.concentration().paymentProvider());
        line(out, "legal entity", t.concentration().legalEntity());
        line(out, "linked cluster", t.concentration().cluster());

        var risk = t.risk();
        out.append(String.format(Locale.ROOT, "%nRevenue at risk over 12 months (%,d trials, seed %d): expected loss %s USD, VaR95 %s, CVaR95 %s, P(loss > 50%%) %.1f%%%n",
                risk.trials(), risk.seed(), money(risk.expectedAnnualLossUsd()), money(risk.var95Usd()), money(risk.cvar95Usd()),
                100 * risk.probLossOver50Pct()));
        var actions = t.recommendations();
        if (!actions.isEmpty()) {
            out.append(String.format(Locale.ROOT, "%nTop actions (of %d):%n", actions.size()));
            String plan = Fmt.plan(t);
            if (plan != null) out.append("  ").append(plan).append('\n');
            actions.stream().limit(3).forEach(a -> out.append(String.format(Locale.ROOT, "  %-16s %s%n  %16s Δ expected loss %s USD/year · Δ HHI %s%n  %16s %s%n",
                    a.kind(), a.title(), "", money(a.deltaExpectedLossUsd()), Fmt.hhiDeltas(a.deltaHhi()), "", Fmt.value(a))));
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String name, Concentration.Dimension d) {
        String top = d.shares().isEmpty() ? "-" : d.shares().keySet().iterator().next();
        out.append(String.format(Locale.ROOT, "  %-17s HHI %,7.0f  %-14s entropy %.2f nats  effective %.1f  top %s %.0f%%%n",
                name, d.hhi(), d.band(), d.entropy(), d.effectiveNumber(), top, 100 * d.topShare()));
    }

    private static String money(double usd) {
        return Fmt.money(usd);
    }

}
