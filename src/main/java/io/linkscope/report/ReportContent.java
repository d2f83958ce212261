package io.linkscope.report;

import io.linkscope.analysis.TenantAnalysis;
import io.linkscope.analysis.linkage.LinkageConfig;
import io.linkscope.analysis.model.Cluster;
import io.linkscope.analysis.model.Link;
import io.linkscope.analysis.model.StoreInfo;
import io.linkscope.analysis.model.StoreRisk;
import io.linkscope.analysis.risk.Concentration;
import io.linkscope.analysis.risk.RiskConfig;
import io.linkscope.normalize.IdentifierType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What every human-readable report says, worked out once from a {@link TenantAnalysis}: the portfolio by
 * platform, clusters in the order they matter (numbered C1, C2… for people), links by score, the overall risk
 * level with what drives it, and the method. The terminal summary, HTML and Markdown only lay it out.
 */
record ReportContent(TenantAnalysis analysis, Portfolio portfolio, Overall overall, List<NumberedCluster> clusters,
                     List<Link> links, List<StoreInfo> unclustered, Map<String, StoreInfo> storesByKey) {

    /** @param revenueUsd current monthly revenue (suspended stores earn nothing) */
    record PlatformRow(String platform, int stores, int suspended, double revenueUsd, double share) {
    }

    record Portfolio(int stores, int suspended, double monthlyRevenueUsd, List<PlatformRow> platforms) {
    }

    /** A cluster with the short label the report uses for it ({@code C1} is the riskiest). */
    record NumberedCluster(String label, Cluster cluster) {
    }

    /** @param level low | medium | high | critical; drivers: one sentence per reason, worst first */
    record Overall(String level, List<String> drivers) {
    }

    /** One line of the method section: a topic and what was used. */
    record MethodRow(String topic, String text) {
    }

    static ReportContent of(TenantAnalysis t) {
        Map<String, StoreInfo> byKey = new LinkedHashMap<>();
        t.snapshot().stores().stream().sorted(Comparator.comparing(StoreInfo::key)).forEach(s -> byKey.put(s.key(), s));

        List<Cluster> sorted = t.linkage().clusters().stream()
                .sorted(Comparator.comparingInt((Cluster c) -> -Fmt.rank(c.risk()))
                        .thenComparing(Comparator.comparingDouble(Cluster::monthlyRevenueUsd).reversed())
                        .thenComparing(Cluster::id))
                .toList();
        List<NumberedCluster> clusters = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) clusters.add(new NumberedCluster("C" + (i + 1), sorted.get(i)));
        Set<String> clustered = sorted.stream().flatMap(c -> c.stores().stream()).collect(Collectors.toSet());
        List<StoreInfo> unclustered = byKey.values().stream().filter(s -> !clustered.contains(s.key())).toList();

        return new ReportContent(t, portfolio(t.snapshot().stores()), overall(t, clusters), List.copyOf(clusters),
                linksByScore(t.linkage().links()), unclustered, byKey);
    }

    /** Strongest first; ties by store keys, so every format lists links in the same order. */
    static List<Link> linksByScore(List<Link> links) {
        return links.stream()
                .sorted(Comparator.comparingDouble(Link::score).reversed().thenComparing(Link::a).thenComparing(Link::b))
                .toList();
    }

    static Portfolio portfolio(List<StoreInfo> stores) {
        Map<String, int[]> count = new TreeMap<>();
        Map<String, Double> revenue = new TreeMap<>();
        int suspended = 0;
        for (StoreInfo s : stores) {
            int[] c = count.computeIfAbsent(s.platform(), k -> new int[2]);
            c[0]++;
            if (s.suspended()) {
                c[1]++;
                suspended++;
            }
            revenue.merge(s.platform(), s.suspended() ? 0 : s.monthlyRevenueUsd(), Double::sum);
        }
        double total = revenue.values().stream().mapToDouble(Double::doubleValue).sum();
        List<PlatformRow> rows = revenue.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new PlatformRow(e.getKey(), count.get(e.getKey())[0], count.get(e.getKey())[1], e.getValue(),
                        total == 0 ? 0 : e.getValue() / total))
                .toList();
        return new Portfolio(stores.size(), suspended, total, rows);
    }

    /**
     * The worst of: the riskiest store or cluster's linkage level, and the platform concentration band
     * (highly concentrated counts as high, moderately as medium).
     */
    private static Overall overall(TenantAnalysis t, List<NumberedCluster> clusters) {
        int level = 0;
        List<String> drivers = new ArrayList<>();
        NumberedCluster worst = clusters.isEmpty() ? null : clusters.get(0);
        StoreRisk worstStore = t.linkage().storeRisk().values().stream()
                .max(Comparator.comparingInt((StoreRisk r) -> Fmt.rank(r.risk()))).orElse(null);
        if (worst != null && Fmt.rank(worst.cluster().risk()) > 0) {
            Cluster w = worst.cluster();
            level = Fmt.rank(w.risk());
            long others = clusters.stream().filter(c -> c.cluster().risk().equals(w.risk())).count() - 1;
            drivers.add(String.format(Locale.ROOT, "Cluster %s (%d stores, %s USD/month) is rated %s%s.", worst.label(), w.stores().size(),
                    Fmt.money(w.monthlyRevenueUsd()), w.risk(), others == 0 ? "" : ", and " + others + " more cluster" + (others == 1 ? " is" : "s are") + " too")
                    + (w.reasons().isEmpty() ? "" : " " + w.reasons().get(0)));
        } else if (worstStore != null && Fmt.rank(worstStore.risk()) > 0) {
            level = Fmt.rank(worstStore.risk());
            drivers.add("Store " + worstStore.store() + " is rated " + worstStore.risk() + "."
                    + (worstStore.reasons().isEmpty() ? "" : " " + worstStore.reasons().get(0)));
        }
        Concentration.Dimension platform = t.concentration().platform();
        int concentration = switch (platform.band()) {
            case "high" -> 2;
            case "moderate" -> 1;
            default -> 0;
        };
        if (concentration > 0) {
            String top = platform.shares().isEmpty() ? "" : platform.shares().keySet().iterator().next();
            drivers.add(String.format(Locale.ROOT, "Revenue is %s concentrated by platform: HHI %s, %s alone earns %s.",
                    platform.band().equals("high") ? "highly" : "moderately", Fmt.hhi(platform.hhi()), top, Fmt.pct(platform.topShare())));
        }
        level = Math.max(level, concentration);
        var risk = t.risk();
        if (risk.annualRevenueUsd() > 0) {
            drivers.add(String.format(Locale.ROOT, "Expected loss over 12 months is %s USD, %s of annual revenue; in one year in twenty it exceeds %s USD.",
                    Fmt.money(risk.expectedAnnualLossUsd()), Fmt.pct(risk.expectedAnnualLossUsd() / risk.annualRevenueUsd()),
                    Fmt.money(risk.var95Usd())));
        }
        return new Overall(io.linkscope.analysis.linkage.LinkageRisk.LEVELS.get(level), List.copyOf(drivers));
    }

    /** Why a cluster has its rating: its first reason, or why a linked cluster can still be low. */
    static String why(Cluster c) {
        if (!c.reasons().isEmpty()) return c.reasons().get(0);
        return "Linked, but no platform's related-account policy covers these ties (different platforms, or different "
                + "regions of a regional platform) and no receiving account is shared.";
    }

    long linksAt(String level) {
        return links.stream().filter(l -> l.level().equals(level)).count();
    }

    /** How scores, levels, bands and the risk model were set for this report. */
    List<MethodRow> method() {
        LinkageConfig l = analysis.settings().linkage();
        RiskConfig r = analysis.settings().risk();
        Concentration.Bands b = analysis.settings().bands();
        String weights = l.weights().entrySet().stream()
                .sorted(Map.Entry.<IdentifierType, Double>comparingByValue().reversed().thenComparing(e -> e.getKey().wire()))
                .map(e -> e.getKey().wire() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        var risk = analysis.risk();
        List<MethodRow> rows = new ArrayList<>();
        rows.add(new MethodRow("Linkage score", "Each identifier two stores share is one piece of evidence with weight = base weight × rarity × time factor "
                + "(× " + l.genericFactor() + " for values you marked generic). The pair's score is the noisy-OR of its evidence, 1 − Π(1 − w); "
                + "the k-th identifier of one type counts at " + l.repeatDamping() + "^(k−1)."));
        rows.add(new MethodRow("Base weights", weights + "."));
        rows.add(new MethodRow("Rarity and time", "Values unrelated parties share (IPs, subnets, addresses; more slowly emails, phones, domains) "
                + "weigh less the more stores hold them; money and identity identifiers are never discounted. Private, loopback and CGNAT "
                + "addresses weigh nothing. Usage windows apart decay with the gap (e-folding " + fmt(l.gapDays()) + " days); old evidence halves every "
                + fmt(l.halfLifeDays()) + " days."));
        rows.add(new MethodRow("Link levels", "strong ≥ " + l.strong() + ", likely ≥ " + l.likely() + ", weak ≥ " + l.minScore()
                + "; stores join a cluster through links ≥ " + l.clusterThreshold() + "."));
        rows.add(new MethodRow("Risk levels", "critical: linked (likely or strong) on the same platform to a suspended store; high: "
                + "linked (likely or strong) to another store on a platform that forbids related accounts without approval, or to a "
                + "suspended store through a shared receiving account; medium: a receiving account shared across platforms; low: "
                + "weak or no ties. An approved (disclosed) pair lowers the level one step; a cluster takes its riskiest store's level. "
                + "The overall level is the worst of the linkage level and the platform concentration (highly concentrated counts as "
                + "high, moderately as medium)."));
        rows.add(new MethodRow("Concentration", "Herfindahl–Hirschman index of current monthly USD revenue (0–10,000), Shannon entropy (nats), "
                + "effective number (10,000 / HHI) and top share. Bands from the 2023 US Merger Guidelines (DOJ/FTC, §2.1): below "
                + Fmt.hhi(b.moderate()) + " unconcentrated, " + Fmt.hhi(b.moderate()) + "–" + Fmt.hhi(b.high()) + " moderately concentrated, above "
                + Fmt.hhi(b.high()) + " highly concentrated. Suspended and closed stores count as earning nothing."));
        rows.add(new MethodRow("Revenue at risk", String.format(Locale.ROOT, "Monte Carlo of 12 months, %,d trials, seed %d (same seed, same figures; "
                        + "standard error of the expected loss %s USD). Each store is suspended with its platform's base annual hazard "
                        + "(default %s) × the multiplier of its risk level (critical %s, high %s, medium %s); a suspension spreads to same-platform "
                        + "linked stores with probability %s × link score, and with probability %s freezes its receiving accounts and every store paid into them. "
                        + "VaR95 is the 95th percentile of the yearly loss, CVaR95 the mean of the worst 5%%.",
                risk.trials(), risk.seed(), Fmt.money(risk.standardError()), Fmt.pct(r.defaultHazard()),
                fmt(r.levelMultiplier().get("critical")), fmt(r.levelMultiplier().get("high")), fmt(r.levelMultiplier().get("medium")),
                fmt(r.contagionScale()), fmt(r.freezeProbability()))));
        rows.add(new MethodRow("Blast radius", "Same-platform stores linked at likely or above fall with the best chain of link scores; "
                + "stores sharing a receiving account with the store, on any platform, are frozen with it (probability 1)."));
        var rc = analysis.settings().recommend();
        rows.add(new MethodRow("Base hazards", r.baseHazard().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + Fmt.pct(e.getValue())).collect(Collectors.joining(", "))
                + "; any other platform " + Fmt.pct(r.defaultHazard()) + " a year. Planning assumptions, not platform statistics: replace them "
                + "with the group's own suspension history."));
        rows.add(new MethodRow("Recommendations", "Each action's effect is computed on the changed portfolio: linkage re-analysed, then the change "
                + "in expected annual loss (first-order closed form of the model above, so the difference is the effect and not sampling noise), "
                + "in HHI of every dimension, and the critical clusters removed. Actions are ranked by first-year net (loss avoided minus cost). "
                + "De-linking is a minimum cut on the store–identifier graph, each store's replacement of an identifier costing its type's price; "
                + "a cluster of three or more same-platform stores is broken up with isolating cuts (within 2 − 2/k of the cheapest). "
                + "Diversification finds the least-HHI marketplace mix within a " + Fmt.pct(rc.maxShift()) + " revenue shift per " + rc.period()
                + " (at most " + rc.maxNewMarketplaces() + " new marketplaces per " + rc.period() + ", from a catalog of " + rc.catalog().size()
                + " marketplaces, each with a ramp-up cap and the categories it suits). Limits: one receiving account ≤ "
                + Fmt.pct(rc.maxAccountShare()) + " of revenue, one payment provider ≤ " + Fmt.pct(rc.maxProviderShare()) + "."));
        rows.add(new MethodRow("Replacement costs", rc.replacementCostUsd().entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getKey() + " " + Fmt.money(e.getValue())).collect(Collectors.joining(", "))
                + " USD per store, one-off (first year of a subscription included). Planning assumptions, not quotes."));
        rows.add(new MethodRow("Identifiers", "Identifiers are stored only as keyed hashes; this report shows masked forms (for example "
                + "an email as its first letter and domain, an IP without its last octet). Legal entity names are shown as declared."));
        rows.add(new MethodRow("Settings", "The figures above are the settings this analysis ran with: linkscope's defaults unless the "
                + "configuration file overrides them (weights, bands, platform policy, the risk model, costs and the catalog)."));
        return rows;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
