package io.linkscope.analysis.risk;

import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.solvers.BrentSolver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A target marketplace mix that lowers platform HHI within a bounded shift of revenue per period, chosen from
 * the marketplaces the group is on and a catalog of ones it could open.
 *
 * <p>One period is the convex problem: minimise Σ (platform share)² subject to shares summing to 1, at most
 * {@code maxShift} of revenue taken from where it is, and each new marketplace at most its ramp-up share. Its KKT
 * conditions say the optimum cuts every platform above a level L down to L and raises every platform below a level
 * M up to M (or its cap), moving as much as the shift allows while L stays above M. For an amount moved a, L(a)
 * solves Σ max(0, X − L) = a and M(a) solves Σ max(0, min(cap, M) − X) = a, both found with Commons Math's
 * {@link BrentSolver}; the amount is the least of the shift, the room the caps leave, and the root of
 * L(a) − M(a) (where levelling out is complete), again by Brent. A marketplace the group is on grows by at most
 * {@code maxGrowth} of its share per period, a new one up to its ramp-up cap. A platform's cut is shared by its marketplaces
 * in proportion to their revenue. When the target band is reachable in one period, the smallest shift that gets
 * there is one more Brent root; otherwise the plan is repeated period after period to say how many it takes.
 *
 * <p>New marketplaces: one per platform the group is not on (a new marketplace of a platform it is on does not
 * lower platform HHI), at most {@code maxNewMarketplaces} per period, preferring the most room (ramp-up cap,
 * limited to the revenue share in categories it accepts), then lower suspension hazard, then lower set-up cost,
 * then catalog order.
 */
final class Diversifier {
    /** A share smaller than this is not worth opening a store for, nor worth naming in a plan. */
    static final double MIN_SHARE = 0.005;
    private static final double ACCURACY = 1e-12;

    /** A trading store's current monthly USD revenue where it sells. */
    record Holding(String platform, String marketplace, String category, double revenueUsd) {
    }

    /**
     * One marketplace in the plan.
     *
     * @param before share of revenue now; after: share in the plan
     * @param opened not traded on today: a new store there costs {@code setupCostUsd}
     */
    record Share(String platform, String marketplace, double before, double after, boolean opened, double setupCostUsd) {
        String key() {
            return platform + ":" + marketplace;
        }
    }

    /**
     * @param shift           share of revenue moved in the first period
     * @param target          platform HHI the plan aims to get to or under
     * @param periodsToTarget periods at the maximum shift until platform HHI is under the target; null if not within the horizon
     * @param periodsPlanned  periods planned: the target period, or the last one that still lowered HHI
     * @param hhiAtHorizon    platform HHI after the last planned period
     */
    record Plan(List<Share> shares, double shift, double hhiBefore, double hhiAfter, double target, boolean reachedInOnePeriod,
                Integer periodsToTarget, int periodsPlanned, double hhiAtHorizon) {
    }

    /** A marketplace in one period: its share now and the share it may reach. */
    record Slot(String platform, String marketplace, double s0, double cap, boolean opened, double setupCostUsd) {
    }

    private final RecommendConfig config;
    private final RiskConfig risk;

    Diversifier(RecommendConfig config, RiskConfig risk) {
        this.config = config;
        this.risk = risk;
    }

    /** @return null when the holdings carry no revenue */
    Plan plan(List<Holding> holdings, double target) {
        double total = holdings.stream().mapToDouble(Holding::revenueUsd).sum();
        if (total <= 0) return null;
        Map<String, Double> now = new LinkedHashMap<>();
        holdings.stream().sorted(Comparator.comparing((Holding h) -> h.platform() + ":" + h.marketplace()))
                .forEach(h -> now.merge(h.platform() + ":" + h.marketplace(), h.revenueUsd() / total, Double::sum));
        Map<String, Double> accepted = new LinkedHashMap<>();
        for (RecommendConfig.CatalogEntry e : config.catalog()) {
            double fits = holdings.stream().filter(h -> e.accepts(h.category())).mapToDouble(Holding::revenueUsd).sum();
            accepted.merge(e.key(), fits / total, Math::max);
        }

        double hhiBefore = platformHhi(now);
        List<Slot> first = period(now, Set.of(), accepted);
        double[] x = solve(first, config.maxShift());
        boolean reached = platformHhi(first, x) <= target;
        if (reached && hhiBefore > target) {
            // HHI of the least-HHI mix falls as the shift grows: the smallest shift that reaches the target
            List<Slot> slots = first;
            double tau = new BrentSolver(1e-9).solve(200, t -> platformHhi(slots, solve(slots, t)) - target, 0, config.maxShift());
            x = solve(first, tau);
        }
        List<Share> shares = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            Slot sl = first.get(i);
            if (sl.opened() && x[i] < MIN_SHARE) continue;
            shares.add(new Share(sl.platform(), sl.marketplace(), sl.s0(), x[i], sl.opened(), sl.opened() ? sl.setupCostUsd() : 0));
        }
        double hhiAfter = platformHhi(first, x);

