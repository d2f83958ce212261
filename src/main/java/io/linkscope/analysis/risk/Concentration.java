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
        Map<String, Double> platform = new HashMap<>();
        Map<String, Double> marketplace = new HashMap<>();
        Map<String, Double> entity = new HashMap<>();
        Map<String, Double> cluster = new HashMap<>();
        Map<String, Double> provider = new HashMap<>();
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
            double revenue = revenue(st);
            platform.merge(st.platform(), revenue, Double::sum);
            marketplace.merge(st.platform() + ":" + st.marketplace(), revenue, Double::sum);
            entity.merge(st.legalEntity() == null ? "(undeclared)" : st.legalEntity(), revenue, Double::sum);
            cluster.merge(clusterOf.getOrDefault(st.key(), "store:" + st.key()), revenue, Double::sum);
            List<String> own = providers.get(i);
            if (own.isEmpty()) provider.merge("none", revenue, Double::sum);
            else for (String p : own) provider.merge(p, revenue / own.size(), Double::sum); // split evenly: no per-account split is declared
        }
        return new Report(dimension(platform), dimension(marketplace), dimension(provider), dimension(entity), dimension(cluster));
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
