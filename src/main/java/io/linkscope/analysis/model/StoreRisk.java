package io.linkscope.analysis.model;

import java.util.List;

/** Linkage risk of one store, with why as facts (worst first) and cross-portfolio exposure counts (never who). */
public record StoreRisk(String store, String clusterId, String risk, List<Reason> findings, int foreignStores,
                        int foreignSuspended, boolean linkedToSuspended) {
}