        // how many periods at the maximum shift until the target, new stores ramping up further each period
        Integer periods = reached ? Integer.valueOf(1) : null;
        double hhiHorizon = hhiAfter;
        int planned = 1;
        Map<String, Double> mix = toMix(first, x);
        Set<String> opened = new HashSet<>();
        for (int i = 0; i < first.size(); i++) if (first.get(i).opened() && x[i] > 0) opened.add(key(first.get(i)));
        while (periods == null && planned < config.maxPeriods()) {
            List<Slot> next = period(mix, opened, accepted);
            double[] y = solve(next, config.maxShift());
            double h = platformHhi(next, y);
            if (h > hhiHorizon - 0.5) break; // no further progress with this catalog
            planned++;
            hhiHorizon = h;
            for (int i = 0; i < next.size(); i++) if (next.get(i).opened() && y[i] > 0) opened.add(key(next.get(i)));
            mix = toMix(next, y);
            if (h <= target) periods = planned;
        }
        return new Plan(List.copyOf(shares), moved(first, x), hhiBefore, hhiAfter, target, reached, periods, planned, hhiHorizon);
    }

    /**
     * The slots of one period: every marketplace with revenue (those opened in earlier periods may grow by their
     * ramp-up share again), and the new marketplaces worth opening.
     */
    private List<Slot> period(Map<String, Double> mix, Set<String> ramping, Map<String, Double> accepted) {
        Map<String, RecommendConfig.CatalogEntry> catalog = new LinkedHashMap<>();
        for (RecommendConfig.CatalogEntry e : config.catalog()) catalog.putIfAbsent(e.key(), e);
        List<Slot> slots = new ArrayList<>();
        Set<String> traded = new HashSet<>();
        for (var e : mix.entrySet()) {
            if (e.getValue() <= 0) continue;
            String[] pm = e.getKey().split(":", 2);
            RecommendConfig.CatalogEntry entry = catalog.get(e.getKey());
            double cap = ramping.contains(e.getKey()) && entry != null
                    ? Math.min(1, e.getValue() + Math.min(entry.maxShare(), accepted.getOrDefault(e.getKey(), 1.0)))
                    : Math.min(1, e.getValue() * (1 + config.maxGrowth()));
            slots.add(new Slot(pm[0], pm[1], e.getValue(), cap, false, 0));
            traded.add(pm[0]);
        }
        Map<String, Slot> perPlatform = new LinkedHashMap<>();
        for (RecommendConfig.CatalogEntry e : catalog.values()) {
            double cap = Math.min(e.maxShare(), accepted.getOrDefault(e.key(), 0.0));
            if (traded.contains(e.platform()) || cap < MIN_SHARE) continue;
            Slot candidate = new Slot(e.platform(), e.marketplace(), 0, cap, true, e.setupCostUsd());
            perPlatform.merge(e.platform(), candidate, (a, b) -> better(b, a) ? b : a);
        }
        perPlatform.values().stream().sorted((a, b) -> better(a, b) ? -1 : better(b, a) ? 1 : 0)
                .limit(Math.max(0, config.maxNewMarketplaces())).forEach(slots::add);
        return slots;
    }

    /** Whether new marketplace a is worth opening before b: more room, then lower hazard, then lower set-up cost. */
    private boolean better(Slot a, Slot b) {
        if (Math.abs(a.cap() - b.cap()) > 1e-12) return a.cap() > b.cap();
        double ha = risk.hazard(a.platform(), "low"), hb = risk.hazard(b.platform(), "low");
        if (Math.abs(ha - hb) > 1e-12) return ha < hb;
        return a.setupCostUsd() < b.setupCostUsd();
    }

    /** The least-HHI shares of the slots with at most {@code tau} of revenue moved (see the class comment). */
    double[] solve(List<Slot> slots, double tau) {
        Map<String, List<Integer>> byPlatform = new LinkedHashMap<>();
        for (int i = 0; i < slots.size(); i++) byPlatform.computeIfAbsent(slots.get(i).platform(), k -> new ArrayList<>()).add(i);
        int p = byPlatform.size();
        double[] x0 = new double[p], cap = new double[p];
        int j = 0;
        for (List<Integer> members : byPlatform.values()) {
            for (int i : members) {
                x0[j] += slots.get(i).s0();
                cap[j] += slots.get(i).cap();
            }
            cap[j] = Math.min(1, cap[j]);
            j++;
        }
        double room = 0, top = 0, ceiling = 0;
        for (int k = 0; k < p; k++) {
            room += cap[k] - x0[k];
            top = Math.max(top, x0[k]);
            ceiling = Math.max(ceiling, cap[k]);
        }
        double[] s0 = slots.stream().mapToDouble(Slot::s0).toArray();
        double limit = Math.min(tau, room * (1 - 1e-9));
        if (limit <= ACCURACY || p < 2) return s0;
        BrentSolver brent = new BrentSolver(ACCURACY);
        double topLevel = top, capCeiling = ceiling;
        UnivariateFunction cutLevel = a -> a <= 0 ? topLevel
                : brent.solve(200, l -> sumAbove(x0, l) - a, 0, topLevel);
        UnivariateFunction fillLevel = a -> a <= 0 ? 0
                : brent.solve(200, m -> sumBelow(x0, cap, m) - a, 0, capCeiling);
        double moved = limit;
        if (cutLevel.value(limit) < fillLevel.value(limit)) {
            // levelling out completes before the limit: move only until the two levels meet
            moved = new BrentSolver(ACCURACY).solve(200, a -> cutLevel.value(a) - fillLevel.value(a), 0, limit);
        }
        double cut = cutLevel.value(moved), fill = fillLevel.value(moved);
        double[] x = s0.clone();
        j = 0;
        for (List<Integer> members : byPlatform.values()) {
            double after = x0[j] > cut ? cut : Math.max(x0[j], Math.min(cap[j], fill));
            for (int i : members) {
                Slot sl = slots.get(i);
                // a platform's change is shared by its marketplaces in proportion to revenue; a new one has one slot
                x[i] = x0[j] > 0 ? sl.s0() * after / x0[j] : after / members.size();
            }
            j++;
        }
        return x;
    }

    /** Σ max(0, x − level): revenue taken when every platform above the level is cut down to it. */
    private static double sumAbove(double[] x0, double level) {
        double s = 0;
        for (double v : x0) s += Math.max(0, v - level);
        return s;
    }

    /** Σ max(0, min(cap, level) − x): revenue given when every platform below the level is raised to it. */
    private static double sumBelow(double[] x0, double[] cap, double level) {
        double s = 0;
        for (int k = 0; k < x0.length; k++) s += Math.max(0, Math.min(cap[k], level) - x0[k]);
        return s;
    }

    private static double moved(List<Slot> slots, double[] x) {
        double m = 0;
        for (int i = 0; i < x.length; i++) m += Math.max(0, slots.get(i).s0() - x[i]);
        return m;
    }

    private static String key(Slot s) {
        return s.platform() + ":" + s.marketplace();
    }

    private static Map<String, Double> toMix(List<Slot> slots, double[] x) {
        Map<String, Double> mix = new LinkedHashMap<>();
        for (int i = 0; i < slots.size(); i++) if (x[i] > 1e-12) mix.merge(key(slots.get(i)), x[i], Double::sum);
        return mix;
    }

    private static double platformHhi(List<Slot> slots, double[] x) {
        return platformHhi(toMix(slots, x));
    }

    /** HHI of platform shares (0–10,000) from shares keyed {@code platform:marketplace}. */
    static double platformHhi(Map<String, Double> marketplaceShares) {
        Map<String, Double> byPlatform = new LinkedHashMap<>();
        double total = 0;
        for (var e : marketplaceShares.entrySet()) {
            byPlatform.merge(e.getKey().split(":", 2)[0], e.getValue(), Double::sum);
            total += e.getValue();
        }
        double hhi = 0;
        for (double v : byPlatform.values()) hhi += 10_000 * (v / total) * (v / total);
        return hhi;
    }
}
