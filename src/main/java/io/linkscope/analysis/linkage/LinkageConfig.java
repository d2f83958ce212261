package io.linkscope.analysis.linkage;

import io.linkscope.normalize.IdentifierType;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Every number the linkage engines use. The defaults and why:
 *
 * <ul>
 * <li><b>Base weights</b> (probability that two stores sharing the value are run by the same people, before
 * rarity and time): money and identity identifiers are strong because a platform's KYC ties them to one
 * party: payment 0.95, bank account 0.95, card 0.90, tax id 0.90, person 0.90, legal entity 0.90. Device
 * fingerprints, emails and phones are strong too (0.85): they are personal and platforms match on them
 * first. A storefront domain is 0.80. A street address is medium (0.50): offices and warehouses are shared.
 * An IP is medium (0.45): offices share one legitimately and ISPs reassign them. The /24 or /48 subnet is
 * weak (0.12): it only says "same ISP neighbourhood". Likewise the building of an address without its room or suite
 * (0.12): neighbours in one office building are not one company (spec §1a).</li>
 * <li><b>Rarity</b> (IDF-like), for values unrelated parties legitimately share: a value held by only the two
 * stores counts fully; the factor falls with the logarithm of the number of stores holding it, reaching 0 at
 * {@code crowd} stores, counted over every notation of the value (variant notations share one key). Network, address
 * and building values fade fast (crowd 30: a VPN exit used by 40 unrelated stores
 * says nothing); emails, phones and domains slowly (crowd 200). Money and identity identifiers (payment, bank
 * account, card, tax id, person, legal entity, device) are not discounted (crowd 0): KYC ties them to one
 * party, so a payment account held by twenty stores links all twenty, as a platform or a court sees it.</li>
 * <li><b>Time</b>: overlapping usage windows count fully; windows apart decay with the gap (e-folding
 * {@code gapDays} = 90: an IP reassigned months later is another person); evidence that ended long ago decays
 * with a {@code halfLifeDays} of 365, as platforms' own look-backs do.</li>
 * <li><b>Generic</b> values (marked by the tenant: 3PL warehouse, registered agent) keep 2%.</li>
 * <li><b>Repeats</b>: the k-th identifier of one type in a pair counts at {@code repeatDamping}^(k-1), so ten
 * shared login IPs of one office do not add up to a shared bank account.</li>
 * <li><b>Levels</b>: strong ≥ 0.80, likely ≥ 0.50, weak ≥ 0.10; clusters join at ≥ 0.50 (likely).</li>
 * <li><b>Platform policy</b>: the platforms whose seller terms forbid operating related accounts without
 * approval, and whether they judge the whole platform or one regional marketplace. Shopify has no such rule:
 * each shop is its own merchant.</li>
 * </ul>
 */
public record LinkageConfig(Map<IdentifierType, Double> weights, Map<IdentifierType, Integer> crowd,
                            double gapDays, double halfLifeDays, double genericFactor, double repeatDamping,
                            double strong, double likely, double minScore, double clusterThreshold,
                            int maxCandidateStores, Set<String> forbidLinked, Set<String> regionalScope) {

    public enum Scope { PLATFORM, REGION }

    public static LinkageConfig defaults() {
        Map<IdentifierType, Double> w = new EnumMap<>(IdentifierType.class);
        w.put(IdentifierType.PAYMENT, 0.95);
        w.put(IdentifierType.BANK_ACCOUNT, 0.95);
        w.put(IdentifierType.CARD, 0.90);
        w.put(IdentifierType.TAX_ID, 0.90);
        w.put(IdentifierType.PERSON, 0.90);
        w.put(IdentifierType.LEGAL_ENTITY, 0.90);
        w.put(IdentifierType.DEVICE, 0.85);
        w.put(IdentifierType.EMAIL, 0.85);
        w.put(IdentifierType.PHONE, 0.85);
        w.put(IdentifierType.DOMAIN, 0.80);
        w.put(IdentifierType.ADDRESS, 0.50);
        w.put(IdentifierType.IP, 0.45);
        w.put(IdentifierType.IP_SUBNET, 0.12);
        w.put(IdentifierType.ADDRESS_BUILDING, 0.12);
        Map<IdentifierType, Integer> crowd = new EnumMap<>(IdentifierType.class);
        for (IdentifierType t : IdentifierType.values()) crowd.put(t, 0);
        crowd.put(IdentifierType.EMAIL, 200);
        crowd.put(IdentifierType.PHONE, 200);
        crowd.put(IdentifierType.DOMAIN, 200);
        crowd.put(IdentifierType.IP, 30);
        crowd.put(IdentifierType.IP_SUBNET, 30);
        crowd.put(IdentifierType.ADDRESS, 30);
        crowd.put(IdentifierType.ADDRESS_BUILDING, 30);
        return new LinkageConfig(w, crowd, 90, 365, 0.02, 0.5, 0.80, 0.50, 0.10, 0.50, 400,
                Set.of("amazon", "walmart", "ebay", "etsy", "aliexpress", "temu", "tiktok-shop", "shopee", "lazada",
                        "mercadolibre", "allegro", "otto", "cdiscount", "rakuten", "coupang", "ozon", "wish"),
                Set.of("shopee", "lazada", "mercadolibre"));
    }

    /**
     * The defaults with the overrides of a config file applied.
     *
     * @param weights type name (as in the portfolio format) → base weight in [0,1]
     */
    public static LinkageConfig defaults(Map<String, Double> weights, java.util.Collection<String> forbidLinked,
                                         java.util.Collection<String> regionalScope) {
        LinkageConfig d = defaults();
        Map<IdentifierType, Double> w = new EnumMap<>(d.weights());
        weights.forEach((name, value) -> {
            IdentifierType type = IdentifierType.fromWire(name)
                    .orElseThrow(() -> new IllegalArgumentException("unknown identifier type in linkage weights: " + name));
            if (value < 0 || value > 1) throw new IllegalArgumentException("weight of " + name + " must be in [0,1]");
            w.put(type, value);
        });
        return new LinkageConfig(w, d.crowd(), d.gapDays(), d.halfLifeDays(), d.genericFactor(), d.repeatDamping(),
                d.strong(), d.likely(), d.minScore(), d.clusterThreshold(), d.maxCandidateStores(),
                forbidLinked.isEmpty() ? d.forbidLinked() : Set.copyOf(forbidLinked),
                regionalScope.isEmpty() ? d.regionalScope() : Set.copyOf(regionalScope));
    }

    public double weight(IdentifierType type) {
        return weights.getOrDefault(type, 0.0);
    }

    public String level(double score) {
        if (score >= strong) return "strong";
        if (score >= likely) return "likely";
        return "weak";
    }

    public Scope scope(String platform) {
        return regionalScope.contains(platform) ? Scope.REGION : Scope.PLATFORM;
    }
}
