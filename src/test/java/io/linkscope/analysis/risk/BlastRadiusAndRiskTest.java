package io.linkscope.analysis.risk;

import io.linkscope.analysis.model.Evidence;
import io.linkscope.analysis.model.IdentifierInfo;
import io.linkscope.analysis.model.Link;
import io.linkscope.analysis.model.LinkageResult;
import io.linkscope.analysis.model.Snapshot;
import io.linkscope.analysis.model.StoreInfo;
import io.linkscope.analysis.model.StoreRisk;
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

import static org.junit.jupiter.api.Assertions.*;

@DisplayName("Blast radius and revenue at risk against hand-computed examples")
class BlastRadiusAndRiskTest {
    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    /** A (amazon, 100) —0.9— B (amazon, 50) —0.6— C (amazon, 20); D (ebay, 30) shares A's PayPal; E (walmart, 40) alone. */
    private static Snapshot snapshot() {
        List<StoreInfo> stores = List.of(store("amazon:US:A", 100), store("amazon:US:B", 50), store("amazon:US:C", 20),
                store("ebay:US:D", 30), store("walmart:US:E", 40));
        List<IdentifierInfo> ids = List.of(new IdentifierInfo("pay", IdentifierType.PAYMENT, "paypal:f***@x.example", false,
                IdentifierClass.STANDARD, "paypal", 0, 0));
        return new Snapshot("t", NOW, stores, ids, List.of(new Usage(0, 0, null, null, 1), new Usage(3, 0, null, null, 1)), List.of());
    }

    private static StoreInfo store(String key, double revenue) {
        String[] p = key.split(":");
        return new StoreInfo(key, p[0], p[1], p[2], key, null, "active", revenue, null, null);
    }

    private static LinkageResult linkage(String riskOfA) {
        List<Link> links = List.of(link("amazon:US:A", "amazon:US:B", 0.9, true), link("amazon:US:B", "amazon:US:C", 0.6, true),
                link("amazon:US:A", "ebay:US:D", 0.95, false));
        Map<String, StoreRisk> risk = new HashMap<>();
        for (String k : List.of("amazon:US:A", "amazon:US:B", "amazon:US:C", "ebay:US:D", "walmart:US:E")) {
            risk.put(k, new StoreRisk(k, null, k.equals("amazon:US:A") ? riskOfA : "low", List.of(), 0, 0, false));
        }
        return new LinkageResult(links, List.of(), risk, List.of());
    }

    private static Link link(String a, String b, double score, boolean samePlatform) {
        return new Link(a, b, score, score >= 0.8 ? "strong" : "likely", samePlatform, false, List.<Evidence>of());
    }

    @Test
    @DisplayName("blast radius of A: B by chain (0.9), C through B (0.9 × 0.6 = 0.54), D frozen (1.0); E untouched")
    void blastRadiusOfA() {
        BlastRadius.Result r = new BlastRadius(0.5).of(snapshot(), linkage("low"), "amazon:US:A");
        Map<String, BlastRadius.Affected> byStore = new HashMap<>();
        r.stores().forEach(a -> byStore.put(a.store(), a));
        assertEquals(0.9, byStore.get("amazon:US:B").probability(), 1e-9);
        assertEquals(0.54, byStore.get("amazon:US:C").probability(), 1e-9);
        assertEquals(BlastRadius.FREEZE, byStore.get("ebay:US:D").reason());
        assertEquals(1.0, byStore.get("ebay:US:D").probability(), 1e-9);
        assertFalse(byStore.containsKey("walmart:US:E"));
        // lost = 100 + 0.9×50 + 0.54×20 + 1.0×30 = 185.8 of 240; at stake 200
        assertEquals(185.8, r.revenueLostUsd(), 1e-9);
        assertEquals(200.0, r.revenueAtStakeUsd(), 1e-9);
        assertEquals(185.8 / 240, r.shareOfPortfolio(), 1e-4);
        assertEquals("amazon:US:A", new BlastRadius(0.5).worst(snapshot(), linkage("low")).store().store());
    }

