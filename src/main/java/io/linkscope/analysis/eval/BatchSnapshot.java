package io.linkscope.analysis.eval;

import io.linkscope.analysis.model.IdentifierInfo;
import io.linkscope.analysis.model.Snapshot;
import io.linkscope.analysis.model.StoreInfo;
import io.linkscope.analysis.model.Usage;
import io.linkscope.graph.WriteBatch;
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
 * Turns a validated import straight into an analysis snapshot, without a database: the accuracy harness
 * measures the engines, and the normalization in front of them, on hundreds of thousands of pairs per seed.
 */
public final class BatchSnapshot {
    private BatchSnapshot() {
    }

    public static Snapshot of(WriteBatch batch, Instant asOf) {
        List<StoreInfo> stores = new ArrayList<>();
        Map<String, Integer> storeIndex = new HashMap<>();
        for (WriteBatch.StoreRow s : batch.stores()) {
            storeIndex.put(s.uid(), stores.size());
            stores.add(new StoreInfo(s.key(), s.platform(), s.marketplace(), s.storeId(), s.name(), s.legalEntity(),
                    s.status() == null ? "active" : s.status(), s.monthlyRevenueUsd() == null ? 0 : s.monthlyRevenueUsd(),
                    null, null, s.category()));
        }
        Set<String> generic = new HashSet<>();
        batch.generics().forEach(g -> generic.add(g.identifier()));
        List<IdentifierInfo> identifiers = new ArrayList<>();
        Map<String, Integer> idIndex = new HashMap<>();
        List<Usage> usages = new ArrayList<>();
        for (WriteBatch.ObservationRow o : batch.observations()) {
            Integer idx = idIndex.get(o.identifier());
            if (idx == null) {
                idx = identifiers.size();
                idIndex.put(o.identifier(), idx);
                identifiers.add(new IdentifierInfo(o.identifier(), IdentifierType.fromWire(o.type()).orElseThrow(), o.display(),
                        generic.contains(o.identifier()), IdentifierClass.fromWire(o.cls()), o.provider(), 0, 0));
            }
            usages.add(new Usage(storeIndex.get(o.store()), idx, o.firstSeen() == null ? null : o.firstSeen().toInstant(),
                    o.current() || o.lastSeen() == null ? null : o.lastSeen().toInstant(), o.count(), o.notation(),
                    o.notationDisplay()));
        }
        return new Snapshot(batch.tenant(), asOf, stores, identifiers, usages, List.of());
    }
}
