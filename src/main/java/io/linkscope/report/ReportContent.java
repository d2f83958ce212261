package io.linkscope.report;

import io.linkscope.analysis.TenantAnalysis;
import io.linkscope.analysis.linkage.ClusterTie;
import io.linkscope.analysis.linkage.LinkageConfig;
import io.linkscope.analysis.model.Cluster;
import io.linkscope.analysis.model.Link;
import io.linkscope.analysis.model.StoreInfo;
import io.linkscope.analysis.model.StoreRisk;
import io.linkscope.analysis.risk.Concentration;
import io.linkscope.analysis.risk.RiskConfig;
import io.linkscope.normalize.IdentifierType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What every human-readable report says, worked out once from a {@link TenantAnalysis}: the portfolio by
 * platform, clusters in the order they matter (numbered C1, C2… for people), links by score, the overall risk
 * level with what drives it, and the method, in the reader's language. The terminal summary, HTML and Markdown only
 * lay it out.
 */
record ReportContent(Messages m, TenantAnalysis analysis, Portfolio portfolio, Overall overall, List<NumberedCluster> clusters,
                     List<Link> links, List<StoreInfo> unclustered, Map<String, StoreInfo> storesByKey) {

    /** @param revenueUsd current monthly revenue (suspended stores earn nothing) */
    record PlatformRow(String platform, int stores, int suspended, double revenueUsd, double share) {
    }

    record Portfolio(int stores, int suspended, double monthlyRevenueUsd, List<PlatformRow> platforms) {
    }

    /**
     * A cluster with the short label the report uses for it ({@code C1} is the riskiest) and its name: what ties
     * it, {@code Acme Home Goods LLC · amazon ×7}.
     */
    record NumberedCluster(String label, Cluster cluster, ClusterTie tie, String name) {
    }

    /** @param level low | medium | high | critical; drivers: one sentence per reason, worst first */
    record Overall(String level, List<String> drivers) {
    }

    /** One line of the method section: a topic and what was used. */
    record MethodRow(String topic, String text) {
    }

    static ReportContent of(TenantAnalysis t, Messages m) {
        Map<String, StoreInfo> byKey = new LinkedHashMap<>();
        t.snapshot().stores().stream().sorted(Comparator.comparing(StoreInfo::key)).forEach(s -> byKey.put(s.key(), s));

        List<Cluster> sorted = t.linkage().clusters().stream()
                .sorted(Comparator.comparingInt((Cluster c) -> -Fmt.rank(c.risk()))
                        .thenComparing(Comparator.comparingDouble(Cluster::monthlyRevenueUsd).reversed())
                        .thenComparing(Cluster::id))
                .toList();
        Map<String, ClusterTie> ties = ties(t);
        List<NumberedCluster> clusters = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            ClusterTie tie = ties.get(sorted.get(i).id());
            clusters.add(new NumberedCluster("C" + (i + 1), sorted.get(i), tie, name(m, tie)));
        }
        Set<String> clustered = sorted.stream().flatMap(c -> c.stores().stream()).collect(Collectors.toSet());
        List<StoreInfo> unclustered = byKey.values().stream().filter(s -> !clustered.contains(s.key())).toList();

        return new ReportContent(m, t, portfolio(t.snapshot().stores()), overall(t, m, clusters), List.copyOf(clusters),
                linksByScore(t.linkage().links()), unclustered, byKey);
    }

    static Map<String, ClusterTie> ties(TenantAnalysis t) {
        return ClusterTie.of(t.linkage(), t.snapshot().stores(), t.settings().linkage().minScore());
    }

    /** {@code Acme Home Goods LLC · amazon ×7}: a legal entity by its name, any other tie with its type. */
    static String name(Messages m, ClusterTie tie) {
        if (tie == null) return "";
        // stores each on another platform: the platforms say more than "×1"
        String where = tie.platformStores() <= 1 && tie.platforms().size() > 1 ? String.join("+", tie.platforms())
                : m.t("cluster.platform", "platform", tie.platform(), "count", tie.platformStores());
        if (tie.type() == null) return where;
        String what = tie.type().equals("legal_entity") ? tie.display() : m.t("cluster.tie", "type", m.idType(tie.type()), "display", tie.display());
        return m.t("cluster.name", "tie", what, "where", where);
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
    private static Overall overall(TenantAnalysis t, Messages m, List<NumberedCluster> clusters) {
        int level = 0;
        List<String> drivers = new ArrayList<>();
        NumberedCluster worst = clusters.isEmpty() ? null : clusters.get(0);
        StoreRisk worstStore = t.linkage().storeRisk().values().stream()
                .max(Comparator.comparingInt((StoreRisk r) -> Fmt.rank(r.risk()))).orElse(null);
        if (worst != null && Fmt.rank(worst.cluster().risk()) > 0) {
            Cluster w = worst.cluster();
            level = Fmt.rank(w.risk());
            long others = clusters.stream().filter(c -> c.cluster().risk().equals(w.risk())).count() - 1;
            drivers.add(m.t("overall.cluster", "label", worst.label(), "name", worst.name(), "stores", w.stores().size(),
                    "revenue", m.money(w.monthlyRevenueUsd()), "risk", m.risk(w.risk()), "others", others,
                    "why", w.findings().isEmpty() ? "" : m.reason(w.findings().get(0))));
        } else if (worstStore != null && Fmt.rank(worstStore.risk()) > 0) {
            level = Fmt.rank(worstStore.risk());
            drivers.add(m.t("overall.store", "store", worstStore.store(), "risk", m.risk(worstStore.risk()),
                    "why", worstStore.findings().isEmpty() ? "" : m.reason(worstStore.findings().get(0))));
        }
        Concentration.Dimension platform = t.concentration().platform();
        int concentration = switch (platform.band()) {
            case "high" -> 2;
            case "moderate" -> 1;
            default -> 0;
        };
        if (concentration > 0) {
            String top = platform.shares().isEmpty() ? "" : platform.shares().keySet().iterator().next();
            drivers.add(m.t("overall.concentration", "band", platform.band(), "hhi", m.integer(platform.hhi()), "top", top,
                    "share", m.pct(platform.topShare())));
        }
        level = Math.max(level, concentration);
        var risk = t.risk();
        if (risk.annualRevenueUsd() > 0) {
            drivers.add(m.t("overall.loss", "loss", m.money(risk.expectedAnnualLossUsd()),
                    "share", m.pct(risk.expectedAnnualLossUsd() / risk.annualRevenueUsd()), "var", m.money(risk.var95Usd())));
        }
        return new Overall(io.linkscope.analysis.linkage.LinkageRisk.LEVELS.get(level), List.copyOf(drivers));
    }

    /** Why a cluster has its rating: its first reason, or why a linked cluster can still be low. */
    String why(Cluster c) {
        if (!c.findings().isEmpty()) return m.reason(c.findings().get(0));
        return m.t("cluster.why.none");
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
                .map(e -> m.idType(e.getKey()) + " " + num(e.getValue()))
                .collect(Collectors.joining(m.t("list.separator")));
        var risk = analysis.risk();
        List<MethodRow> rows = new ArrayList<>();
        rows.add(row("score", "generic", num(l.genericFactor()), "damping", num(l.repeatDamping())));
        rows.add(new MethodRow(m.t("method.weights.topic"), m.t("method.weights", "weights", weights)));
        rows.add(row("rarity", "gap", fmt(l.gapDays()), "halfLife", fmt(l.halfLifeDays())));
        rows.add(row("levels", "strong", num(l.strong()), "likely", num(l.likely()), "weak", num(l.minScore()), "cluster", num(l.clusterThreshold())));
        rows.add(row("risk"));
        rows.add(row("concentration", "moderate", m.integer(b.moderate()), "high", m.integer(b.high())));
        rows.add(row("montecarlo", "trials", risk.trials(), "seed", Long.toString(risk.seed()), "se", m.money(risk.standardError()),
                "hazard", m.pct(r.defaultHazard()), "critical", fmt(r.levelMultiplier().get("critical")), "high", fmt(r.levelMultiplier().get("high")),
                "medium", fmt(r.levelMultiplier().get("medium")), "contagion", fmt(r.contagionScale()), "freeze", fmt(r.freezeProbability())));
        rows.add(row("blast"));
        var rc = analysis.settings().recommend();
        rows.add(row("hazards", "hazards", m.list(r.baseHazard().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + m.pct(e.getValue())).toList()), "other", m.pct(r.defaultHazard())));
        rows.add(row("recommend", "shift", m.pct(rc.maxShift()), "per", Fmt.perPeriod(m, rc.period()), "newMarketplaces", rc.maxNewMarketplaces(),
                "catalog", rc.catalog().size(), "account", m.pct(rc.maxAccountShare()), "provider", m.pct(rc.maxProviderShare())));
        rows.add(row("costs", "costs", m.list(rc.replacementCostUsd().entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> m.idType(e.getKey()) + " " + m.money(e.getValue())).toList())));
        rows.add(row("identifiers"));
        rows.add(row("settings"));
        return rows;
    }

    /** A method row from {@code method.<key>.topic} and {@code method.<key>}. */
    private MethodRow row(String key, Object... args) {
        return new MethodRow(m.t("method." + key + ".topic"), m.t("method." + key, args));
    }

    /** A threshold or weight exactly as configured (0.8, 0.45), not rounded and not grouped. */
    private static String num(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