    @Test
    @DisplayName("revenue at risk: same seed same answer; a single isolated store matches the closed form")
    void revenueAtRisk() {
        RiskConfig config = RiskConfig.defaults().withRun(100_000, 7);
        RevenueAtRisk rar = new RevenueAtRisk(config, 0.5);
        RevenueAtRisk.Result a = rar.simulate(snapshot(), linkage("critical"));
        RevenueAtRisk.Result b = rar.simulate(snapshot(), linkage("critical"));
        assertEquals(a, b);
        assertEquals(240 * 12, a.annualRevenueUsd(), 1e-9);
        assertTrue(a.var95Usd() >= a.expectedAnnualLossUsd());
        assertTrue(a.cvar95Usd() >= a.var95Usd());
        // linking A as critical raises the expected loss against the same seed with A rated low
        RevenueAtRisk.Result low = rar.simulate(snapshot(), linkage("low"));
        assertTrue(a.expectedAnnualLossUsd() > low.expectedAnnualLossUsd());

        // one walmart store alone: loss is 12 × 40 with probability 0.06 → expected 28.8, within 4 standard errors
        Snapshot alone = new Snapshot("t", NOW, List.of(store("walmart:US:E", 40)), List.of(), List.of(), List.of());
        LinkageResult none = new LinkageResult(List.of(), List.of(), Map.of("walmart:US:E",
                new StoreRisk("walmart:US:E", null, "low", List.of(), 0, 0, false)), List.of());
        RevenueAtRisk.Result r = rar.simulate(alone, none);
        assertEquals(28.8, r.expectedAnnualLossUsd(), 4 * r.standardError());
        assertEquals(480.0, r.var95Usd(), 1e-9, "P(loss) = 6% > 5%, so the 95th percentile is the full loss");
        assertEquals(0.06, r.probLossOver50Pct(), 0.005);
    }

    @Test
    @DisplayName("a linked pair: Monte Carlo and the first-order form agree with the exact 1 − (1 − h)(1 − h × 0.6 × score)")
    void linkedPairExact() {
        Snapshot s = new Snapshot("t", NOW, List.of(store("amazon:US:A", 100), store("amazon:US:B", 50)), List.of(), List.of(), List.of());
        Map<String, StoreRisk> risk = new HashMap<>();
        for (String k : List.of("amazon:US:A", "amazon:US:B")) risk.put(k, new StoreRisk(k, null, "low", List.of(), 0, 0, false));
        LinkageResult l = new LinkageResult(List.of(link("amazon:US:A", "amazon:US:B", 0.9, true)), List.of(), risk, List.of());
        // amazon base hazard 0.08; contagion 0.6 × 0.9 = 0.54: each store is lost with 1 − 0.92 × (1 − 0.08 × 0.54) = 0.119744
        double exact = 12 * (100 + 50) * (1 - 0.92 * (1 - 0.08 * 0.54));
        RevenueAtRisk rar = new RevenueAtRisk(RiskConfig.defaults().withRun(200_000, 11), 0.5);
        assertEquals(exact, rar.expectedLossFirstOrder(s, l), 0.01, "two stores: the first-order form is exact");
        RevenueAtRisk.Result r = rar.simulate(s, l);
        assertEquals(exact, r.expectedAnnualLossUsd(), 4 * r.standardError());
        assertTrue(r.standardError() > 0 && r.standardError() < 2, "standard error " + r.standardError());
    }

    @Test
    @DisplayName("100k trials for 1,000 stores run and stay deterministic")
    void thousandStores() {
        List<StoreInfo> stores = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        Map<String, StoreRisk> risk = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            String key = "amazon:US:S" + i;
            stores.add(store(key, 1000 + i));
            risk.put(key, new StoreRisk(key, null, i % 10 == 0 ? "high" : "low", List.of(), 0, 0, false));
            if (i % 2 == 1) links.add(link("amazon:US:S" + (i - 1), key, 0.85, true));
        }
        Snapshot s = new Snapshot("t", NOW, stores, List.of(), List.of(), List.of());
        LinkageResult l = new LinkageResult(links, List.of(), risk, List.of());
        RevenueAtRisk rar = new RevenueAtRisk(RiskConfig.defaults(), 0.5);
        assertEquals(rar.simulate(s, l), rar.simulate(s, l));
    }
}
