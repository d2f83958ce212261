package io.linkscope.analysis.linkage;

import io.linkscope.analysis.model.Snapshot;
import io.linkscope.analysis.model.Usage;

/**
 * A snapshot's usages grouped by identifier and by store (two counting sorts, linear time): the usages of
 * identifier {@code i} are {@code byIdentifier[idStart[i] .. idStart[i + 1])}, those of store {@code s}
 * {@code byStore[storeStart[s] .. storeStart[s + 1])}, each in snapshot order.
 */
final class UsageIndex {
    final int[] idStart;
    final int[] byIdentifier;
    final int[] storeStart;
    final int[] byStore;

    UsageIndex(Snapshot s) {
        int nIds = s.identifiers().size(), nStores = s.stores().size(), n = s.usages().size();
        idStart = new int[nIds + 1];
        storeStart = new int[nStores + 1];
        for (Usage u : s.usages()) {
            idStart[u.identifier() + 1]++;
            storeStart[u.store() + 1]++;
        }
        for (int i = 0; i < nIds; i++) idStart[i + 1] += idStart[i];
        for (int i = 0; i < nStores; i++) storeStart[i + 1] += storeStart[i];
        byIdentifier = new int[n];
        byStore = new int[n];
        int[] fillId = idStart.clone(), fillStore = storeStart.clone();
        for (int u = 0; u < n; u++) {
            byIdentifier[fillId[s.usages().get(u).identifier()]++] = u;
            byStore[fillStore[s.usages().get(u).store()]++] = u;
        }
    }
}
