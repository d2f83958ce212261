package io.linkscope.analysis.risk;

import java.util.Map;

/**
 * Planning assumptions of the revenue-at-risk model. They are not platform statistics (platforms publish
 * none per seller); they are defaults for a group to replace with its own suspension history.
 *
 * <ul>
 * <li><b>Base annual suspension hazard</b> per platform: 5–8% a year, higher where policy enforcement on
 * related accounts and IP complaints is strictest (Amazon, TikTok Shop, Temu), lower on eBay and Shopee.</li>
 * <li><b>Linkage multipliers</b>: a store rated critical (linked to a suspended store on its platform) is
 * 4× as likely to be suspended, high 2.5×, medium 1.5×.</li>
 * <li><b>Contagion</b>: when a store is suspended, each same-platform linked store follows with probability
 * {@code contagionScale × link score} (Amazon's "related accounts" reviews act on linked accounts together).</li>
 * <li><b>Freeze</b>: each suspension triggers, with probability {@code freezeProbability}, a freeze of its
 * receiving accounts, taking every store paid into them (a Schedule A TRO freezes the account, not the store).</li>
 * </ul>
 */
public record RiskConfig(Map<String, Double> baseHazard, double defaultHazard, Map<String, Double> levelMultiplier,
                         double contagionScale, double freezeProbability, int trials, long seed) {

    public static RiskConfig defaults() {
        return new RiskConfig(Map.of("amazon", 0.08, "tiktok-shop", 0.08, "temu", 0.07, "walmart", 0.06,
                "aliexpress", 0.06, "ebay", 0.05, "shopee", 0.05, "lazada", 0.05, "etsy", 0.05),
                0.05, Map.of("critical", 4.0, "high", 2.5, "medium", 1.5, "low", 1.0), 0.6, 0.3, 100_000, 42L);
    }

    public double hazard(String platform, String level) {
        double h = baseHazard.getOrDefault(platform, defaultHazard) * levelMultiplier.getOrDefault(level, 1.0);
        return Math.min(1.0, h);
    }

    public RiskConfig withRun(int trials, long seed) {
        return new RiskConfig(baseHazard, defaultHazard, levelMultiplier, contagionScale, freezeProbability, trials, seed);
    }
}
