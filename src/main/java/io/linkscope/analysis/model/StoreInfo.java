package io.linkscope.analysis.model;

import java.time.LocalDate;

/**
 * One store of a tenant as analysis sees it.
 *
 * @param key                 {@code platform:marketplace:storeId}
 * @param status              active | under_review | suspended | closed
 * @param monthlyRevenueUsd   already converted to USD
 * @param previousClusterId   the cluster id stored by the last analysis, or null (keeps ids stable)
 * @param category            what the store sells, as a lowercase slug (home, electronics…), or null when undeclared
 */
public record StoreInfo(String key, String platform, String marketplace, String storeId, String name,
                        String legalEntity, String status, double monthlyRevenueUsd, LocalDate openedOn,
                        String previousClusterId, String category) {

    /** A store without a declared category. */
    public StoreInfo(String key, String platform, String marketplace, String storeId, String name, String legalEntity,
                     String status, double monthlyRevenueUsd, LocalDate openedOn, String previousClusterId) {
        this(key, platform, marketplace, storeId, name, legalEntity, status, monthlyRevenueUsd, openedOn, previousClusterId, null);
    }

    public boolean suspended() {
        return "suspended".equals(status);
    }

    /** Suspended and closed stores earn nothing now; their declared revenue is history. */
    public boolean trading() {
        return !suspended() && !"closed".equals(status);
    }

    public StoreInfo withPreviousClusterId(String clusterId) {
        return new StoreInfo(key, platform, marketplace, storeId, name, legalEntity, status, monthlyRevenueUsd, openedOn, clusterId, category);
    }

    public StoreInfo withMonthlyRevenueUsd(double usd) {
        return new StoreInfo(key, platform, marketplace, storeId, name, legalEntity, status, usd, openedOn, previousClusterId, category);
    }
}
