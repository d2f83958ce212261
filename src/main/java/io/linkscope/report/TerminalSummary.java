package io.linkscope.report;

import io.linkscope.analysis.TenantAnalysis;

import io.linkscope.analysis.model.Link;
import io.linkscope.analysis.model.StoreInfo;
import io.linkscope.analysis.risk.Concentration;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The short terminal summary {@code ./linkscope demo} prints: stores per platform, linked clusters, concentration. */
public final class TerminalSummary {
    private TerminalSummary() {
    }

    public static String render(TenantAnalysis t) {
        StringBuilder out = new StringBuilder();
        List<StoreInfo> stores = t.snapshot().stores();
        Map<String, int[]> count = new TreeMap<>();
        Map<String, Double> revenue = new TreeMap<>();
        for (StoreInfo s : stores) {
            count.computeIfAbsent(s.platform(), k -> new int[2])[0]++;
            if (s.suspended()) count.get(s.platform())[1]++;
            revenue.merge(s.platform(), s.suspended() ? 0 : s.monthlyRevenueUsd(), Double::sum);
        }
        double total = revenue.values().stream().mapToDouble(Double::doubleValue).sum();
        out.append(String.format(Locale.ROOT, "Portfolio %s: %d stores on %d platforms, %s USD/month%n%n", t.tenant(),
                stores.size(), count.size(), money(total)));
        out.append(String.format(Locale.ROOT, "  %-14s %6s %10s %14s %7s%n", "platform", "stores", "suspended", "USD/month", "share"));
        revenue.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).forEach(e ->
                out.append(String.format(Locale.ROOT, "  %-14s %6d %10d %14s %6.1f%%%n", e.getKey(), count.get(e.getKey())[0],
                        count.get(e.getKey())[1], money(e.getValue()), total == 0 ? 0 : 100 * e.getValue() / total)));

        List<Link> strongOrLikely = t.linkage().links().stream().filter(l -> !"weak".equals(l.level())).toList();
        out.append(String.format(Locale.ROOT, "%nLinkage: %d links (%d strong, %d likely, %d weak), %d linked clusters%n",
                t.linkage().links().size(), strongOrLikely.stream().filter(l -> "strong".equals(l.level())).count(),
                strongOrLikely.stream().filter(l -> "likely".equals(l.level())).count(),
                t.linkage().links().size() - strongOrLikely.size(), t.linkage().clusters().size()));
        t.linkage().clusters().stream()
                .sorted((a, b) -> Integer.compare(rank(b.risk()), rank(a.risk())))
                .forEach(c -> {
                    out.append(String.format(Locale.ROOT, "  %-8s %s  %d stores on %s, %s USD/month%n", c.risk().toUpperCase(Locale.ROOT),
                            c.id(), c.stores().size(), String.join("+", c.platforms()), money(c.monthlyRevenueUsd())));
                    out.append("           ").append(String.join(", ", c.stores())).append('\n');
                    if (!c.reasons().isEmpty()) out.append("           ").append(c.reasons().get(0)).append('\n');
                });

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
            actions.stream().limit(3).forEach(a -> out.append(String.format(Locale.ROOT, "  %-14s %s%n  %14s Δ expected loss %s USD/year, Δ platform HHI %,.0f%n",
                    a.kind(), a.title(), "", money(a.deltaExpectedLossUsd()), a.deltaPlatformHhi())));
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String name, Concentration.Dimension d) {
        String top = d.shares().isEmpty() ? "-" : d.shares().keySet().iterator().next();
        out.append(String.format(Locale.ROOT, "  %-17s HHI %,7.0f  %-14s entropy %.2f nats  effective %.1f  top %s %.0f%%%n",
                name, d.hhi(), d.band(), d.entropy(), d.effectiveNumber(), top, 100 * d.topShare()));
    }

    private static int rank(String risk) {
        return List.of("low", "medium", "high", "critical").indexOf(risk);
    }

    private static String money(double usd) {
        return String.format(Locale.ROOT, "%,.0f", usd);
    }

}
