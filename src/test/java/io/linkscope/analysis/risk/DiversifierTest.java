package io.linkscope.analysis.risk;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

@DisplayName("Diversifier: least-HHI mix within the shift, smallest shift to the band, periods, categories, new marketplaces")
class DiversifierTest {

    private static RecommendConfig config(List<RecommendConfig.CatalogEntry> catalog, double maxShift, int maxNew) {
        return config(catalog, maxShift, maxNew, 1.0);
    }

    private static RecommendConfig config(List<RecommendConfig.CatalogEntry> catalog, double maxShift, int maxNew, double maxGrowth) {
        RecommendConfig d = RecommendConfig.defaults();
        return new RecommendConfig(d.replacementCostUsd(), catalog, maxShift, maxGrowth, "quarter", maxNew, 8, d.maxAccountShare(),
                d.maxProviderShare(), d.paymentProviders(), d.maxDelinkActions());
    }

    private static RecommendConfig.CatalogEntry entry(String platform, String marketplace, double maxShare, String... categories) {
        return new RecommendConfig.CatalogEntry(platform, marketplace, List.of(categories), maxShare, 1_000);
    }

    private static Diversifier.Holding h(String platform, double revenue) {
        return new Diversifier.Holding(platform, "US", null, revenue);
    }

    private static Map<String, Double> after(Diversifier.Plan p) {
        return p.shares().stream().collect(Collectors.toMap(Diversifier.Share::key, Diversifier.Share::after));
    }

    @Test
    @DisplayName(".8/.1/.1 (HHI 6,600), 20% shift, two new marketplaces capped at 10%: .6/.1/.1/.1/.1, HHI 4,000; 2,500 and 2,000 in later quarters, never 1,800")
    void waterFilling() {
        Diversifier d = new Diversifier(config(List.of(entry("temu", "US", 0.10), entry("tiktok-shop", "US", 0.10)), 0.20, 3),
                RiskConfig.defaults());
        Diversifier.Plan p = d.plan(List.of(h("amazon", 800), h("walmart", 100), h("ebay", 100)), 1_800);
        assertEquals(6_600, p.hhiBefore(), 1e-6);
        // least Σx² with at most 0.2 taken: amazon gives 0.2, the two new ones fill to their cap; 0.36 + 4 × 0.01
        assertEquals(4_000, p.hhiAfter(), 0.01);
        assertEquals(0.20, p.shift(), 1e-3);
        Map<String, Double> x = after(p);
        assertEquals(0.60, x.get("amazon:US"), 1e-6);
        assertEquals(0.10, x.get("temu:US"), 1e-3);
        assertEquals(0.10, x.get("tiktok-shop:US"), 1e-3);
        assertFalse(p.reachedInOnePeriod());
        // quarter 2: amazon .4, four at .15 → 2,500; quarter 3: five at .2 → 2,000; then no further progress
        assertNull(p.periodsToTarget());
        assertEquals(3, p.periodsPlanned());
        assertEquals(2_000, p.hhiAtHorizon(), 0.01);
        assertTrue(p.shares().stream().filter(Diversifier.Share::opened).allMatch(s -> s.setupCostUsd() == 1_000));
    }

    @Test
    @DisplayName("ramp-up caps of 5%: the rest of the shift goes to the smallest existing platforms (HHI 4,100)")
    void caps() {
        Diversifier d = new Diversifier(config(List.of(entry("temu", "US", 0.05), entry("tiktok-shop", "US", 0.05)), 0.20, 3),
                RiskConfig.defaults());
        Diversifier.Plan p = d.plan(List.of(h("amazon", 800), h("walmart", 100), h("ebay", 100)), 1_800);
        // .6, .15, .15, .05, .05 → 3,600 + 2 × 225 + 2 × 25
        assertEquals(4_100, p.hhiAfter(), 0.01);
        assertEquals(0.15, after(p).get("walmart:US"), 1e-6);
    }

    @Test
    @DisplayName("growth cap: with no catalog and +50% a quarter, walmart and ebay reach .15 each; amazon .7, HHI 5,350")
    void growthCap() {
        Diversifier d = new Diversifier(config(List.of(), 0.20, 3, 0.5), RiskConfig.defaults());
        Diversifier.Plan p = d.plan(List.of(h("amazon", 800), h("walmart", 100), h("ebay", 100)), 1_800);
        assertEquals(0.10, p.shift(), 1e-9, "the caps leave room for 10% only");
        assertEquals(5_350, p.hhiAfter(), 0.01);
        assertEquals(0.15, after(p).get("ebay:US"), 1e-9);
    }

    @Test
    @DisplayName("within reach: .5/.25/.25 to under 2,999 takes the smallest shift τ with (.5−τ)² + .125 + τ²/3 = .2999: τ = 8.47%")
    void smallestShift() {
        Diversifier d = new Diversifier(config(List.of(entry("p4", "US", 0.2), entry("p5", "US", 0.2), entry("p6", "US", 0.2)), 0.30, 3),
                RiskConfig.defaults());
        Diversifier.Plan p = d.plan(List.of(h("p1", 500), h("p2", 250), h("p3", 250)), 2_999);
        assertEquals(3_750, p.hhiBefore(), 1e-6);
        assertTrue(p.reachedInOnePeriod());
        assertEquals(1, p.periodsToTarget());
        // 4/3 τ² − τ + 0.0751 = 0 → τ = (1 − √0.599467) / (8/3) = 0.084655
        assertEquals(0.084655, p.shift(), 1e-5);
        assertEquals(2_999, p.hhiAfter(), 0.01);
        assertEquals(0.5 - 0.084655, after(p).get("p1:US"), 1e-5);
    }

    @Test
    @DisplayName("categories: a marketplace that does not take what the group sells is never proposed; one that takes 3% of it is capped at 3%")
    void categories() {
        Diversifier d = new Diversifier(config(List.of(entry("etsy", "US", 0.10, "handmade"), entry("otto", "DE", 0.10, "toys"),
                entry("walmart", "US", 0.10)), 0.20, 3), RiskConfig.defaults());
        Diversifier.Plan p = d.plan(List.of(new Diversifier.Holding("amazon", "US", "electronics", 970),
                new Diversifier.Holding("amazon", "US", "toys", 30)), 1_800);
        Map<String, Double> x = after(p);
        assertFalse(x.containsKey("etsy:US"), "etsy takes handmade only: " + x);
        assertEquals(0.03, x.get("otto:DE"), 1e-3);
        assertEquals(0.10, x.get("walmart:US"), 1e-3);
    }

    @Test
    @DisplayName("at most maxNewMarketplaces new ones per quarter; the lower-hazard ones win a tie")
    void newMarketplaces() {
        Diversifier d = new Diversifier(config(List.of(entry("temu", "US", 0.05), entry("ebay", "US", 0.05), entry("walmart", "US", 0.05),
                entry("tiktok-shop", "US", 0.05)), 0.20, 2), RiskConfig.defaults());
        Diversifier.Plan p = d.plan(List.of(h("amazon", 1000)), 1_800);
        List<String> opened = p.shares().stream().filter(Diversifier.Share::opened).map(Diversifier.Share::key).sorted().toList();
        // base hazards: ebay 5%, walmart 6%, temu 7%, tiktok-shop 8%
        assertEquals(List.of("ebay:US", "walmart:US"), opened);
        assertEquals(0.90, after(p).get("amazon:US"), 1e-3);
    }
}
