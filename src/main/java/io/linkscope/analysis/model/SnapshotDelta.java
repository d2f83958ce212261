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
                             String provider, Instant firstSeen, Instant lastSeen, long count, int foreignStores,
                             String notation, String notationDisplay) {
        public DeltaUsage(String store, String identifier, IdentifierType type, String display, IdentifierClass cls,
                          String provider, Instant firstSeen, Instant lastSeen, long count, int foreignStores) {
            this(store, identifier, type, display, cls, provider, firstSeen, lastSeen, count, foreignStores, null, null);
        }
    }

    /** The updated snapshot and the indexes of the stores that changed in it. */
    public record Applied(Snapshot snapshot, Set<Integer> changedStores) {
    }

    public Applied apply(Snapshot old, Instant asOf) {
        // index only what the delta names: scanning the old lists against small sets beats hashing every key
        Map<String, StoreInfo> changedByKey = new HashMap<>();
        for (StoreInfo s : this.stores) changedByKey.put(s.key(), s);
        List<StoreInfo> stores = new ArrayList<>(old.stores());
        Map<String, Integer> storeIndex = new HashMap<>();
        for (int i = 0; i < stores.size(); i++) {
            StoreInfo replacement = changedByKey.get(stores.get(i).key());
            if (replacement != null) {
                stores.set(i, replacement);
                storeIndex.put(replacement.key(), i);
            }
        }
        for (StoreInfo s : this.stores) {
            if (!storeIndex.containsKey(s.key())) {
                storeIndex.put(s.key(), stores.size());
                stores.add(s);
            }
        }
        boolean[] changed = new boolean[stores.size()];
        Set<Integer> changedSet = new HashSet<>();
        for (int idx : storeIndex.values()) {
            changed[idx] = true;
            changedSet.add(idx);
        }
        Set<String> deltaIds = new HashSet<>();
        for (DeltaUsage d : this.usages) deltaIds.add(d.identifier());
        List<IdentifierInfo> identifiers = new ArrayList<>(old.identifiers());
        Map<String, Integer> idIndex = new HashMap<>();
        for (int i = 0; i < identifiers.size(); i++) {
            if (deltaIds.contains(identifiers.get(i).uid())) idIndex.put(identifiers.get(i).uid(), i);
        }
        List<Usage> usages = new ArrayList<>(old.usages().size() + this.usages.size());
        for (Usage u : old.usages()) if (u.store() >= changed.length || !changed[u.store()]) usages.add(u);
        for (DeltaUsage d : this.usages) {
            // a store committed between the delta's two queries: its version is newer, the next delta reads it
            Integer store = storeIndex.get(d.store());
            if (store == null) continue;
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
            usages.add(new Usage(store, idx, d.firstSeen(), d.lastSeen(), d.count(), d.notation(), d.notationDisplay()));
        }
        return new Applied(new Snapshot(old.tenant(), asOf, stores, identifiers, usages, old.disclosures()), changedSet);
    }
}
