package io.linkscope.analysis.model;

import java.util.List;

/**
 * Stores joined by links at or above the clustering threshold.
 *
 * @param risk     critical | high | medium | low
 * @param findings why it has that rating, as facts (the reasons of its riskiest stores), worst first
 */
public record Cluster(String id, List<String> stores, List<String> platforms, String risk, List<Reason> findings,
                      double monthlyRevenueUsd, boolean hasSuspended) {
}
