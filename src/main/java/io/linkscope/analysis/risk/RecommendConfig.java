package io.linkscope.analysis.risk;

import io.linkscope.normalize.IdentifierType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the recommender may propose and what it costs. Every money figure is a one-off USD planning
 * assumption for a seller group in 2026 (first year of a subscription included), not a quote; a group or its
 * consultant replaces them with its own under {@code recommend} in the configuration file.
 *
 * <p>Default replacement costs, per store that takes a new identifier of the type:
 * <ul>
 * <li>ip, ip_subnet $120: a dedicated static ISP/residential proxy at about $10 a month (replacing the IP moves the /24)</li>
 * <li>email $72: a mailbox on the group's own domain at about $6 a month</li>
 * <li>phone $60: a local number or SIM kept for verification codes, about $5 a month</li>
 * <li>domain $50: registration and a year of hosting for a storefront domain</li>
 * <li>device $150: a clean machine or VM for the store (an anti-detect profile alone does not change hardware signals)</li>
 * <li>card $20: a new virtual card from the group's card issuer</li>
 * <li>payment $100: a new receiving account (Payoneer, WorldFirst, PingPong…): no fee, but KYC paperwork and a wait</li>
 * <li>address $600: a separate registered or return address, a virtual office at about $50 a month</li>
 * <li>bank_account $300: a business bank account opened for the store's entity</li>
 * <li>person $2,000: a different KYC person (director or legal representative), with the company changes it takes</li>
 * <li>tax_id $2,500, legal_entity $3,000: a new company (registration, agent, first year of bookkeeping)</li>
 * </ul>
 *
 * @param replacementCostUsd identifier type (wire name) → cost of giving one store a new identifier of that type
 * @param catalog            marketplaces a group can sell on; diversification only proposes these (and the ones it is on)
 * @param maxShift           share of revenue that can move between marketplaces in one period
 * @param maxGrowth          how much a marketplace the group is on can grow in one period (1.0: at most double its share)
 * @param period             what one period is, for the texts ("quarter")
 * @param maxNewMarketplaces at most this many marketplaces the group is not on yet, per period
 * @param maxPeriods         diversification plans at most this many periods ahead
 * @param maxAccountShare    largest share of revenue one receiving account (payment or bank) should carry
 * @param maxProviderShare   largest share of revenue one payment provider should carry
 * @param paymentProviders   providers a store can move a receiving account to, in order of preference on ties
 * @param maxDelinkActions   pairs and clusters to separate, at most, in one list of actions
 */
public record RecommendConfig(Map<String, Double> replacementCostUsd, List<CatalogEntry> catalog, double maxShift,
                              double maxGrowth, String period, int maxNewMarketplaces, int maxPeriods, double maxAccountShare,
                              double maxProviderShare, List<String> paymentProviders, int maxDelinkActions) {

    /**
     * One marketplace a group could sell on.
     *
     * @param categories   categories it suits (store {@code category} slugs); empty: any
     * @param maxShare     largest share of the group's revenue a new store there can reach in one period (ramp-up)
     * @param setupCostUsd one-off cost of opening a store there (registration, KYC, fees, first listings)
     */
    public record CatalogEntry(String platform, String marketplace, List<String> categories, double maxShare,
                               double setupCostUsd) {
        public String key() {
            return platform + ":" + marketplace;
        }

        /** Whether a store of this category can move here; an undeclared category (null) fits anywhere. */
        public boolean accepts(String category) {
            return category == null || categories == null || categories.isEmpty() || categories.contains(category);
        }
    }

    /** Cost of giving one store a new identifier of its type; a type without a cost costs as much as an address. */
    double costOf(io.linkscope.analysis.model.IdentifierInfo identifier) {
        return replacementCost(identifier.type());
    }

    public double replacementCost(IdentifierType type) {
        Double c = replacementCostUsd.get(type.wire());
        return c != null ? c : replacementCostUsd.getOrDefault(IdentifierType.ADDRESS.wire(), 600.0);
    }

    public static RecommendConfig defaults() {
        Map<String, Double> c = new LinkedHashMap<>();
        c.put("ip", 120.0);
        c.put("ip_subnet", 120.0);
        c.put("email", 72.0);
        c.put("phone", 60.0);
        c.put("domain", 50.0);
        c.put("device", 150.0);
        c.put("card", 20.0);
        c.put("payment", 100.0);
        c.put("address", 600.0);
        c.put("address_building", 600.0);
        c.put("bank_account", 300.0);
        c.put("person", 2_000.0);
        c.put("tax_id", 2_500.0);
        c.put("legal_entity", 3_000.0);
        return new RecommendConfig(c, defaultCatalog(), 0.20, 1.0, "quarter", 3, 8, 0.40, 0.50,
                List.of("payoneer", "worldfirst", "pingpong", "airwallex", "lianlian", "wise", "paypal", "stripe"), 8);
    }

    /**
     * The marketplaces cross-border sellers from China most often open, with the categories the narrower ones suit.
     * Ramp-up caps and set-up costs are planning assumptions: a new store reaches 10% of a group's revenue in a
     * quarter at best (5% on smaller marketplaces); opening costs include the first months of fees and listings.
     */
    static List<CatalogEntry> defaultCatalog() {
        List<String> any = List.of();
        List<CatalogEntry> c = new ArrayList<>();
        c.add(new CatalogEntry("amazon", "US", any, 0.10, 1_500));
        c.add(new CatalogEntry("amazon", "DE", any, 0.08, 1_500));
        c.add(new CatalogEntry("amazon", "UK", any, 0.08, 1_500));
        c.add(new CatalogEntry("amazon", "JP", any, 0.05, 1_500));
        c.add(new CatalogEntry("walmart", "US", any, 0.10, 1_000));
        c.add(new CatalogEntry("walmart", "CA", any, 0.05, 1_000));
        c.add(new CatalogEntry("ebay", "US", any, 0.10, 500));
        c.add(new CatalogEntry("ebay", "UK", any, 0.05, 500));
        c.add(new CatalogEntry("ebay", "DE", any, 0.05, 500));
        c.add(new CatalogEntry("tiktok-shop", "US", List.of("home-garden", "apparel", "beauty", "toys", "sports-outdoors",
                "pet-supplies", "electronics"), 0.10, 800));
        c.add(new CatalogEntry("tiktok-shop", "UK", List.of("home-garden", "apparel", "beauty", "toys", "sports-outdoors",
                "pet-supplies"), 0.05, 800));
        c.add(new CatalogEntry("temu", "US", any, 0.10, 500));
        c.add(new CatalogEntry("shopee", "SG", any, 0.05, 300));
        c.add(new CatalogEntry("shopee", "MY", any, 0.05, 300));
        c.add(new CatalogEntry("lazada", "TH", any, 0.05, 300));
        c.add(new CatalogEntry("mercadolibre", "MX", any, 0.05, 800));
        c.add(new CatalogEntry("mercadolibre", "BR", any, 0.05, 800));
        c.add(new CatalogEntry("allegro", "PL", any, 0.05, 600));
        c.add(new CatalogEntry("otto", "DE", List.of("home-garden", "apparel", "electronics", "sports-outdoors"), 0.05, 1_200));
        c.add(new CatalogEntry("cdiscount", "FR", any, 0.05, 800));
        c.add(new CatalogEntry("etsy", "US", List.of("home-garden", "apparel", "toys", "handmade", "art-craft"), 0.05, 200));
        c.add(new CatalogEntry("rakuten", "JP", any, 0.05, 1_500));
        c.add(new CatalogEntry("coupang", "KR", any, 0.05, 800));
        return List.copyOf(c);
    }
}
