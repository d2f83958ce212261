package io.linkscope.config;

import io.linkscope.analysis.risk.RecommendConfig;
import io.linkscope.analysis.risk.RiskConfig;
import io.linkscope.normalize.IdentifierType;
import io.linkscope.normalize.Normalizer;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the {@code risk} and {@code recommend} sections of the configuration: every problem names its path
 * ({@code recommend.catalog[3].maxShare}) and the rule, so a typo in a planning assumption stops start-up
 * instead of skewing every figure.
 */
final class RiskModelCheck {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Set<String> MARKETPLACES = new HashSet<>(Set.of(Locale.getISOCountries()));

    static {
        MARKETPLACES.addAll(Set.of("EU", "NA", "GLOBAL", "UK"));
    }

    private RiskModelCheck() {
    }

    static void check(RiskConfig risk, RecommendConfig recommend) {
        if (risk == null) throw new ConfigLoader.ConfigException("risk must be an object");
        probabilities(risk.baseHazard(), "risk.baseHazard");
        probability(risk.defaultHazard(), "risk.defaultHazard");
        if (risk.levelMultiplier() == null) throw new ConfigLoader.ConfigException("risk.levelMultiplier must be an object");
        risk.levelMultiplier().forEach((level, m) -> {
            if (!Set.of("critical", "high", "medium", "low").contains(level)) {
                throw new ConfigLoader.ConfigException("risk.levelMultiplier." + level + " is not a risk level (critical, high, medium, low)");
            }
            if (m == null || m < 0 || m.isNaN()) throw new ConfigLoader.ConfigException("risk.levelMultiplier." + level + " must be a number ≥ 0");
        });
        probability(risk.contagionScale(), "risk.contagionScale");
        probability(risk.freezeProbability(), "risk.freezeProbability");
        if (risk.trials() < 100 || risk.trials() > 10_000_000) throw new ConfigLoader.ConfigException("risk.trials must be between 100 and 10,000,000");

        if (recommend == null) throw new ConfigLoader.ConfigException("recommend must be an object");
        if (recommend.replacementCostUsd() == null) throw new ConfigLoader.ConfigException("recommend.replacementCostUsd must be an object");
        recommend.replacementCostUsd().forEach((type, cost) -> {
            if (IdentifierType.fromWire(type).isEmpty()) {
                throw new ConfigLoader.ConfigException("recommend.replacementCostUsd." + type + " is not an identifier type");
            }
            if (cost == null || !(cost > 0) || cost.isInfinite()) {
                throw new ConfigLoader.ConfigException("recommend.replacementCostUsd." + type + " must be a cost in USD > 0");
            }
        });
        share(recommend.maxShift(), "recommend.maxShift");
        if (!(recommend.maxGrowth() > 0) || Double.isInfinite(recommend.maxGrowth())) {
            throw new ConfigLoader.ConfigException("recommend.maxGrowth must be > 0 (1.0: a marketplace may double its share in one period)");
        }
        share(recommend.maxAccountShare(), "recommend.maxAccountShare");
        share(recommend.maxProviderShare(), "recommend.maxProviderShare");
        if (recommend.maxNewMarketplaces() < 0) throw new ConfigLoader.ConfigException("recommend.maxNewMarketplaces must be ≥ 0");
        if (recommend.maxPeriods() < 1 || recommend.maxPeriods() > 40) throw new ConfigLoader.ConfigException("recommend.maxPeriods must be between 1 and 40");
        if (recommend.maxDelinkActions() < 0) throw new ConfigLoader.ConfigException("recommend.maxDelinkActions must be ≥ 0");
        if (recommend.period() == null || recommend.period().isBlank()) throw new ConfigLoader.ConfigException("recommend.period must name the period, e.g. quarter");
        if (recommend.paymentProviders() == null || recommend.paymentProviders().isEmpty()) {
            throw new ConfigLoader.ConfigException("recommend.paymentProviders must list at least one provider");
        }
        for (String p : recommend.paymentProviders()) {
            if (!Normalizer.PAYMENT_PROVIDERS.contains(p)) {
                throw new ConfigLoader.ConfigException("recommend.paymentProviders: unknown provider '" + p + "' (expected one of "
                        + String.join(" ", Normalizer.PAYMENT_PROVIDERS.stream().sorted().toList()) + ")");
            }
        }
        if (recommend.catalog() == null) throw new ConfigLoader.ConfigException("recommend.catalog must be a list");
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < recommend.catalog().size(); i++) {
            RecommendConfig.CatalogEntry e = recommend.catalog().get(i);
            String where = "recommend.catalog[" + i + "]";
            if (e == null) throw new ConfigLoader.ConfigException(where + " must be an object");
            if (e.platform() == null || !SLUG.matcher(e.platform()).matches()) {
                throw new ConfigLoader.ConfigException(where + ".platform must be a lowercase platform slug such as walmart");
            }
            if (e.marketplace() == null || !MARKETPLACES.contains(e.marketplace())) {
                throw new ConfigLoader.ConfigException(where + ".marketplace must be an upper-case ISO 3166-1 alpha-2 code or EU, NA, GLOBAL, UK");
            }
            if (!keys.add(e.key())) throw new ConfigLoader.ConfigException(where + " lists " + e.key() + " a second time");
            if (e.categories() != null) {
                for (String c : e.categories()) {
                    if (c == null || !SLUG.matcher(c).matches()) throw new ConfigLoader.ConfigException(where + ".categories: '" + c + "' is not a category slug such as home-garden");
                }
            }
            share(e.maxShare(), where + ".maxShare");
            if (!(e.setupCostUsd() >= 0) || Double.isInfinite(e.setupCostUsd())) throw new ConfigLoader.ConfigException(where + ".setupCostUsd must be ≥ 0");
        }
    }

    private static void probabilities(Map<String, Double> values, String where) {
        if (values == null) throw new ConfigLoader.ConfigException(where + " must be an object");
        values.forEach((k, v) -> probability(v == null ? Double.NaN : v, where + "." + k));
    }

    private static void probability(double v, String where) {
        if (!(v >= 0 && v <= 1)) throw new ConfigLoader.ConfigException(where + " must be a probability between 0 and 1");
    }

    private static void share(double v, String where) {
        if (!(v > 0 && v <= 1)) throw new ConfigLoader.ConfigException(where + " must be a share above 0 and at most 1");
    }
}
