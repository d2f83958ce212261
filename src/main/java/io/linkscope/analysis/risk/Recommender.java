package io.linkscope.analysis.risk;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.linkscope.analysis.linkage.LinkageEngine;
import io.linkscope.analysis.model.Cluster;
import io.linkscope.analysis.model.IdentifierInfo;
import io.linkscope.analysis.model.Link;
import io.linkscope.analysis.model.LinkageResult;
import io.linkscope.analysis.model.Snapshot;
import io.linkscope.analysis.model.StoreInfo;
import io.linkscope.analysis.model.Usage;
import io.linkscope.normalize.IdentifierClass;
import io.linkscope.normalize.IdentifierType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Ranked actions, each with its computed effect on the changed portfolio: linkage re-analysed, then the change in
 * expected annual loss (the first-order closed form of {@link RevenueAtRisk#expectedLossFirstOrder}, which is
 * deterministic, so the difference is the effect and not sampling noise), the change in HHI of every
 * concentration dimension, the critical clusters removed, the one-off cost in USD, and the first-year net of the
 * two. Actions are ranked by that net, then by the reduction in expected loss.
 */
public final class Recommender {

    /**
     * One store taking a new identifier of the same type instead of one it shares.
     *
     * @param display   masked value being replaced
     * @param provider  for a payment account: the provider of the store's new account (a slug: payoneer…), else null
     * @param withNewIp an IP range the store leaves because it takes a new IP (costs nothing more)
     */
    public record Replacement(String store, String type, String display, String provider, boolean withNewIp, double costUsd) {
    }

    /** A marketplace's share of monthly revenue now and in the plan. */
    public record MixChange(String platform, String marketplace, double shareBefore, double shareAfter, boolean newStore,
                            double setupCostUsd) {
    }

    /**
     * @param deltaExpectedLossUsd change of expected annual loss (negative is better)
     * @param deltaHhi             change of HHI per dimension: platform, marketplace, paymentProvider, legalEntity, cluster
     * @param costUsd              one-off cost of the action, from the configured replacement and set-up costs
     * @param netFirstYearUsd      expected loss avoided in a year minus the cost
     * @param paybackMonths        months of avoided expected loss that pay the cost; null when the action avoids none
     * @param replacements         de-linking, spread and hygiene actions: who replaces what
     * @param mix                  diversification: the marketplace shares before and after
     * @param args                 the facts the action's words are made of beyond the fields here, by kind: delink
     *                             {@code kept, changed, first} (index of the replacement to name); separate-cluster
     *                             {@code cluster, platform}; diversify the plan ({@code shift, from, to, hhiBefore,
     *                             hhiAfter, target, periods…}); payment-spread {@code type, display, share, limit,
     *                             keep}; provider-spread {@code provider, to, share, limit, after}; hygiene none
     */
    public record Action(String kind, Map<String, Object> args, double deltaExpectedLossUsd, double deltaPlatformHhi,
                         Map<String, Double> deltaHhi, int criticalClustersRemoved, double costUsd, double netFirstYearUsd,
                         Double paybackMonths, List<String> stores, List<String> identifiers, List<Replacement> replacements,
                         List<MixChange> mix) {

        /** The one-off cost under its first name, kept for existing clients: the same figure as {@link #costUsd}. */
        @JsonProperty("cost")
        public double cost() {
            return costUsd;
        }
    }

    public static final String DELINK = "delink";
    public static final String SEPARATE_CLUSTER = "separate-cluster";
    public static final String DIVERSIFY = "diversify";
    public static final String PAYMENT_SPREAD = "payment-spread";
    public static final String PROVIDER_SPREAD = "provider-spread";
    public static final String HYGIENE = "hygiene";

    private final RecommendConfig config;
    private final LinkageEngine linkage;
    private final RevenueAtRisk risk;
    private final Concentration concentration;
    private final Diversifier diversifier;

    public Recommender(RecommendConfig config, LinkageEngine linkage, RiskConfig riskConfig, Concentration concentration) {
        this.config = config;
        this.linkage = linkage;
        this.risk = new RevenueAtRisk(riskConfig, linkage.config().likely());
        this.concentration = concentration;
        this.diversifier = new Diversifier(config, riskConfig);
    }

    /**
     * The portfolio as it is: what every action's effect is measured against.
     *
     * @param linking  identifiers that are evidence of at least a weak link on their own: the ones worth replacing.
     *                 A VPN exit or carrier range shared by dozens of stores weighs next to nothing and is left alone.
     * @param weakOnly identifiers two or more of these stores hold that are never that strong evidence
     */
    private record Baseline(Snapshot snapshot, LinkageResult linkage, double loss, Concentration.Report report, long critical,
                            Predicate<IdentifierInfo> linking, Set<String> weakOnly) {
    }

    /**
     * Every action with a positive first-year net, applied together in rank order. Effects do not add up (two
     * actions may replace the same identifier, a store separated once needs no second cut), so the combination is
     * measured on its own.
     *
     * @param actions ranks (1-based) of the actions included
     * @param costUsd each store's replacement of an identifier counted once, plus the set-up of new stores
     * @param firstOrderLossBeforeUsd expected annual loss in the first-order closed form every action's effect uses
     *                                (below the Monte Carlo figure, which adds longer chains)
     */
    public record Plan(List<Integer> actions, double costUsd, double firstOrderLossBeforeUsd, double firstOrderLossAfterUsd,
                       double deltaExpectedLossUsd, Map<String, Double> deltaHhi, double platformHhiAfter,
                       int criticalClustersRemoved, double netFirstYearUsd) {
    }

    /** The ranked actions and what doing the worthwhile ones together achieves (null when none is worthwhile). */
    public record Recommendations(List<Action> actions, Plan plan) {
    }

    /**
     * An action before its effect is measured: a change that applies to this portfolio or to one other actions
     * already changed (store and identifier indexes stay; new ones are appended).
     *
     * @param relink whether linkage must be re-analysed after the change (not for a revenue mix)
     */
    private record Proposal(String kind, Map<String, Object> args, UnaryOperator<Snapshot> change, boolean relink,
                            double costUsd, List<String> stores, List<String> identifiers, List<Replacement> replacements,
                            List<MixChange> mix) {
    }

    private record Measured(Proposal proposal, Action action) {
    }

    public Recommendations recommend(Snapshot s, LinkageResult current) {
        Set<String> evidence = new HashSet<>();
        for (Link l : current.links()) {
            for (var e : l.evidence()) if (e.weight() >= linkage.config().minScore()) evidence.add(e.identifierUid());
        }
        Map<String, Integer> holders = new HashMap<>();
        for (Usage u : s.usages()) holders.merge(s.identifiers().get(u.identifier()).uid(), 1, Integer::sum);
        Set<String> weak = new HashSet<>();
        holders.forEach((uid, n) -> {
            if (n >= 2 && !evidence.contains(uid)) weak.add(uid);
        });
        Baseline base = new Baseline(s, current, risk.expectedLossFirstOrder(s, current), concentration.analyze(s, current),
                critical(current), id -> evidence.contains(id.uid()), weak);
        List<Proposal> proposals = new ArrayList<>();
        proposals.addAll(delinkPairs(base));
        proposals.addAll(separateClusters(base));
        Proposal diversify = diversify(base);
        if (diversify != null) proposals.add(diversify);
        proposals.addAll(accountSpread(base));
        proposals.addAll(providerSpread(base));
        Proposal hygiene = hygiene(base);
        if (hygiene != null) proposals.add(hygiene);
        // each effect re-analyses linkage on its own copy of the portfolio: independent, so measured in parallel
        List<Measured> measured = new ArrayList<>(proposals.parallelStream().map(p -> new Measured(p, effect(base, p))).toList());
        measured.sort(Comparator.comparingDouble((Measured m) -> -m.action().netFirstYearUsd())
                .thenComparingDouble(m -> m.action().deltaExpectedLossUsd()).thenComparingDouble(m -> m.action().deltaPlatformHhi())
                .thenComparingDouble(m -> m.action().costUsd()).thenComparing(m -> m.action().kind())
                .thenComparing(m -> String.join(",", m.action().stores())).thenComparing(m -> String.join(",", m.action().identifiers())));
        return new Recommendations(measured.stream().map(Measured::action).toList(), plan(base, measured));
    }

    private Plan plan(Baseline b, List<Measured> ranked) {
        Snapshot changed = b.snapshot();
        List<Integer> included = new ArrayList<>();
        Map<String, Double> costs = new LinkedHashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            Measured m = ranked.get(i);
            if (m.action().netFirstYearUsd() <= 0) continue;
            included.add(i + 1);
            changed = m.proposal().change().apply(changed);
            for (Replacement r : m.action().replacements()) costs.putIfAbsent(r.store() + "|" + r.type() + "|" + r.display(), r.costUsd());
            for (MixChange x : m.action().mix()) if (x.newStore()) costs.putIfAbsent("open|" + x.platform() + ":" + x.marketplace(), x.setupCostUsd());
        }
        if (included.isEmpty()) return null;
        double cost = costs.values().stream().mapToDouble(Double::doubleValue).sum();
        Action together = effect(b, new Proposal("plan", Map.of(), UnaryOperator.identity(), true, cost, List.of(), List.of(), List.of(), List.of()),
                changed);
        double after = round2(b.loss() + together.deltaExpectedLossUsd());
        return new Plan(List.copyOf(included), together.costUsd(), round2(b.loss()), after, together.deltaExpectedLossUsd(),
                together.deltaHhi(), round1(b.report().platform().hhi() + together.deltaPlatformHhi()), together.criticalClustersRemoved(),
                together.netFirstYearUsd());
    }

    // ---- de-linking: minimum cuts on the store–identifier graph -----------------------------------------

    private List<Proposal> delinkPairs(Baseline b) {
        Snapshot s = b.snapshot();
        Map<String, Integer> index = index(s);
        List<Proposal> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Link l : b.linkage().links()) {
            if (out.size() >= config.maxDelinkActions()) break;
            if (!l.samePlatform() || l.disclosed() || "weak".equals(l.level())) continue;
            int keep = index.get(l.a()), change = index.get(l.b());
            // the store that changes must be one that still trades: a suspended store's identifiers are on record
            if (!s.stores().get(change).trading()) {
                int t = keep;
                keep = change;
                change = t;
            }
            if (!s.stores().get(change).trading()) continue;
            MinCut.Result cut = MinCut.between(s, Set.of(keep), Set.of(change), b.linking(), config::costOf);
            if (cut.empty() || !seen.add(cut.key())) continue;
            List<Replacement> replacements = replacements(b, cut.changing());
            String kept = s.stores().get(keep).key(), changed = s.stores().get(change).key();
            int first = Math.max(0, indexOf(replacements, changed));
            out.add(new Proposal(DELINK, args("kept", kept, "changed", changed, "first", first),
                    replacing(replacements, cut.changing()), true, total(replacements), List.of(kept, changed), displays(s, cut.identifiers()),
                    replacements, List.of()));
        }
        return out;
    }

    /**
     * Clusters where three or more stores are linked on one platform: the cheapest replacements found that keep
     * all of them apart. Multiway cut is NP-hard for three or more stores, so this is the isolating-cut
     * approximation (Dahlhaus et al. 1994, within 2 − 2/k of the optimum): a minimum cut between each store and
     * the others, every cut but the costliest (a suspended store is never the one to change, so when one is in
     * the group every trading store is isolated).
     */
    private List<Proposal> separateClusters(Baseline b) {
        Snapshot s = b.snapshot();
        Map<String, Integer> index = index(s);
        List<Proposal> out = new ArrayList<>();
        for (Cluster c : b.linkage().clusters()) {
            if (out.size() >= config.maxDelinkActions()) break;
            for (List<Integer> group : samePlatformGroups(b, c, index)) {
                if (group.size() < 3) continue;
                List<Integer> trading = group.stream().filter(i -> s.stores().get(i).trading()).toList();
                if (trading.isEmpty()) continue;
                List<MinCut.Result> cuts = new ArrayList<>();
                for (int t : trading) {
                    Set<Integer> others = new HashSet<>(group);
                    others.remove(t);
                    cuts.add(MinCut.between(s, others, Set.of(t), b.linking(), config::costOf));
                }
                if (trading.size() == group.size()) cuts.remove(cuts.stream().max(Comparator.comparingDouble(MinCut.Result::costUsd)).orElseThrow());
                Map<Integer, Set<Integer>> changing = new LinkedHashMap<>();
                for (MinCut.Result cut : cuts) cut.changing().forEach((id, st) -> changing.computeIfAbsent(id, k -> new TreeSet<>()).addAll(st));
                if (changing.isEmpty()) continue;
                List<Replacement> replacements = replacements(b, changing);
                double cost = total(replacements);
                String platform = s.stores().get(group.get(0)).platform();
                List<String> keys = group.stream().map(i -> s.stores().get(i).key()).sorted().toList();
                out.add(new Proposal(SEPARATE_CLUSTER, args("cluster", c.id(), "platform", platform),
                        replacing(replacements, changing), true, cost, keys, displays(s, new ArrayList<>(changing.keySet())),
                        replacements, List.of()));
            }
        }
        return out;
    }

    /** Stores of one cluster connected by same-platform links a platform acts on, as groups of store indexes. */
    private static List<List<Integer>> samePlatformGroups(Baseline b, Cluster c, Map<String, Integer> index) {
        Set<String> members = new HashSet<>(c.stores());
        Map<Integer, Integer> parent = new HashMap<>();
        for (Link l : b.linkage().links()) {
            if (!l.samePlatform() || l.disclosed() || "weak".equals(l.level()) || !members.contains(l.a()) || !members.contains(l.b())) continue;
            int x = find(parent, index.get(l.a())), y = find(parent, index.get(l.b()));
            if (x != y) parent.put(Math.max(x, y), Math.min(x, y));
        }
        Map<Integer, List<Integer>> groups = new TreeMap<>();
        for (int i : new ArrayList<>(parent.keySet())) groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(i);
        return new ArrayList<>(groups.values());
    }

    private static int find(Map<Integer, Integer> parent, int i) {
        parent.putIfAbsent(i, i);
        int root = i;
        while (parent.get(root) != root) root = parent.get(root);
        return root;
    }

    // ---- diversification -----------------------------------------------------------------------------------

    private Proposal diversify(Baseline b) {
        Concentration.Dimension platform = b.report().platform();
        Concentration.Bands bands = concentration.bands();
        if (!"high".equals(platform.band()) && !"moderate".equals(platform.band())) return null;
        double target = "high".equals(platform.band()) ? bands.high() : bands.moderate() - 1;
        List<Diversifier.Holding> holdings = new ArrayList<>();
        for (StoreInfo st : b.snapshot().stores()) {
            double revenue = Concentration.revenue(st);
            if (revenue > 0) holdings.add(new Diversifier.Holding(st.platform(), st.marketplace(), st.category(), revenue));
        }
        Diversifier.Plan plan = diversifier.plan(holdings, target);
        if (plan == null) return null;
        List<Diversifier.Share> from = plan.shares().stream().filter(x -> x.after() - x.before() < -Diversifier.MIN_SHARE)
                .sorted(Comparator.comparingDouble(x -> x.after() - x.before())).toList();
        List<Diversifier.Share> to = plan.shares().stream().filter(x -> x.after() - x.before() > Diversifier.MIN_SHARE)
                .sorted(Comparator.comparingDouble(x -> x.before() - x.after())).toList();
        if (from.isEmpty() || to.isEmpty()) return null;
        String newProvider = alternativeProvider(b.report(), null);
        double cost = to.stream().mapToDouble(Diversifier.Share::setupCostUsd).sum();
        List<MixChange> mix = plan.shares().stream()
                .map(x -> new MixChange(x.platform(), x.marketplace(), round6(x.before()), round6(x.after()), x.opened(), x.setupCostUsd()))
                .sorted(Comparator.comparingDouble((MixChange m) -> -m.shareAfter()).thenComparing(m -> m.platform() + ":" + m.marketplace()))
                .toList();
        Map<String, Object> args = args("shift", plan.shift(), "hhiBefore", plan.hhiBefore(), "hhiAfter", plan.hhiAfter(),
                "target", plan.target(), "reachedInOnePeriod", plan.reachedInOnePeriod(), "periodsToTarget", plan.periodsToTarget(),
                "periodsPlanned", plan.periodsPlanned(), "hhiAtHorizon", plan.hhiAtHorizon(), "period", config.period(),
                "maxShift", config.maxShift(), "maxGrowth", config.maxGrowth(), "maxNewMarketplaces", config.maxNewMarketplaces(),
                "newProvider", newProvider, "from", moves(from), "to", moves(to));
        return new Proposal(DIVERSIFY, args, s -> withMix(s, plan, newProvider), false, cost, List.of(), List.of(), List.of(), mix);
    }

    /** The marketplaces a plan moves revenue out of or into, largest move first: what the title names. */
    private static List<Map<String, Object>> moves(List<Diversifier.Share> shares) {
        return shares.stream().map(x -> args("platform", x.platform(), "marketplace", x.marketplace(),
                "delta", round6(x.after() - x.before()), "opened", x.opened(), "setupCostUsd", x.setupCostUsd())).toList();
    }

    /** Names and values alternating, kept in order (they become JSON). */
    private static Map<String, Object> args(Object... namesAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) out.put((String) namesAndValues[i], namesAndValues[i + 1]);
        return java.util.Collections.unmodifiableMap(out);
    }

    private static int indexOf(List<Replacement> replacements, String store) {
        for (int i = 0; i < replacements.size(); i++) if (replacements.get(i).store().equals(store)) return i;
        return -1;
    }

    /** Each marketplace's stores scaled to its planned share, and one new, unlinked store per new marketplace. */
    private static Snapshot withMix(Snapshot s, Diversifier.Plan plan, String provider) {
        Map<String, Double> factor = new HashMap<>();
        double total = 0;
        for (StoreInfo st : s.stores()) total += Concentration.revenue(st);
        for (Diversifier.Share x : plan.shares()) if (x.before() > 0) factor.put(x.key(), x.after() / x.before());
        List<StoreInfo> stores = new ArrayList<>(s.stores().size() + plan.shares().size());
        Set<String> keys = new HashSet<>();
        for (StoreInfo st : s.stores()) {
            stores.add(st.withMonthlyRevenueUsd(st.monthlyRevenueUsd() * factor.getOrDefault(st.platform() + ":" + st.marketplace(), 1.0)));
            keys.add(st.key());
        }
        List<IdentifierInfo> identifiers = new ArrayList<>(s.identifiers());
        List<Usage> usages = new ArrayList<>(s.usages());
        for (Diversifier.Share x : plan.shares()) {
            if (!x.opened() || x.after() <= 0) continue;
            String key = x.key() + ":planned";
            while (!keys.add(key)) key += "-1";
            usages.add(new Usage(stores.size(), identifiers.size(), null, null, 1));
            identifiers.add(planned(IdentifierType.PAYMENT, key, provider));
            stores.add(new StoreInfo(key, x.platform(), x.marketplace(), key.substring(x.key().length() + 1), "planned store", null,
                    "active", x.after() * total, null, null));
        }
        return new Snapshot(s.tenant(), s.asOf(), stores, identifiers, usages, s.disclosures());
    }

    // ---- receiving accounts: per account and per provider ----------------------------------------------

    /** A receiving account that carries more than the configured share: it stays on its largest store only. */
    private List<Proposal> accountSpread(Baseline b) {
        Snapshot s = b.snapshot();
        double total = totalRevenue(s);
        if (total <= 0) return List.of();
        Map<Integer, Set<Integer>> holders = new TreeMap<>();
        for (Usage u : s.usages()) {
            if (s.identifiers().get(u.identifier()).type().receivesFunds()) holders.computeIfAbsent(u.identifier(), k -> new TreeSet<>()).add(u.store());
        }
        List<Proposal> out = new ArrayList<>();
        for (var e : holders.entrySet()) {
            double revenue = e.getValue().stream().mapToDouble(i -> Concentration.revenue(s.stores().get(i))).sum();
            if (revenue / total <= config.maxAccountShare() || e.getValue().size() < 2) continue;
            IdentifierInfo id = s.identifiers().get(e.getKey());
            int keep = e.getValue().stream().max(Comparator.comparingDouble((Integer i) -> Concentration.revenue(s.stores().get(i)))
                    .thenComparingInt(i -> -i)).orElseThrow();
            Set<Integer> others = new TreeSet<>(e.getValue());
            others.remove(keep);
            others.removeIf(i -> !s.stores().get(i).trading());
            if (others.isEmpty()) continue;
            Map<Integer, Set<Integer>> changing = Map.of(e.getKey(), others);
            List<Replacement> replacements = replacements(b, changing);
            List<String> stores = others.stream().map(i -> s.stores().get(i).key()).toList();
            out.add(new Proposal(PAYMENT_SPREAD, args("type", id.type().wire(), "display", id.display(), "share", round6(revenue / total),
                            "limit", config.maxAccountShare(), "keep", s.stores().get(keep).key()),
                    replacing(replacements, changing), true, total(replacements), stores,
                    List.of(id.type().wire() + " " + id.display()), replacements, List.of()));
        }
        return out;
    }

    /**
     * A payment provider that carries more than the configured share: stores move their accounts with it to the
     * least-used provider, largest store first, as long as the move lowers payment-provider HHI, until it is
     * under the limit.
     */
    private List<Proposal> providerSpread(Baseline b) {
        Snapshot s = b.snapshot();
        Map<String, Double> shares = new HashMap<>(b.report().paymentProvider().shares());
        List<Proposal> out = new ArrayList<>();
        List<String> overLimit = shares.entrySet().stream()
                .filter(e -> e.getValue() > config.maxProviderShare() && !"none".equals(e.getKey()) && !"other".equals(e.getKey()))
                .map(Map.Entry::getKey).sorted().toList();
        double total = totalRevenue(s);
        for (String provider : overLimit) {
            Map<Integer, List<Integer>> accountsOf = new HashMap<>(); // store → its accounts with this provider
            Map<Integer, Set<String>> providersOf = new HashMap<>();
            for (Usage u : s.usages()) {
                IdentifierInfo id = s.identifiers().get(u.identifier());
                if (id.type() != IdentifierType.PAYMENT || id.provider() == null) continue;
                providersOf.computeIfAbsent(u.store(), k -> new HashSet<>()).add(id.provider());
                if (provider.equals(id.provider())) accountsOf.computeIfAbsent(u.store(), k -> new ArrayList<>()).add(u.identifier());
            }
            List<Integer> candidates = accountsOf.keySet().stream().filter(i -> Concentration.revenue(s.stores().get(i)) > 0)
                    .sorted(Comparator.comparingDouble((Integer i) -> -Concentration.revenue(s.stores().get(i))).thenComparingInt(i -> i)).toList();
            Map<String, Double> running = new HashMap<>(shares);
            Map<Integer, Set<Integer>> changing = new LinkedHashMap<>();
            Map<Integer, String> destination = new HashMap<>();
            for (int st : candidates) {
                if (running.getOrDefault(provider, 0.0) <= config.maxProviderShare()) break;
                // Concentration splits a store's revenue evenly over its providers
                double part = Concentration.revenue(s.stores().get(st)) / providersOf.get(st).size() / total;
                String to = alternative(running, provider);
                double before = sq(running.getOrDefault(provider, 0.0)) + sq(running.getOrDefault(to, 0.0));
                double after = sq(running.getOrDefault(provider, 0.0) - part) + sq(running.getOrDefault(to, 0.0) + part);
                if (after >= before) continue;
                running.merge(provider, -part, Double::sum);
                running.merge(to, part, Double::sum);
                for (int id : accountsOf.get(st)) changing.computeIfAbsent(id, k -> new TreeSet<>()).add(st);
                destination.put(st, to);
            }
            if (changing.isEmpty()) continue;
            List<Replacement> replacements = new ArrayList<>();
            changing.forEach((id, stores) -> stores.forEach(st -> {
                IdentifierInfo info = s.identifiers().get(id);
                replacements.add(new Replacement(s.stores().get(st).key(), info.type().wire(), info.display(), destination.get(st), false,
                        config.costOf(info)));
            }));
            List<String> stores = destination.keySet().stream().sorted().map(i -> s.stores().get(i).key()).toList();
            List<String> to = destination.values().stream().distinct().sorted().toList();
            out.add(new Proposal(PROVIDER_SPREAD, args("provider", provider, "to", to, "share", round6(shares.get(provider)),
                            "limit", config.maxProviderShare(), "after", round6(running.get(provider))),
                    replacing(replacements, changing), true, total(replacements), stores,
                    List.of(), replacements, List.of()));
        }
        return out;
    }

    // ---- hygiene ----------------------------------------------------------------------------------------------

    private Proposal hygiene(Baseline b) {
        Snapshot s = b.snapshot();
        Set<String> tainted = new HashSet<>(b.linkage().taintedIdentifiers());
        Map<Integer, Set<Integer>> retire = new TreeMap<>();
        for (Usage u : s.usages()) {
            String uid = s.identifiers().get(u.identifier()).uid();
            // an identifier that links nothing here (a VPN exit) is not worth retiring; one tainted by a suspended
            // store of another portfolio is not evidence here at all, and is retired
            if (tainted.contains(uid) && !b.weakOnly().contains(uid) && s.stores().get(u.store()).trading()) {
                retire.computeIfAbsent(u.identifier(), k -> new TreeSet<>()).add(u.store());
            }
        }
        if (retire.isEmpty()) return null;
        List<Replacement> replacements = replacements(b, retire);
        Set<String> stores = new TreeSet<>();
        replacements.forEach(r -> stores.add(r.store()));
        List<String> displays = displays(s, new ArrayList<>(retire.keySet()));
        return new Proposal(HYGIENE, Map.of(),
                replacing(replacements, retire), true, total(replacements),
                List.copyOf(stores), displays, replacements, List.of());
    }

    // ---- shared pieces ---------------------------------------------------------------------------------------

    private Action effect(Baseline b, Proposal p) {
        return effect(b, p, p.change().apply(b.snapshot()));
    }

    /** Measures a proposal on the portfolio it changed. */
    private Action effect(Baseline b, Proposal p, Snapshot changed) {
        LinkageResult result = p.relink() ? linkage.analyze(changed) : b.linkage();
        double deltaLoss = round2(risk.expectedLossFirstOrder(changed, result) - b.loss());
        Concentration.Report r = concentration.analyze(changed, result);
        Map<String, Double> deltaHhi = new LinkedHashMap<>();
        deltaHhi.put("platform", round1(r.platform().hhi() - b.report().platform().hhi()));
        deltaHhi.put("marketplace", round1(r.marketplace().hhi() - b.report().marketplace().hhi()));
        deltaHhi.put("paymentProvider", round1(r.paymentProvider().hhi() - b.report().paymentProvider().hhi()));
        deltaHhi.put("legalEntity", round1(r.legalEntity().hhi() - b.report().legalEntity().hhi()));
        deltaHhi.put("cluster", round1(r.cluster().hhi() - b.report().cluster().hhi()));
        double cost = round2(p.costUsd());
        Double payback = deltaLoss < 0 ? Double.valueOf(round1(cost / (-deltaLoss / 12))) : null;
        return new Action(p.kind(), p.args(), deltaLoss, deltaHhi.get("platform"), deltaHhi,
                (int) (b.critical() - critical(result)), cost, round2(-deltaLoss - cost), payback, p.stores(), p.identifiers(),
                List.copyOf(p.replacements()), p.mix());
    }

    /**
     * Who replaces what, with what; payment accounts move to the least-used provider. A store that takes a new IP
     * leaves the IP ranges it shared with it, and one that moves office leaves the building: those replacements cost
     * nothing more.
     */
    private List<Replacement> replacements(Baseline b, Map<Integer, Set<Integer>> changing) {
        Snapshot s = b.snapshot();
        Set<Integer> newIp = new HashSet<>();
        Set<Integer> newAddress = new HashSet<>();
        changing.forEach((id, stores) -> {
            if (s.identifiers().get(id).type() == IdentifierType.IP) newIp.addAll(stores);
            if (s.identifiers().get(id).type() == IdentifierType.ADDRESS) newAddress.addAll(stores);
        });
        List<Replacement> out = new ArrayList<>();
        changing.forEach((id, stores) -> {
            IdentifierInfo info = s.identifiers().get(id);
            String provider = info.type() == IdentifierType.PAYMENT ? alternativeProvider(b.report(), info.provider()) : null;
            for (int st : stores) {
                boolean free = info.type() == IdentifierType.IP_SUBNET && newIp.contains(st)
                        || info.type() == IdentifierType.ADDRESS_BUILDING && newAddress.contains(st);
                out.add(new Replacement(s.stores().get(st).key(), info.type().wire(), info.display(), provider, free,
                        free ? 0 : config.costOf(info)));
            }
        });
        return out;
    }

    private static double total(List<Replacement> replacements) {
        return replacements.stream().mapToDouble(Replacement::costUsd).sum();
    }

    /**
     * The change the replacements make: each replaced identifier leaves its store, and a replaced payment account
     * becomes the store's own account with the named provider (so provider concentration moves too). Applied on
     * top of another action, a usage already gone is not replaced twice.
     */
    private static UnaryOperator<Snapshot> replacing(List<Replacement> replacements, Map<Integer, Set<Integer>> changing) {
        Map<String, String> provider = new HashMap<>();
        for (Replacement r : replacements) {
            if (IdentifierType.PAYMENT.wire().equals(r.type()) && r.provider() != null) provider.put(r.store() + "|" + r.display(), r.provider());
        }
        Set<Long> dropped = new HashSet<>();
        changing.forEach((id, stores) -> stores.forEach(st -> dropped.add(((long) st << 32) | id)));
        return s -> {
            List<Usage> usages = new ArrayList<>(s.usages().size());
            List<Usage> removed = new ArrayList<>();
            for (Usage u : s.usages()) (dropped.contains(((long) u.store() << 32) | u.identifier()) ? removed : usages).add(u);
            List<IdentifierInfo> identifiers = new ArrayList<>(s.identifiers());
            for (Usage u : removed) {
                IdentifierInfo old = s.identifiers().get(u.identifier());
                if (old.type() != IdentifierType.PAYMENT) continue;
                String key = s.stores().get(u.store()).key();
                usages.add(new Usage(u.store(), identifiers.size(), null, null, 1));
                identifiers.add(planned(IdentifierType.PAYMENT, key + "|" + identifiers.size(),
                        provider.getOrDefault(key + "|" + old.display(), "other")));
            }
            return new Snapshot(s.tenant(), s.asOf(), s.stores(), identifiers, usages, s.disclosures());
        };
    }

    private static IdentifierInfo planned(IdentifierType type, String owner, String provider) {
        return new IdentifierInfo("planned|" + type.wire() + "|" + owner, type, "new", false, IdentifierClass.STANDARD, provider, 0, 0);
    }

    /** The configured provider with the smallest share of revenue now (ties: configuration order), other than {@code instead}. */
    private String alternativeProvider(Concentration.Report report, String instead) {
        return alternative(report.paymentProvider().shares(), instead);
    }

    private String alternative(Map<String, Double> shares, String instead) {
        String best = null;
        for (String p : config.paymentProviders()) {
            if (p.equals(instead)) continue;
            if (best == null || shares.getOrDefault(p, 0.0) < shares.getOrDefault(best, 0.0) - 1e-12) best = p;
        }
        return best == null ? "other" : best;
    }

    private static List<String> displays(Snapshot s, List<Integer> identifiers) {
        return identifiers.stream().map(i -> s.identifiers().get(i).type().wire() + " " + s.identifiers().get(i).display()).toList();
    }

    private static long critical(LinkageResult r) {
        return r.clusters().stream().filter(c -> "critical".equals(c.risk())).count();
    }

    private static double totalRevenue(Snapshot s) {
        double total = 0;
        for (StoreInfo st : s.stores()) total += Concentration.revenue(st);
        return total;
    }

    private static Map<String, Integer> index(Snapshot s) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < s.stores().size(); i++) out.put(s.stores().get(i).key(), i);
        return out;
    }

    private static double sq(double v) {
        return v * v;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double round6(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
