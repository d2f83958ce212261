package io.linkscope.analysis.risk;

import io.linkscope.analysis.linkage.LinkageConfig;
import io.linkscope.analysis.linkage.LinkageEngine;
import io.linkscope.analysis.model.IdentifierInfo;
import io.linkscope.analysis.model.LinkageResult;
import io.linkscope.analysis.model.Snapshot;
import io.linkscope.analysis.model.StoreInfo;
import io.linkscope.analysis.model.Usage;
import io.linkscope.normalize.IdentifierClass;
import io.linkscope.normalize.IdentifierType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

@DisplayName("Recommender: minimum-cost de-linking, cluster separation, diversification, payment spread, hygiene")
class RecommenderTest {
    /** The English words of an action, as the reports render them from its facts. */
    private static final io.linkscope.report.ActionText WORDS = new io.linkscope.report.ActionText(io.linkscope.report.Messages.english(), java.util.Map.of());

    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    private final LinkageEngine engine = new LinkageEngine(LinkageConfig.defaults());
    private final Concentration concentration = new Concentration(Concentration.Bands.mergerGuidelines2023());

    /** The defaults with small round replacement costs, so the cuts below can be added up by hand. */
    private static RecommendConfig costs(Map<String, Double> costs) {
        RecommendConfig d = RecommendConfig.defaults();
        Map<String, Double> c = new HashMap<>(d.replacementCostUsd());
        c.putAll(costs);
        return new RecommendConfig(c, d.catalog(), d.maxShift(), d.maxGrowth(), d.period(), d.maxNewMarketplaces(), d.maxPeriods(),
                d.maxAccountShare(), d.maxProviderShare(), d.paymentProviders(), d.maxDelinkActions());
    }

    private static final RecommendConfig SMALL = costs(Map.of("payment", 8.0, "ip", 1.0, "phone", 3.0, "device", 2.0));

    private Recommender recommender(RecommendConfig config) {
        return new Recommender(config, engine, RiskConfig.defaults(), concentration);
    }

    private static StoreInfo store(String key, String status, double revenue) {
        String[] p = key.split(":");
        return new StoreInfo(key, p[0], p[1], p[2], key, null, status, revenue, null, null);
    }

    private static IdentifierInfo id(String uid, IdentifierType type) {
        String display = type == IdentifierType.PAYMENT ? "paypal:" + uid + "@a…" : uid + "-masked";
        return new IdentifierInfo(uid, type, display, false, IdentifierClass.STANDARD, type == IdentifierType.PAYMENT ? "paypal" : null, 0, 0);
    }

    private static Usage use(int store, int identifier) {
        return new Usage(store, identifier, null, null, 1);
    }

    /**
     * A and B share a PayPal account (8). A also reaches B through C: A–ip(1)–C–phone(3)–B. D (suspended) and E share
     * a device (2).
     */
    private static Snapshot portfolio() {
        List<StoreInfo> stores = List.of(store("amazon:US:A", "active", 900_000), store("amazon:US:B", "active", 50_000),
                store("ebay:US:C", "active", 10_000), store("walmart:US:D", "suspended", 0), store("walmart:US:E", "active", 20_000));
        List<IdentifierInfo> ids = List.of(id("pay", IdentifierType.PAYMENT), id("ip", IdentifierType.IP), id("phone", IdentifierType.PHONE),
                id("dev", IdentifierType.DEVICE));
        List<Usage> usages = List.of(use(0, 0), use(1, 0), use(0, 1), use(2, 1), use(2, 2), use(1, 2), use(3, 3), use(4, 3));
        return new Snapshot("t", NOW, stores, ids, usages, List.of());
    }

    private boolean links(IdentifierInfo i) {
        return i.cls().carriesWeight() && !i.generic() && engine.config().weight(i.type()) > 0;
    }

