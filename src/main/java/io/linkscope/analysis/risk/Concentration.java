package io.linkscope.analysis.risk;

import io.linkscope.analysis.model.Cluster;
import io.linkscope.analysis.model.IdentifierInfo;
import io.linkscope.analysis.model.LinkageResult;
import io.linkscope.analysis.model.Snapshot;
import io.linkscope.analysis.model.StoreInfo;
import io.linkscope.analysis.model.Usage;
import io.linkscope.normalize.IdentifierType;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.util.FastMath;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How concentrated monthly USD revenue is, by platform, marketplace, payment provider, legal entity and
 * linked cluster: Herfindahl–Hirschman index (0–10,000), Shannon entropy (nats), effective number
 * (10,000 / HHI), top share, and a band.
 *
 * <p>Bands default to the 2023 US DOJ/FTC Merger Guidelines (§2.1): HHI below 1,000 unconcentrated,
 * 1,000–1,800 moderately concentrated, above 1,800 highly concentrated. They are configurable.
 */
public final class Concentration {

    /** @param moderate HHI at which a dimension is moderately concentrated; @param high above which it is highly concentrated */
    public record Bands(double moderate, double high) {
        public static Bands mergerGuidelines2023() {
            return new Bands(1_000, 1_800);
        }

        public String band(double hhi, double total) {
            if (total <= 0) return "n/a";
            if (hhi > high) return "high";
            if (hhi >= moderate) return "moderate";
            return "unconcentrated";
        }
    }

    public record Dimension(double hhi, double entropy, double effectiveNumber, double topShare, String band,
                            Map<String, Double> shares) {
    }

    public record Report(Dimension platform, Dimension marketplace, Dimension paymentProvider, Dimension legalEntity,
                         Dimension cluster) {
    }

    private final Bands bands;

    public Concentration(Bands bands) {
        this.bands = bands;
    }

    public Bands bands() {
        return bands;
    }

    public Report analyze(Snapshot s, LinkageResult linkage) {
        Totals t = totals(s, linkage);
        return new Report(dimension(t.platform), dimension(t.marketplace), dimension(t.provider), dimension(t.entity), dimension(t.cluster));
    }

    /**
     * Revenue by name in each dimension, kept so that what a change to a few stores does to the indexes is computed
     * from those stores alone ({@link #add}, {@link Totals#hhi}).
     */
    public static final class Totals {
        final Map<String, Double> platform = new HashMap<>();
        final Map<String, Double> marketplace = new HashMap<>();
        final Map<String, Double> entity = new HashMap<>();
        final Map<String, Double> cluster = new HashMap<>();
        final Map<String, Double> provider = new HashMap<>();

        private Totals() {
        }

        /** A copy to change. */
        public Totals copy() {
            Totals t = new Totals();
            t.platform.putAll(platform);
            t.marketplace.putAll(marketplace);
            t.entity.putAll(entity);
            t.cluster.putAll(cluster);
            t.provider.putAll(provider);
            return t;
        }

        /** HHI (0–10,000, one decimal) of each dimension: platform, marketplace, paymentProvider, legalEntity, cluster. */
        public Map<String, Double> hhi() {
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("platform", hhiOf(platform));
            out.put("marketplace", hhiOf(marketplace));
            out.put("paymentProvider", hhiOf(provider));
            out.put("legalEntity", hhiOf(entity));
            out.put("cluster", hhiOf(cluster));
            return out;
        }

        private static double hhiOf(Map<String, Double> byName) {
            double total = 0, squares = 0;
            for (double v : byName.values()) if (v > 1e-9) total += v;
            if (total <= 0) return 0;
            for (double v : byName.values()) if (v > 1e-9) squares += (v / total) * (v / total);
            return round(10_000 * squares, 1);
        }
    }

    public Totals totals(Snapshot s, LinkageResult linkage) {
        Totals t = new Totals();
        Map<String, String> clusterOf = new HashMap<>();
        for (Cluster c : linkage.clusters()) c.stores().forEach(k -> clusterOf.put(k, c.id()));
        List<List<String>> providers = new ArrayList<>();
        for (int i = 0; i < s.stores().size(); i++) providers.add(new ArrayList<>());
        for (Usage u : s.usages()) {
            IdentifierInfo id = s.identifiers().get(u.identifier());
            if (id.type() == IdentifierType.PAYMENT && id.provider() != null && !providers.get(u.store()).contains(id.provider())) {
                providers.get(u.store()).add(id.provider());
            }
        }
        for (int i = 0; i < s.stores().size(); i++) {
            StoreInfo st = s.stores().get(i);
            add(t, st, providers.get(i), clusterOf.getOrDefault(st.key(), "store:" + st.key()), 1);
        }
        return t;
    }

    /**
     * Adds ({@code sign} 1) or takes away (-1) one store's revenue in every dimension.
     *
     * @param providers its payment providers, in order of first use
     */
    public static void add(Totals t, StoreInfo st, List<String> providers, String cluster, int sign) {
        double revenue = sign * revenue(st);
        t.platform.merge(st.platform(), revenue, Double::sum);
        t.marketplace.merge(st.platform() + ":" + st.marketplace(), revenue, Double::sum);
        t.entity.merge(st.legalEntity() == null ? "(undeclared)" : st.legalEntity(), revenue, Double::sum);
        addToCluster(t, st, cluster, sign);
        if (providers.isEmpty()) t.provider.merge("none", revenue, Double::sum);
        else for (String p : providers) t.provider.merge(p, revenue / providers.size(), Double::sum); // split evenly: no per-account split is declared
    }

    /** Moves one store's revenue in or out of a cluster (or its own {@code store:key} entry). */
    public static void addToCluster(Totals t, StoreInfo st, String cluster, int sign) {
        t.cluster.merge(cluster, sign * revenue(st), Double::sum);
    }

    /** Suspended and closed stores earn nothing now; their declared revenue is history. */
    static double revenue(StoreInfo s) {
        return s.trading() ? Math.max(0, s.monthlyRevenueUsd()) : 0.0;
    }

    public Dimension dimension(Map<String, Double> revenueByName) {
        double total = revenueByName.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total <= 0) return new Dimension(0, 0, 0, 0, bands.band(0, 0), Map.of());
        Map<String, Double> sorted = new TreeMap<>(revenueByName);
        double[] shares = sorted.values().stream().mapToDouble(v -> v / total).filter(v -> v > 0).toArray();
        double[] squares = new double[shares.length];
        double[] plogp = new double[shares.length];
        for (int i = 0; i < shares.length; i++) {
            squares[i] = shares[i] * shares[i];
            plogp[i] = -shares[i] * FastMath.log(shares[i]);
        }
        double hhi = 10_000 * StatUtils.sum(squares);
        double entropy = StatUtils.sum(plogp);
        Map<String, Double> ordered = new LinkedHashMap<>();
        sorted.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> ordered.put(e.getKey(), round(e.getValue() / total, 6)));
        return new Dimension(round(hhi, 1), round(entropy, 4), round(10_000 / hhi, 3), round(StatUtils.max(shares), 6),
                bands.band(hhi, total), ordered);
    }

    private static double round(double v, int digits) {
        double f = FastMath.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
