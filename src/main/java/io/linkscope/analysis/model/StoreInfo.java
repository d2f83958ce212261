package io.linkscope.analysis.model;

import java.time.LocalDate;

/**
 * One store of a tenant as analysis sees it.
 *
 * @param key                 {@code platform:marketplace:storeId}
 * @param status              active | under_review | suspended | closed
 * @param monthlyRevenueUsd   already converted to USD
 * @param previousClusterId   the cluster id stored by the last analysis, or null (keeps ids stable)
 */
public record StoreInfo(String key, String platform, String marketplace, String storeId, String name,
                        String legalEntity, String status, double monthlyRevenueUsd, LocalDate openedOn,
                        String previousClusterId) {
    public boolean suspended() {
        return "suspended".equals(status);
    }
}
