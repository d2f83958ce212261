package io.linkscope.analysis.risk;

import io.linkscope.analysis.model.Link;
import io.linkscope.analysis.model.LinkageResult;
import io.linkscope.analysis.model.Snapshot;
import io.linkscope.analysis.model.StoreInfo;
import io.linkscope.analysis.model.StoreRisk;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Seeded Monte Carlo of one year. Each store is suspended with its annual hazard (platform base rate × linkage
 * multiplier of its risk level); a suspension spreads to same-platform linked stores with probability
 * {@code contagionScale × score}, and with {@code freezeProbability} freezes its receiving accounts and every
 * store paid into them. Loss = 12 × monthly USD revenue of every store lost. Same seed, same answer.
 */
public final class RevenueAtRisk {

    /**
     * @param probLossOver50Pct probability that the year's loss exceeds half of annual revenue
     * @param standardError     standard error of the expected loss estimate
     */
    public record Result(double expectedAnnualLossUsd, double var95Usd, double cvar95Usd, double probLossOver50Pct,
                         double standardError, double annualRevenueUsd, int trials, long seed) {
    }

    private final RiskConfig config;
    private final double likely;

    public RevenueAtRisk(RiskConfig config, double likelyThreshold) {
        this.config = config;
        this.likely = likelyThreshold;
    }

    public Result simulate(Snapshot s, LinkageResult linkage) {
        Exposure x = new Exposure(s, linkage, likely);
        int n = x.stores.size();
        double[] revenue = new double[n];
        double[] hazard = new double[n];
        double annual = 0;
        for (int i = 0; i < n; i++) {
            revenue[i] = 12 * x.revenue(i);
            annual += revenue[i];
            StoreRisk r = linkage.storeRisk().get(x.stores.get(i).key());
            hazard[i] = revenue[i] > 0 ? config.hazard(x.stores.get(i).platform(), r == null ? "low" : r.risk()) : 0;
        }
        RandomGenerator rng = new Well19937c(config.seed());
        HazardGroup[] groups = HazardGroup.of(hazard);
        int trials = config.trials();
        double[] losses = new double[trials];
        int[] lostIn = new int[n];
        int[] queue = new int[n];
        for (int t = 1; t <= trials; t++) {
            int head = 0, tail = 0;
            double loss = 0;
            // primary suspensions: per group of equal hazard, the count is Binomial(size, hazard), the members a
            // uniform sample: the same distribution as one draw per store, for a few draws per trial
            for (HazardGroup g : groups) {
                int k = g.sampleCount(rng.nextDouble());
                for (int c = 0; c < k; c++) {
                    int pick = c + rng.nextInt(g.members.length - c);
                    int chosen = g.members[pick];
                    g.members[pick] = g.members[c];
                    g.members[c] = chosen;
                    lostIn[chosen] = t;
                    queue[tail++] = chosen;
                }
            }
            while (head < tail) {
                int i = queue[head++];
                loss += revenue[i];
                for (int k = 0; k < x.chainTo[i].length; k++) {
                    int j = x.chainTo[i][k];
                    if (lostIn[j] != t && revenue[j] > 0 && rng.nextDouble() < config.contagionScale() * x.chainScore[i][k]) {
                        lostIn[j] = t;
                        queue[tail++] = j;
                    }
                }
                if (x.freezeTo[i].length > 0 && rng.nextDouble() < config.freezeProbability()) {
                    for (int j : x.freezeTo[i]) {
                        if (lostIn[j] != t) {
                            lostIn[j] = t;
                            loss += revenue[j]; // frozen, not suspended: it does not spread further
                        }
                    }
                }
            }
            losses[t - 1] = loss;
        }
        double mean = new Mean().evaluate(losses);
        double sd = new StandardDeviation().evaluate(losses, mean);
        double var95 = new Percentile().withEstimationType(Percentile.EstimationType.R_7).evaluate(losses, 95);
        double tailSum = 0;
        int tailCount = 0;
        int overHalf = 0;
        for (double l : losses) {
            if (l >= var95) {
                tailSum += l;
                tailCount++;
            }
            if (annual > 0 && l > 0.5 * annual) overHalf++;
        }
        return new Result(round(mean), round(var95), round(tailCount == 0 ? var95 : tailSum / tailCount),
                overHalf / (double) trials, round(sd / Math.sqrt(trials)), round(annual), trials, config.seed());
    }

    /** Stores of equal annual hazard, with the cumulative Binomial distribution of how many fall in a year. */
    private static final class HazardGroup {
        final int[] members;
        final double[] cdf;