    @Test
    @DisplayName("min cut A | B: B replaces the shared PayPal (8) and C the IP it shares with A (1): 9, not the phone (3)")
    void minimumCut() {
        MinCut.Result cut = MinCut.between(portfolio(), Set.of(0), Set.of(1), this::links, SMALL::costOf);
        assertEquals(9.0, cut.costUsd(), 1e-9);
        assertEquals(List.of(0, 1), cut.identifiers(), "payment (8) and ip (1), costliest first");
        assertEquals(Set.of(1), cut.changing().get(0), "B gives up the shared payment");
        assertEquals(Set.of(2), cut.changing().get(1), "C gives up the ip it shares with A");
    }

    @Test
    @DisplayName("min cut on a five-node graph (stores A, B, C; ip shared by all three, phone by B and C): 120 + 60 = 180")
    void fiveNodeCut() {
        List<StoreInfo> stores = List.of(store("amazon:US:A", "active", 100), store("amazon:US:B", "active", 100), store("amazon:US:C", "active", 100));
        List<IdentifierInfo> ids = List.of(id("ip", IdentifierType.IP), id("phone", IdentifierType.PHONE));
        Snapshot s = new Snapshot("t", NOW, stores, ids, List.of(use(0, 0), use(1, 0), use(2, 0), use(1, 1), use(2, 1)), List.of());
        RecommendConfig usd = RecommendConfig.defaults(); // ip $120, phone $60
        MinCut.Result cut = MinCut.between(s, Set.of(0), Set.of(1), this::links, usd::costOf);
        // B must drop the ip (A keeps it); the path B–phone–C–ip–A then needs one more cut: the phone ($60, on B
        // or C) is cheaper than C dropping the ip ($120)
        assertEquals(180.0, cut.costUsd(), 1e-9);
        assertEquals(Set.of(1), cut.changing().get(0));
        assertEquals(1, cut.changing().get(1).size());
        // three stores on one identifier: separating one costs one replacement, not one per holder
        MinCut.Result one = MinCut.between(new Snapshot("t", NOW, stores, ids, List.of(use(0, 0), use(1, 0), use(2, 0)), List.of()),
                Set.of(0, 2), Set.of(1), this::links, usd::costOf);
        assertEquals(120.0, one.costUsd(), 1e-9);
    }

