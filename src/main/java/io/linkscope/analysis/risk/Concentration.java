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
        return new Report(dimension(t.byName[Totals.PLATFORM]), dimension(t.byName[Totals.MARKETPLACE]), dimension(t.byName[Totals.PROVIDER]),
                dimension(t.byName[Totals.ENTITY]), dimension(t.byName[Totals.CLUSTER]));
    }

    /**
     * Revenue by name in each dimension, kept so that what a change to a few stores does to the indexes is computed
     * from those stores alone ({@link #add}, {@link Totals#hhi}).
     */
    public static final class Totals {
        private static final int PLATFORM = 0, MARKETPLACE = 1, PROVIDER = 2, ENTITY = 3, CLUSTER = 4;
        private static final String[] NAMES = {"platform", "marketplace", "paymentProvider", "legalEntity", "cluster"};
        /** Revenue by name per dimension; in a change, only the names it changed. */
        @SuppressWarnings("unchecked")
        private final Map<String, Double>[] byName = new Map[]{new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>()};
        /** What a change is made on, or null. */
        private final Totals parent;
        /** Per dimension: total and sum of squares of the positive values (of a parent, computed once). */
        private volatile double[][] sums;

        private Totals(Totals parent) {
            this.parent = parent;
        }

        /** A change on top of these totals: it copies nothing, and its HHI is computed from the names it changed. */
        public Totals copy() {
            return new Totals(this);
        }

        private double value(int dim, String name) {
            Double v = byName[dim].get(name);
            if (v != null) return v;
            return parent == null ? 0 : parent.value(dim, name);
        }

        void bump(int dim, String name, double delta) {
            byName[dim].put(name, value(dim, name) + delta);
        }

        private double[][] sums() {
            double[][] out = sums;
            if (out == null) {
                out = new double[5][2];
                for (int d = 0; d < 5; d++) {
                    for (double v : byName[d].values()) {
                        if (v <= 1e-9) continue;
                        out[d][0] += v;
                        out[d][1] += v * v;
                    }
                }
                sums = out;
            }
            return out;
        }

        /** HHI (0–10,000, one decimal) of each dimension: platform, marketplace, paymentProvider, legalEntity, cluster. */
        public Map<String, Double> hhi() {
            Map<String, Double> out = new LinkedHashMap<>();
            for (int d = 0; d < 5; d++) {
                double total, squares;
                if (parent == null) {
                    total = sums()[d][0];
                    squares = sums()[d][1];
                } else {
                    total = parent.sums()[d][0];
                    squares = parent.sums()[d][1];
                    for (Map.Entry<String, Double> e : byName[d].entrySet()) {
                        double was = parent.value(d, e.getKey()), now = e.getValue();
                        if (was > 1e-9) {
                            total -= was;
                            squares -= was * was;
                        }
                        if (now > 1e-9) {
                            total += now;
                            squares += now * now;
                        }
                    }
                }
                out.put(NAMES[d], total <= 0 ? 0 : round(10_000 * squares / (total * total), 1));
            }
            return out;
        }
    }

    public Totals totals(Snapshot s, LinkageResult linkage) {
        Totals t = new Totals(null);
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
        t.bump(Totals.PLATFORM, st.platform(), revenue);
        t.bump(Totals.MARKETPLACE, st.platform() + ":" + st.marketplace(), revenue);
        t.bump(Totals.ENTITY, st.legalEntity() == null ? "(undeclared)" : st.legalEntity(), revenue);
        addToCluster(t, st, cluster, sign);
        if (providers.isEmpty()) t.bump(Totals.PROVIDER, "none", revenue);
        else for (String p : providers) t.bump(Totals.PROVIDER, p, revenue / providers.size()); // split evenly: no per-account split is declared
    }

    /** Moves one store's revenue in or out of a cluster (or its own {@code store:key} entry). */
    public static void addToCluster(Totals t, StoreInfo st, String cluster, int sign) {
        t.bump(Totals.CLUSTER, cluster, sign * revenue(st));
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
