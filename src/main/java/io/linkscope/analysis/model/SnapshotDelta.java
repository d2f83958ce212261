package io.linkscope.analysis.model;

import io.linkscope.normalize.IdentifierClass;
import io.linkscope.normalize.IdentifierType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stores written since a cached snapshot, with all their observations: enough to bring the snapshot up
 * to date without reading the tenant again.
 *
 * @param foreignSuspended for identifiers held outside the tenant: how many of those stores are suspended
 */
public record SnapshotDelta(List<StoreInfo> stores, List<DeltaUsage> usages, Map<String, Integer> foreignSuspended) {

    /** One observation of a changed store. {@code foreignStores}: holders outside the tenant now. */
    public record DeltaUsage(String store, String identifier, IdentifierType type, String display, IdentifierClass cls,
                             String provider, Instant firstSeen, Instant lastSeen, long count, int foreignStores) {
    }

    /** The updated snapshot and the indexes of the stores that changed in it. */
    public record Applied(Snapshot snapshot, Set<Integer> changedStores) {
    }

    public Applied apply(Snapshot old, Instant asOf) {
        List<StoreInfo> stores = new ArrayList<>(old.stores());
        Map<String, Integer> storeIndex = new HashMap<>();
        for (int i = 0; i < stores.size(); i++) storeIndex.put(stores.get(i).key(), i);
        Set<Integer> changed = new HashSet<>();
        for (StoreInfo s : this.stores) {
            Integer idx = storeIndex.get(s.key());
            if (idx == null) {
                idx = stores.size();
                storeIndex.put(s.key(), idx);
                stores.add(s);
            } else {
                stores.set(idx, s);
            }
            changed.add(idx);
        }
        List<IdentifierInfo> identifiers = new ArrayList<>(old.identifiers());
        Map<String, Integer> idIndex = new HashMap<>();
        for (int i = 0; i < identifiers.size(); i++) idIndex.put(identifiers.get(i).uid(), i);
        List<Usage> usages = new ArrayList<>(old.usages().size() + this.usages.size());
        for (Usage u : old.usages()) if (!changed.contains(u.store())) usages.add(u);
        for (DeltaUsage d : this.usages) {
            Integer idx = idIndex.get(d.identifier());
            int suspended = foreignSuspended.getOrDefault(d.identifier(), 0);
            if (idx == null) {
                idx = identifiers.size();
                idIndex.put(d.identifier(), idx);
                identifiers.add(new IdentifierInfo(d.identifier(), d.type(), d.display(), false, d.cls(), d.provider(),
                        d.foreignStores(), suspended));
            } else {
                IdentifierInfo i = identifiers.get(idx);
                identifiers.set(idx, new IdentifierInfo(i.uid(), i.type(), i.display(), i.generic(), i.cls(), i.provider(),
                        d.foreignStores(), suspended));
            }
            usages.add(new Usage(storeIndex.get(d.store()), idx, d.firstSeen(), d.lastSeen(), d.count()));
        }
        return new Applied(new Snapshot(old.tenant(), asOf, stores, identifiers, usages, old.disclosures()), changed);
    }
}