    @Test
    @DisplayName("actions are computed: each has its cost in USD, the first-year net, and Δ HHI by dimension; ranked by net")
    void actions() {
        Snapshot s = portfolio();
        LinkageResult linkage = engine.analyze(s);
        List<Recommender.Action> actions = recommender(SMALL).recommend(s, linkage).actions();
        Recommender.Action delink = actions.stream().filter(a -> a.kind().equals("delink")).findFirst().orElseThrow();
        assertEquals("Give amazon:US:B its own Payoneer account instead of the PayPal account pay@a… shared with amazon:US:A (+1 more replacement)",
                WORDS.title(delink));
        assertTrue(delink.deltaExpectedLossUsd() < 0, "separating A and B must lower the expected loss: " + delink.deltaExpectedLossUsd());
        assertEquals(9.0, delink.costUsd(), 1e-9);
        assertEquals(delink.costUsd(), delink.cost(), "cost is kept as the former name of costUsd");
        assertEquals(-delink.deltaExpectedLossUsd() - 9.0, delink.netFirstYearUsd(), 0.011);
        assertEquals(9.0 / (-delink.deltaExpectedLossUsd() / 12), delink.paybackMonths(), 0.05);
        assertEquals(List.of(new Recommender.Replacement("amazon:US:B", "payment", "paypal:pay@a…", "payoneer", false, 8.0),
                new Recommender.Replacement("ebay:US:C", "ip", "ip-masked", null, false, 1.0)), delink.replacements());
        assertEquals(List.of("Payoneer account", "IP"), delink.replacements().stream().map(WORDS::replaceWith).toList());
        // B's own Payoneer account takes B's revenue off PayPal: payment-provider HHI falls, platform HHI does not move
        assertTrue(delink.deltaHhi().get("paymentProvider") < 0, delink.deltaHhi().toString());
        assertEquals(0.0, delink.deltaHhi().get("platform"));
        assertEquals(Set.of("platform", "marketplace", "paymentProvider", "legalEntity", "cluster"), delink.deltaHhi().keySet());

        Recommender.Action diversify = actions.stream().filter(a -> a.kind().equals("diversify")).findFirst().orElseThrow();
        assertTrue(diversify.deltaPlatformHhi() < -1_000, WORDS.title(diversify));
        assertTrue(WORDS.title(diversify).contains("from amazon US"), WORDS.title(diversify));
        assertNotEquals(0.0, diversify.deltaExpectedLossUsd(), "the shift is priced with the same loss model");
        double setup = diversify.mix().stream().filter(Recommender.MixChange::newStore).filter(m -> m.shareAfter() > 0)
                .mapToDouble(Recommender.MixChange::setupCostUsd).sum();
        assertTrue(setup > 0);
        assertEquals(setup, diversify.costUsd(), 1e-6, "diversification costs the set-up of its new stores");
        assertEquals(1.0, diversify.mix().stream().mapToDouble(Recommender.MixChange::shareAfter).sum(), 1e-4);

        Recommender.Action hygiene = actions.stream().filter(a -> a.kind().equals("hygiene")).findFirst().orElseThrow();
        assertEquals(List.of("walmart:US:E"), hygiene.stores());
        assertEquals(2.0, hygiene.costUsd(), 1e-9);

        Recommender.Action spread = actions.stream().filter(a -> a.kind().equals("payment-spread")).findFirst().orElseThrow();
        assertEquals(List.of("amazon:US:B"), spread.stores(), "the account stays on its largest store");
        for (int i = 1; i < actions.size(); i++) {
            assertTrue(actions.get(i - 1).netFirstYearUsd() >= actions.get(i).netFirstYearUsd(), "ranked by first-year net");
        }

        // the worthwhile actions together: B's shared PayPal is replaced by both the de-link and the account split,
        // and is paid for once
        Recommender.Plan plan = recommender(SMALL).recommend(s, linkage).plan();
        List<Integer> worthwhile = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) if (actions.get(i).netFirstYearUsd() > 0) worthwhile.add(i + 1);
        assertEquals(worthwhile, plan.actions());
        Set<String> unique = new java.util.HashSet<>();
        double cost = 0;
        for (int rank : plan.actions()) {
            Recommender.Action a = actions.get(rank - 1);
            for (Recommender.Replacement r : a.replacements()) if (unique.add(r.store() + r.type() + r.display())) cost += r.costUsd();
            for (Recommender.MixChange m : a.mix()) if (m.newStore()) cost += m.setupCostUsd();
        }
        assertEquals(cost, plan.costUsd(), 1e-6);
        double sum = plan.actions().stream().mapToDouble(r -> actions.get(r - 1).costUsd()).sum();
        assertTrue(plan.costUsd() < sum, "the shared replacement is counted once: " + plan.costUsd() + " < " + sum);
        double best = actions.stream().mapToDouble(Recommender.Action::deltaExpectedLossUsd).min().orElseThrow();
        assertTrue(plan.deltaExpectedLossUsd() <= best, "together at least as good as the best alone");
        assertEquals(plan.firstOrderLossBeforeUsd() + plan.deltaExpectedLossUsd(), plan.firstOrderLossAfterUsd(), 0.011);
    }

    @Test
    @DisplayName("provider spread: 50/30/20 all on PayPal (limit 50%) moves the largest store to Payoneer: provider HHI 10,000 → 5,000")
    void providerSpread() {
        List<StoreInfo> stores = List.of(store("amazon:US:A", "active", 50), store("ebay:US:B", "active", 30), store("walmart:US:C", "active", 20));
        List<IdentifierInfo> ids = List.of(id("p1", IdentifierType.PAYMENT), id("p2", IdentifierType.PAYMENT), id("p3", IdentifierType.PAYMENT));
        Snapshot s = new Snapshot("t", NOW, stores, ids, List.of(use(0, 0), use(1, 1), use(2, 2)), List.of());
        List<Recommender.Action> actions = recommender(RecommendConfig.defaults()).recommend(s, engine.analyze(s)).actions();
        Recommender.Action move = actions.stream().filter(a -> a.kind().equals("provider-spread")).findFirst().orElseThrow();
        assertEquals("Move 1 store from PayPal to Payoneer: PayPal receives 100% of revenue (limit 50%)", WORDS.title(move));
        assertEquals(List.of("amazon:US:A"), move.stores());
        // before: PayPal 1.0 → 10,000; after: PayPal 0.5, Payoneer 0.5 → 5,000
        assertEquals(-5_000.0, move.deltaHhi().get("paymentProvider"), 0.1);
        assertEquals(100.0, move.costUsd(), 1e-9);
    }

    @Test
    @DisplayName("cluster separation: four Amazon stores on one PayPal account, one tied to a suspended store; isolating cuts keep them all apart")
    void separateCluster() {
        List<StoreInfo> stores = new ArrayList<>();
        for (String k : List.of("A", "B", "C", "D")) stores.add(store("amazon:US:" + k, "active", 100));
        stores.add(store("amazon:US:S", "suspended", 0));
        List<IdentifierInfo> ids = List.of(id("pay", IdentifierType.PAYMENT), id("phone", IdentifierType.PHONE), id("dev", IdentifierType.DEVICE));
        // A, B, C, D share the PayPal account; A and B also a phone; D shares a device with the suspended store S
        List<Usage> usages = List.of(use(0, 0), use(1, 0), use(2, 0), use(3, 0), use(0, 1), use(1, 1), use(3, 2), use(4, 2));
        Snapshot s = new Snapshot("t", NOW, stores, ids, usages, List.of());
        LinkageResult linkage = engine.analyze(s);
        Recommender.Action action = recommender(RecommendConfig.defaults()).recommend(s, linkage).actions().stream()
                .filter(a -> a.kind().equals("separate-cluster")).findFirst().orElseThrow();
        assertTrue(action.stores().containsAll(List.of("amazon:US:A", "amazon:US:B", "amazon:US:C", "amazon:US:D")), action.stores().toString());
        // the suspended S keeps its device, so D replaces it; every trading store is isolated
        assertTrue(action.replacements().stream().anyMatch(r -> r.store().equals("amazon:US:D") && r.type().equals("device")), WORDS.detail(action));
        assertTrue(action.replacements().stream().noneMatch(r -> r.store().equals("amazon:US:S")));
        assertEquals(action.replacements().stream().mapToDouble(Recommender.Replacement::costUsd).sum(), action.costUsd(), 1e-9);
        // applying it leaves no same-platform link between the four
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < stores.size(); i++) index.put(stores.get(i).key(), i);
        Set<Long> dropped = new java.util.HashSet<>();
        for (Recommender.Replacement r : action.replacements()) {
            for (int i = 0; i < ids.size(); i++) {
                if (ids.get(i).display().equals(r.display())) dropped.add(((long) index.get(r.store()) << 32) | i);
            }
        }
        List<Usage> left = usages.stream().filter(u -> !dropped.contains(((long) u.store() << 32) | u.identifier())).toList();
        LinkageResult after = engine.analyze(new Snapshot("t", NOW, stores, ids, left, List.of()));
        assertTrue(after.links().stream().noneMatch(l -> !l.a().endsWith(":S") && !l.b().endsWith(":S")), after.links().toString());
        assertTrue(action.criticalClustersRemoved() >= 1, "D's tie to the suspended store made the cluster critical");
    }
}
