package io.linkscope.analysis.risk;

import io.linkscope.analysis.linkage.LinkageEngine;
import io.linkscope.analysis.model.Cluster;
import io.linkscope.analysis.model.IdentifierInfo;
import io.linkscope.analysis.model.Link;
import io.linkscope.analysis.model.LinkageResult;
import io.linkscope.analysis.model.Snapshot;
import io.linkscope.analysis.model.StoreInfo;
import io.linkscope.analysis.model.Usage;
import io.linkscope.normalize.IdentifierType;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Ranked actions, each with its computed effect: change in expected annual loss (linkage re-analysed on the
 * changed portfolio, then the first-order closed form of {@link RevenueAtRisk#expectedLossFirstOrder}, which is
 * deterministic, so the difference is the effect and not sampling noise), change in platform HHI, and critical
 * clusters removed.
 */
public final class Recommender {

    public record Action(String kind, String title, String detail, double deltaExpectedLossUsd, double deltaPlatformHhi,
                         int criticalClustersRemoved, double cost, List<String> stores, List<String> identifiers) {
    }

    /**
     * @param replacementCost cost of giving a store a new identifier of each type (an IP is cheap, a legal entity is not)
     * @param catalog         platforms a group can expand to, for diversification
     * @param maxShift        share of revenue that can move between platforms in one period
     * @param maxPaymentShare largest share of revenue one receiving account should carry
     */
    public record Config(Map<IdentifierType, Double> replacementCost, List<String> catalog, double maxShift,
                         double maxPaymentShare, int effectTrials, int maxDelinkActions) {
        public static Config defaults() {
            Map<IdentifierType, Double> c = new EnumMap<>(IdentifierType.class);
            c.put(IdentifierType.IP, 1.0);
            c.put(IdentifierType.IP_SUBNET, 1.0);
            c.put(IdentifierType.EMAIL, 2.0);
            c.put(IdentifierType.DEVICE, 2.0);
            c.put(IdentifierType.PHONE, 3.0);
            c.put(IdentifierType.DOMAIN, 4.0);
            c.put(IdentifierType.ADDRESS, 5.0);
            c.put(IdentifierType.CARD, 6.0);
            c.put(IdentifierType.PAYMENT, 8.0);
            c.put(IdentifierType.BANK_ACCOUNT, 10.0);
            c.put(IdentifierType.PERSON, 50.0);
            c.put(IdentifierType.TAX_ID, 60.0);
            c.put(IdentifierType.LEGAL_ENTITY, 100.0);
            return new Config(c, List.of("amazon", "walmart", "ebay", "tiktok-shop", "temu", "shopee", "etsy",
                    "mercadolibre", "allegro", "otto", "cdiscount"), 0.20, 0.40, 20_000, 8);
        }
    }

    private final Config config;
    private final LinkageEngine linkage;
    private final RevenueAtRisk risk;
    private final Concentration concentration;

    public Recommender(Config config, LinkageEngine linkage, RiskConfig riskConfig, Concentration concentration) {
        this.config = config;
        this.linkage = linkage;
        this.risk = new RevenueAtRisk(riskConfig.withRun(config.effectTrials(), riskConfig.seed()), linkage.config().likely());
        this.concentration = concentration;
    }

    public List<Action> recommend(Snapshot s, LinkageResult current) {
        double baseLoss = risk.expectedLossFirstOrder(s, current);
        Concentration.Report report = concentration.analyze(s, current);
        long criticalBefore = current.clusters().stream().filter(c -> "critical".equals(c.risk())).count();
        List<Action> actions = new ArrayList<>();
        actions.addAll(delink(s, current, baseLoss, criticalBefore));
        Action diversify = diversify(s, current, report.platform(), baseLoss);
        if (diversify != null) actions.add(diversify);
        actions.addAll(paymentSpread(s, current, baseLoss));
        Action hygiene = hygiene(s, current, baseLoss, criticalBefore);
        if (hygiene != null) actions.add(hygiene);
        actions.sort(Comparator.comparingDouble(Action::deltaExpectedLossUsd).thenComparingDouble(Action::deltaPlatformHhi)
                .thenComparingDouble(Action::cost));
        return actions;
    }

    // ---- de-linking: a minimum cut on the store–identifier graph ----------------------------------------

    private List<Action> delink(Snapshot s, LinkageResult current, double baseLoss, long criticalBefore) {
        Map<String, Integer> storeIndex = index(s);
        Map<String, String> clusterOf = new HashMap<>();
        for (Cluster c : current.clusters()) c.stores().forEach(k -> clusterOf.put(k, c.id()));
        List<Action> out = new ArrayList<>();
        Set<String> seenCuts = new HashSet<>();
        for (Link l : current.links()) {
            if (out.size() >= config.maxDelinkActions()) break;
            if (!l.samePlatform() || l.disclosed() || "weak".equals(l.level())) continue;
            int a = storeIndex.get(l.a()), b = storeIndex.get(l.b());
            // the store that changes its identifiers (the sink side) must be one that still trades
            if (s.stores().get(b).suspended() || "closed".equals(s.stores().get(b).status())) {
                int t = a;
                a = b;
                b = t;
            }
            if (s.stores().get(b).suspended() || "closed".equals(s.stores().get(b).status())) continue;
            Cut cut = minCut(s, a, b);
            if (cut.identifiers.isEmpty() || !seenCuts.add(cut.key())) continue;
            Snapshot changed = withoutUsages(s, cut.storeSide, cut.identifiers);
            LinkageResult after = linkage.analyze(changed);
            double loss = risk.expectedLossFirstOrder(changed, after);
            long criticalAfter = after.clusters().stream().filter(c -> "critical".equals(c.risk())).count();
            List<String> displays = cut.identifiers.stream().map(i -> s.identifiers().get(i).type().wire() + " " + s.identifiers().get(i).display()).toList();
            String first = displays.get(0);
            String title = String.format(Locale.ROOT, "Give %s its own %s instead of the %s shared with %s%s",
                    s.stores().get(b).key(), s.identifiers().get(cut.identifiers.get(0)).type().wire(), first, s.stores().get(a).key(),
                    displays.size() > 1 ? " (and replace " + (displays.size() - 1) + " more)" : "");
            out.add(new Action("delink", title, "Replacing " + String.join(", ", displays) + " on the " + s.stores().get(b).key()
                    + " side cuts every path between the two stores in the store–identifier graph (cost " + fmt(cut.cost) + ").",
                    round(loss - baseLoss), 0, (int) (criticalBefore - criticalAfter), cut.cost,
                    List.of(s.stores().get(a).key(), s.stores().get(b).key()), displays));
        }
        return out;
    }

    /** Identifiers to replace, and for each the stores on the sink side that hold it. */
    record Cut(List<Integer> identifiers, Map<Integer, Set<Integer>> storeSide, double cost) {
        String key() {
            return identifiers.toString();
        }
    }

    /**
     * Edmonds–Karp max-flow from store a to store b. Identifier nodes are split (in → out, capacity = replacement
     * cost); store–identifier edges are unbounded. The saturated identifier edges on the source side's frontier are
     * the cheapest set of identifiers whose replacement leaves no path from a to b.
     */
    Cut minCut(Snapshot s, int a, int b) {
        int nStores = s.stores().size(), nIds = s.identifiers().size();
        // nodes: stores [0,nStores), identifier-in [nStores, nStores+nIds), identifier-out [nStores+nIds, nStores+2nIds)
        int n = nStores + 2 * nIds;
        List<int[]> edges = new ArrayList<>(); // from, to
        List<Double> cap = new ArrayList<>();
        List<List<Integer>> adj = new ArrayList<>(n);
        for (int i = 0; i < n; i++) adj.add(new ArrayList<>());
        Map<Integer, List<Integer>> holders = new HashMap<>();
        for (Usage u : s.usages()) {
            IdentifierInfo id = s.identifiers().get(u.identifier());
            if (!id.cls().carriesWeight() || id.generic() || linkage.config().weight(id.type()) <= 0) continue;
            holders.computeIfAbsent(u.identifier(), k -> new ArrayList<>()).add(u.store());
        }
        double inf = 1e12;
        holders.forEach((id, stores) -> {
            if (stores.size() < 2) return;
            int in = nStores + id, outNode = nStores + nIds + id;
            addEdge(edges, cap, adj, in, outNode, config.replacementCost().getOrDefault(s.identifiers().get(id).type(), 5.0));
            for (int st : stores) {
                addEdge(edges, cap, adj, st, in, inf);
                addEdge(edges, cap, adj, outNode, st, inf);
            }
        });
        double[] flow = new double[cap.size()];
        double total = 0;
        while (true) {
            int[] via = new int[n];
            Arrays.fill(via, -1);
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(a);
            via[a] = -2;
            while (!queue.isEmpty() && via[b] == -1) {
                int at = queue.poll();
                for (int e : adj.get(at)) {
                    int to = edges.get(e)[1];
                    if (via[to] == -1 && cap.get(e) - flow[e] > 1e-9) {
                        via[to] = e;
                        queue.add(to);
                    }
                }
            }
            if (via[b] == -1) break;
            double push = Double.MAX_VALUE;
            for (int v = b; v != a; v = edges.get(via[v])[0]) push = Math.min(push, cap.get(via[v]) - flow[via[v]]);
            for (int v = b; v != a; v = edges.get(via[v])[0]) {
                flow[via[v]] += push;
                flow[via[v] ^ 1] -= push;
            }
            total += push;
            if (total >= inf) break;
        }
        boolean[] reach = new boolean[n];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(a);
        reach[a] = true;
        while (!queue.isEmpty()) {
            int at = queue.poll();
            for (int e : adj.get(at)) {
                int to = edges.get(e)[1];
                if (!reach[to] && cap.get(e) - flow[e] > 1e-9) {
                    reach[to] = true;
                    queue.add(to);
                }
            }
        }
        List<Integer> cut = new ArrayList<>();
        Map<Integer, Set<Integer>> side = new LinkedHashMap<>();
        double cost = 0;
        for (var e : holders.entrySet()) {
            int id = e.getKey();
            if (e.getValue().size() < 2) continue;
            if (reach[nStores + id] && !reach[nStores + nIds + id]) {
                cut.add(id);
                cost += config.replacementCost().getOrDefault(s.identifiers().get(id).type(), 5.0);
                Set<Integer> sink = new TreeSet<>();
                for (int st : e.getValue()) if (!reach[st]) sink.add(st);
                side.put(id, sink);
            }
        }
        cut.sort(Comparator.comparingDouble((Integer i) -> -config.replacementCost().getOrDefault(s.identifiers().get(i).type(), 5.0)));
        return new Cut(cut, side, cost);
    }

    private static void addEdge(List<int[]> edges, List<Double> cap, List<List<Integer>> adj, int from, int to, double c) {
        adj.get(from).add(edges.size());
        edges.add(new int[]{from, to});
        cap.add(c);
        adj.get(to).add(edges.size());
        edges.add(new int[]{to, from});
        cap.add(0.0);
    }

    // ---- diversification: the platform mix of least HHI within the allowed shift ------------------------

    private Action diversify(Snapshot s, LinkageResult current, Concentration.Dimension platform, double baseLoss) {
        if (platform.shares().isEmpty() || !"high".equals(platform.band()) && !"moderate".equals(platform.band())) return null;
        List<String> names = new ArrayList<>(platform.shares().keySet());
        for (String c : config.catalog()) if (!names.contains(c)) names.add(c);
        int k = names.size();
        double[] s0 = new double[k];
        for (int i = 0; i < k; i++) s0[i] = platform.shares().getOrDefault(names.get(i), 0.0);
        double shift = config.maxShift();
        // minimise Σ x² subject to Σx = 1 and Σ max(0, s0 − x) ≤ shift, by penalty, with BOBYQA (bounded, derivative-free)
        ObjectiveFunction objective = new ObjectiveFunction(x -> {
            double sum = 0, sq = 0, moved = 0;
            for (int i = 0; i < k; i++) {
                sum += x[i];
                sq += x[i] * x[i];
                moved += Math.max(0, s0[i] - x[i]);
            }
            return 10_000 * sq + 1e6 * (Math.abs(sum - 1) + Math.max(0, moved - shift));
        });
        double[] lower = new double[k], upper = new double[k];
        Arrays.fill(upper, 1.0);
        double[] start = s0.clone();
        double[] best = new BOBYQAOptimizer(2 * k + 1).optimize(new MaxEval(20_000), objective, GoalType.MINIMIZE,
                new InitialGuess(start), new SimpleBounds(lower, upper)).getPoint();
        double total = Arrays.stream(best).sum();
        for (int i = 0; i < k; i++) best[i] /= total;
        double hhiBefore = platform.hhi(), hhiAfter = 0;
        for (double x : best) hhiAfter += 10_000 * x * x;
        List<String> from = new ArrayList<>(), to = new ArrayList<>();
        double moved = 0;
        for (int i = 0; i < k; i++) {
            double d = best[i] - s0[i];
            if (d < -0.005) {
                from.add(names.get(i) + " " + pct(-d));
                moved += -d;
            } else if (d > 0.005) {
                to.add(names.get(i) + " " + pct(d));
            }
        }
        if (from.isEmpty()) return null;
        double loss = risk.expectedLossFirstOrder(withPlatformMix(s, names, s0, best), current);
        boolean underBand = hhiAfter < 1_800;
        String title = String.format(Locale.ROOT, "Move %s of GMV from %s to %s: platform HHI %,.0f → %,.0f%s",
                pct(moved), String.join(", ", from), String.join(", ", to), hhiBefore, hhiAfter,
                underBand ? "" : " (still highly concentrated: more than one period of shifting is needed)");
        return new Action("diversify", title, "Least-HHI platform mix within a " + pct(shift)
                + " revenue shift per period (BOBYQA over the platform catalog). Shares are of current monthly USD revenue;"
                + " revenue moved to a platform without a store is modelled as a new, unlinked store there.",
                round(loss - baseLoss), round(hhiAfter - hhiBefore), 0, moved * 100, List.of(), List.of());
    }

    /**
     * The portfolio with each platform's stores scaled to the target share, and one new, unlinked store per
     * catalog platform that gains revenue but has none today.
     */
    private static Snapshot withPlatformMix(Snapshot s, List<String> names, double[] before, double[] after) {
        Map<String, Double> factor = new HashMap<>();
        for (int i = 0; i < names.size(); i++) if (before[i] > 0) factor.put(names.get(i), after[i] / before[i]);
        double total = 0;
        for (StoreInfo st : s.stores()) total += Concentration.revenue(st);
        List<StoreInfo> stores = new ArrayList<>(s.stores().size() + names.size());
        for (StoreInfo st : s.stores()) {
            double f = factor.getOrDefault(st.platform(), 1.0);
            stores.add(st.withMonthlyRevenueUsd(st.monthlyRevenueUsd() * f));
        }
        for (int i = 0; i < names.size(); i++) {
            if (before[i] == 0 && after[i] > 0) {
                String platform = names.get(i);
                stores.add(new StoreInfo(platform + ":NEW:planned", platform, "NEW", "planned", "planned store", null,
                        "active", after[i] * total, null, null));
            }
        }
        return new Snapshot(s.tenant(), s.asOf(), stores, s.identifiers(), s.usages(), s.disclosures());
    }

    // ---- payment spread and hygiene -----------------------------------------------------------------------

    private List<Action> paymentSpread(Snapshot s, LinkageResult current, double baseLoss) {
        double total = 0;
        for (StoreInfo st : s.stores()) total += Concentration.revenue(st);
        if (total <= 0) return List.of();
        Map<Integer, List<Integer>> holders = new HashMap<>();
        for (Usage u : s.usages()) {
            if (s.identifiers().get(u.identifier()).type().receivesFunds()) holders.computeIfAbsent(u.identifier(), k -> new ArrayList<>()).add(u.store());
        }
        List<Action> out = new ArrayList<>();
        for (var e : holders.entrySet()) {
            double revenue = e.getValue().stream().mapToDouble(i -> Concentration.revenue(s.stores().get(i))).sum();
            if (revenue / total <= config.maxPaymentShare() || e.getValue().size() < 2) continue;
            IdentifierInfo id = s.identifiers().get(e.getKey());
            // keep the account on its largest store, give every other store its own
            int keep = e.getValue().stream().max(Comparator.comparingDouble(i -> Concentration.revenue(s.stores().get(i)))).orElseThrow();
            Set<Integer> others = new TreeSet<>(e.getValue());
            others.remove(keep);
            Snapshot changed = withoutUsages(s, Map.of(e.getKey(), others), List.of(e.getKey()));
            LinkageResult after = linkage.analyze(changed);
            double loss = risk.expectedLossFirstOrder(changed, after);
            List<String> stores = others.stream().map(i -> s.stores().get(i).key()).toList();
            out.add(new Action("payment-spread", String.format(Locale.ROOT, "Split %s %s: it receives %s of revenue (limit %s)",
                    id.type().wire(), id.display(), pct(revenue / total), pct(config.maxPaymentShare())),
                    "Keep it on " + s.stores().get(keep).key() + " and open separate receiving accounts for " + String.join(", ", stores) + ".",
                    round(loss - baseLoss), 0, 0, config.replacementCost().getOrDefault(id.type(), 8.0) * others.size(), stores,
                    List.of(id.type().wire() + " " + id.display())));
        }
        return out;
    }

    private Action hygiene(Snapshot s, LinkageResult current, double baseLoss, long criticalBefore) {
        Set<String> tainted = new HashSet<>(current.taintedIdentifiers());
        Map<Integer, Set<Integer>> retire = new LinkedHashMap<>();
        for (Usage u : s.usages()) {
            StoreInfo st = s.stores().get(u.store());
            if (tainted.contains(s.identifiers().get(u.identifier()).uid()) && !st.suspended() && !"closed".equals(st.status())) {
                retire.computeIfAbsent(u.identifier(), k -> new TreeSet<>()).add(u.store());
            }
        }
        if (retire.isEmpty()) return null;
        Snapshot changed = withoutUsages(s, retire, new ArrayList<>(retire.keySet()));
        LinkageResult after = linkage.analyze(changed);
        double loss = risk.expectedLossFirstOrder(changed, after);
        long criticalAfter = after.clusters().stream().filter(c -> "critical".equals(c.risk())).count();
        List<String> displays = retire.keySet().stream().map(i -> s.identifiers().get(i).type().wire() + " " + s.identifiers().get(i).display()).toList();
        Set<String> stores = new TreeSet<>();
        retire.values().forEach(v -> v.forEach(i -> stores.add(s.stores().get(i).key())));
        double cost = retire.keySet().stream().mapToDouble(i -> config.replacementCost().getOrDefault(s.identifiers().get(i).type(), 5.0)).sum();
        return new Action("hygiene", "Retire " + displays.size() + " identifier(s) that touch a suspended store",
                "Still in use on active stores: " + String.join(", ", displays) + ". A platform tracing the suspension follows them.",
                round(loss - baseLoss), 0, (int) (criticalBefore - criticalAfter), cost, List.copyOf(stores), displays);
    }

    /** The portfolio with the given identifiers removed from the given stores (they get new ones, which link nothing). */
    private static Snapshot withoutUsages(Snapshot s, Map<Integer, Set<Integer>> storesById, List<Integer> identifiers) {
        Set<Integer> ids = new HashSet<>(identifiers);
        List<Usage> usages = new ArrayList<>(s.usages().size());
        for (Usage u : s.usages()) {
            if (ids.contains(u.identifier()) && storesById.getOrDefault(u.identifier(), Set.of()).contains(u.store())) continue;
            usages.add(u);
        }
        return new Snapshot(s.tenant(), s.asOf(), s.stores(), s.identifiers(), usages, s.disclosures());
    }

    private static Map<String, Integer> index(Snapshot s) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < s.stores().size(); i++) out.put(s.stores().get(i).key(), i);
        return out;
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
