package io.linkscope.analysis.model;

import java.util.List;

/** Linkage risk of one store, with cross-portfolio exposure counts (never who). */
public record StoreRisk(String store, String clusterId, String risk, List<String> reasons, int foreignStores,
                        int foreignSuspended, boolean linkedToSuspended) {
}