        private HazardGroup(int[] members, double hazard) {
            this.members = members;
            int m = members.length;
            double[] c = new double[m + 1];
            double p = Math.pow(1 - hazard, m);
            double acc = 0;
            int k = 0;
            for (; k <= m; k++) {
                acc += p;
                c[k] = acc;
                if (acc >= 1 - 1e-15) break;
                p = hazard >= 1 ? 0 : p * (m - k) / (k + 1) * hazard / (1 - hazard);
            }
            this.cdf = java.util.Arrays.copyOf(c, Math.min(m, k) + 1);
            this.cdf[this.cdf.length - 1] = 1.0;
        }

        static HazardGroup[] of(double[] hazard) {
            java.util.Map<Double, java.util.List<Integer>> byHazard = new java.util.TreeMap<>();
            for (int i = 0; i < hazard.length; i++) if (hazard[i] > 0) byHazard.computeIfAbsent(hazard[i], h -> new java.util.ArrayList<>()).add(i);
            return byHazard.entrySet().stream().map(e -> new HazardGroup(e.getValue().stream().mapToInt(Integer::intValue).toArray(), e.getKey()))
                    .toArray(HazardGroup[]::new);
        }

        /** Inverse transform: the smallest k whose cumulative probability reaches u. */
        int sampleCount(double u) {
            int lo = 0, hi = cdf.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cdf[mid] < u) lo = mid + 1; else hi = mid;
            }
            return lo;
        }
    }

    /**
     * Expected annual loss in closed form, to first order: a store is lost unless it escapes its own hazard, the
     * contagion from each same-platform linked store and the freeze from each store sharing a receiving account
     * (each neighbour taken once, independently). Deterministic, so the difference between two portfolios is the
     * effect of the change and not sampling noise; the Monte Carlo above adds the longer chains.
     */
    public double expectedLossFirstOrder(Snapshot s, LinkageResult linkage) {
        Exposure x = new Exposure(s, linkage, likely);
        int n = x.stores.size();
        double[] hazard = new double[n];
        for (int i = 0; i < n; i++) {
            StoreRisk r = linkage.storeRisk().get(x.stores.get(i).key());
            hazard[i] = hazard(x.stores.get(i), r == null ? "low" : r.risk());
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            if (x.revenue(i) <= 0) continue;
            double[] chainHazard = new double[x.chainTo[i].length];
            for (int k = 0; k < chainHazard.length; k++) chainHazard[k] = hazard[x.chainTo[i][k]];
            java.util.Set<Integer> freezers = new java.util.LinkedHashSet<>();
            for (int j : x.freezeTo[i]) freezers.add(j);
            total += term(x.revenue(i), hazard[i], chainHazard, x.chainScore[i], freezers.stream().mapToDouble(j -> hazard[j]).toArray());
        }
        return round(total);
    }

    /** A store's annual suspension hazard at its risk level; a store that earns nothing now has none to lose. */
    public double hazard(StoreInfo store, String risk) {
        return Concentration.revenue(store) > 0 ? config.hazard(store.platform(), risk) : 0;
    }

    /**
     * One store's share of {@link #expectedLossFirstOrder}, from its neighbourhood alone: its own hazard, each
     * same-platform link at or above likely (the neighbour's hazard scaled by the link score), each store sharing a
     * receiving account with it (taken once). What a change to a few stores does to the total is the sum of these
     * terms' changes over the stores it reaches.
     *
     * @param links    every link of the store
     * @param partners the stores sharing a receiving account with it
     */
    public double firstOrderTerm(StoreInfo store, String risk, List<Link> links, Collection<String> partners,
                                 Function<String, StoreInfo> storeOf, Function<String, String> riskOf) {
        double revenue = Concentration.revenue(store);
        if (revenue <= 0) return 0;
        List<Double> chainHazard = new ArrayList<>(), chainScore = new ArrayList<>();
        for (Link l : links) {
            if (!l.samePlatform() || l.score() < likely) continue;
            String other = l.a().equals(store.key()) ? l.b() : l.a();
            chainHazard.add(hazard(storeOf.apply(other), riskOf.apply(other)));
            chainScore.add(l.score());
        }
        double[] freeze = new java.util.LinkedHashSet<>(partners).stream()
                .mapToDouble(p -> hazard(storeOf.apply(p), riskOf.apply(p))).toArray();
        return term(revenue, hazard(store, risk), chainHazard.stream().mapToDouble(Double::doubleValue).toArray(),
                chainScore.stream().mapToDouble(Double::doubleValue).toArray(), freeze);
    }

    private double term(double monthlyRevenue, double hazard, double[] chainHazard, double[] chainScore, double[] freezeHazard) {
        double survive = 1 - hazard;
        for (int k = 0; k < chainHazard.length; k++) survive *= 1 - chainHazard[k] * config.contagionScale() * chainScore[k];
        for (double h : freezeHazard) survive *= 1 - h * config.freezeProbability();
        return 12 * monthlyRevenue * (1 - survive);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
