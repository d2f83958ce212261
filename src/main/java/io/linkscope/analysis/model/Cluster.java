package io.linkscope.analysis.model;

import java.util.List;

/**
 * Stores joined by links at or above the clustering threshold.
 *
 * @param risk    critical | high | medium | low
 * @param reasons human-readable, one sentence each
 */
public record Cluster(String id, List<String> stores, List<String> platforms, String risk, List<String> reasons,
                      double monthlyRevenueUsd, boolean hasSuspended) {
}
