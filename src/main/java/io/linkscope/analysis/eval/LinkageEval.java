package io.linkscope.analysis.eval;

import io.linkscope.analysis.model.Link;
import io.linkscope.analysis.model.LinkageResult;
import io.linkscope.analysis.model.Snapshot;
import io.linkscope.analysis.model.Usage;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores a linkage result against ground truth over <em>all</em> store pairs (an absent pair scores 0).
 *
 * @see io.linkscope.collect.SyntheticPortfolio
 */
public final class LinkageEval {
    private LinkageEval() {
    }

    /**
     * @param auc             ROC AUC of the score (ties count half)
     * @param precision       of strong+likely links against same-operator truth
     * @param recall          share of same-operator pairs found at strong or likely
     * @param noisePairRate   share of noise-only pairs (different operators that share some identifier) at strong/likely
     */
    public record Metrics(long pairs, long positives, long noisePairs, double auc, double precision, double recall,
                          double noisePairRate) {
    }

    public static Metrics evaluate(Snapshot snapshot, LinkageResult result, Map<String, Integer> operatorOf) {
        int n = snapshot.stores().size();
        Map<Integer, Integer> operatorSizes = new HashMap<>();
        for (var s : snapshot.stores()) operatorSizes.merge(operatorOf.get(s.key()), 1, Integer::sum);
        long positives = 0;
        for (int size : operatorSizes.values()) positives += (long) size * (size - 1) / 2;
        long pairs = (long) n * (n - 1) / 2;
        long negatives = pairs - positives;

        double[] pos = new double[result.links().size()];
        double[] neg = new double[result.links().size()];
        int np = 0, nn = 0;
        long tp = 0, fp = 0;
        for (Link l : result.links()) {
            boolean related = operatorOf.get(l.a()).equals(operatorOf.get(l.b()));
            boolean flagged = !"weak".equals(l.level());
            if (related) {
                pos[np++] = l.score();
                if (flagged) tp++;
            } else {
                neg[nn++] = l.score();
                if (flagged) fp++;
            }
        }
        double[] negSorted = Arrays.copyOf(neg, nn);
        Arrays.sort(negSorted);
        long negZero = negatives - nn;
        double wins = 0;
        for (int i = 0; i < np; i++) {
            double s = pos[i];
            int below = lowerBound(negSorted, s);
            int notAbove = upperBound(negSorted, s);
            wins += negZero + below + 0.5 * (notAbove - below);
        }
        long posZero = positives - np;
        wins += posZero * 0.5 * negZero; // unlinked positive vs unlinked negative: a tie
        double auc = positives == 0 || negatives == 0 ? Double.NaN : wins / ((double) positives * negatives);

        long noisePairs = noisePairs(snapshot, operatorOf);
        return new Metrics(pairs, positives, noisePairs, auc, tp + fp == 0 ? 1.0 : tp / (double) (tp + fp),
                positives == 0 ? 1.0 : tp / (double) positives, noisePairs == 0 ? 0.0 : fp / (double) noisePairs);
    }

    /** Pairs of different operators that share at least one identifier, weightless ones included. */
    private static long noisePairs(Snapshot snapshot, Map<String, Integer> operatorOf) {
        Map<Integer, List<Integer>> holders = new HashMap<>();
        for (Usage u : snapshot.usages()) holders.computeIfAbsent(u.identifier(), k -> new java.util.ArrayList<>()).add(u.store());
        Set<Long> seen = new HashSet<>();
        for (List<Integer> stores : holders.values()) {
            for (int i = 0; i < stores.size(); i++) {
                for (int j = i + 1; j < stores.size(); j++) {
                    int a = Math.min(stores.get(i), stores.get(j)), b = Math.max(stores.get(i), stores.get(j));
                    if (a == b) continue;
                    if (operatorOf.get(snapshot.stores().get(a).key()).equals(operatorOf.get(snapshot.stores().get(b).key()))) continue;
                    seen.add(((long) a << 32) | b);
                }
            }
        }
        return seen.size();
    }

    /** Share of the given pairs (store keys) linked at strong or likely: for hard negatives, the lower the better. */
    public static double flaggedShare(LinkageResult result, List<String[]> pairs) {
        if (pairs.isEmpty()) return 0.0;
        Set<String> flagged = new HashSet<>();
        for (Link l : result.links()) {
            if (!"weak".equals(l.level())) flagged.add(l.a().compareTo(l.b()) < 0 ? l.a() + "\u0000" + l.b() : l.b() + "\u0000" + l.a());
        }
        long hit = pairs.stream().filter(p -> flagged.contains(p[0] + "\u0000" + p[1])).count();
        return hit / (double) pairs.size();
    }

    private static int lowerBound(double[] a, double v) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static int upperBound(double[] a, double v) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
