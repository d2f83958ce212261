package io.linkscope.analysis.risk;

import io.linkscope.analysis.model.Cluster;
import io.linkscope.analysis.model.LinkageResult;
import io.linkscope.analysis.model.Snapshot;

import java.util.ArrayList;

import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * What goes down with a store. Same-platform stores linked to it (score ≥ likely) risk chain suspension with
 * the probability of the best chain of links (product of scores); stores sharing one of its receiving
 * accounts, on any platform, are frozen with it when the account is (probability 1: a Schedule A TRO freezes
 * the account, whoever is paid into it).
 */
public final class BlastRadius {
    public static final String CHAIN = "chain-suspension";
    public static final String FREEZE = "payment-freeze";

    /**
     * @param reason {@link #CHAIN} or {@link #FREEZE}
     * @param via    for a chain suspension the store it is linked through; for a freeze the shared receiving
     *               accounts ({@code type display}, masked)
     */
    public record Affected(String store, String platform, String reason, double probability, double monthlyRevenueUsd,
                           List<String> via) {
    }

    /**
     * @param revenueLostUsd    expected monthly revenue lost: the store's own plus Σ probability × revenue
     * @param revenueAtStakeUsd monthly revenue of the store and every store it can take down
     * @param shareOfPortfolio  expected loss as a share of the portfolio's monthly revenue
     */
    public record Result(String store, List<Affected> stores, double revenueLostUsd, double revenueAtStakeUsd,
                         double shareOfPortfolio) {
    }

    public record Worst(Result store, String clusterId, Result cluster) {
    }

    private final double likely;

    public BlastRadius(double likelyThreshold) {
        this.likely = likelyThreshold;
    }

    public Result of(Snapshot s, LinkageResult linkage, String storeKey) {
        Exposure x = new Exposure(s, linkage, likely);
        Integer i = x.index.get(storeKey);
        if (i == null) throw new IllegalArgumentException("no store " + storeKey);
        return of(x, i);
    }

    /** The store whose fall costs most, and the cluster containing the worst such store. */
    public Worst worst(Snapshot s, LinkageResult linkage) {
        Exposure x = new Exposure(s, linkage, likely);
        Result worst = null;
        for (int i = 0; i < x.stores.size(); i++) {
            if (x.revenue(i) <= 0) continue;
            Result r = of(x, i);
            if (worst == null || r.revenueLostUsd() > worst.revenueLostUsd()) worst = r;
        }
        Result worstCluster = null;
        String clusterId = null;
        for (Cluster c : linkage.clusters()) {
            for (String member : c.stores()) {
                int i = x.index.get(member);
                if (x.revenue(i) <= 0) continue;
                Result r = of(x, i);
                if (worstCluster == null || r.revenueLostUsd() > worstCluster.revenueLostUsd()) {
                    worstCluster = r;
                    clusterId = c.id();
                }
            }
        }
        return new Worst(worst, clusterId, worstCluster);
    }

    Result of(Exposure x, int start) {
        int n = x.stores.size();
        double[] chain = new double[n];
        String[] chainVia = new String[n];
        // best chain probability: Dijkstra on −log(score), i.e. maximum product of link scores
        PriorityQueue<double[]> queue = new PriorityQueue<>(Comparator.comparingDouble((double[] e) -> -e[1]));
        chain[start] = 1.0;
        queue.add(new double[]{start, 1.0});
        while (!queue.isEmpty()) {
            double[] e = queue.poll();
            int at = (int) e[0];
            if (e[1] < chain[at]) continue;
            for (int k = 0; k < x.chainTo[at].length; k++) {
                int next = x.chainTo[at][k];
                double p = chain[at] * x.chainScore[at][k];
                if (p > chain[next]) {
                    chain[next] = p;
                    chainVia[next] = x.stores.get(at).key();
                    queue.add(new double[]{next, p});
                }
            }
        }
        List<Affected> affected = new ArrayList<>();
        double total = 0;
        for (int i = 0; i < n; i++) total += x.revenue(i);
        double lost = x.revenue(start), stake = x.revenue(start);
        boolean[] frozen = new boolean[n];
        List<List<String>> frozenVia = new ArrayList<>(n);
        for (int i = 0; i < n; i++) frozenVia.add(null);
        for (int k = 0; k < x.freezeTo[start].length; k++) {
            int j = x.freezeTo[start][k];
            frozen[j] = true;
            if (frozenVia.get(j) == null) frozenVia.set(j, new ArrayList<>());
            if (!frozenVia.get(j).contains(x.freezeVia[start][k])) frozenVia.get(j).add(x.freezeVia[start][k]);
        }
        for (int i = 0; i < n; i++) {
            if (i == start) continue;
            double p = frozen[i] ? 1.0 : chain[i];
            if (p <= 0) continue;
            String reason = frozen[i] ? FREEZE : CHAIN;
            List<String> via = frozen[i] ? frozenVia.get(i) : List.of(chainVia[i]);
            double revenue = x.revenue(i);
            affected.add(new Affected(x.stores.get(i).key(), x.stores.get(i).platform(), reason, round(p), revenue, via));
            lost += p * revenue;
            stake += revenue;
        }
        affected.sort(Comparator.comparingDouble((Affected a) -> -a.probability() * a.monthlyRevenueUsd()).thenComparing(Affected::store));
        return new Result(x.stores.get(start).key(), List.copyOf(affected), round(lost), round(stake), total == 0 ? 0 : round(lost / total));
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

}
