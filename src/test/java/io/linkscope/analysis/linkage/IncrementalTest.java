package io.linkscope.analysis.linkage;

import io.linkscope.analysis.model.IdentifierInfo;
import io.linkscope.analysis.model.LinkageResult;
import io.linkscope.analysis.model.Snapshot;
import io.linkscope.analysis.model.SnapshotDelta;
import io.linkscope.analysis.model.StoreInfo;
import io.linkscope.analysis.model.Usage;
import io.linkscope.normalize.IdentifierClass;
import io.linkscope.normalize.IdentifierType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

@DisplayName("Incremental update equals a full recompute")
class IncrementalTest {
    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    private static final IdentifierType[] TYPES = {IdentifierType.PAYMENT, IdentifierType.EMAIL, IdentifierType.IP,
            IdentifierType.IP_SUBNET, IdentifierType.DEVICE, IdentifierType.ADDRESS};
    private final LinkageEngine engine = new LinkageEngine(LinkageConfig.defaults());

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void updateEqualsFull(long seed) {
        Random r = new Random(seed);
        List<StoreInfo> stores = new ArrayList<>();
        String[] platforms = {"amazon", "ebay", "walmart"};
        for (int i = 0; i < 300; i++) {
            stores.add(new StoreInfo(platforms[i % 3] + ":US:S" + i, platforms[i % 3], "US", "S" + i, null, null,
                    r.nextInt(30) == 0 ? "suspended" : "active", 100 + r.nextInt(1000), null, null));
        }
        List<IdentifierInfo> ids = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            ids.add(new IdentifierInfo("id" + i, TYPES[i % TYPES.length], "d" + i, r.nextInt(20) == 0,
                    r.nextInt(25) == 0 ? IdentifierClass.CGNAT_IP : IdentifierClass.STANDARD, null, r.nextInt(3), 0));
        }
        List<Usage> usages = new ArrayList<>();
        for (int s = 0; s < stores.size(); s++) {
            for (int k = 0; k < 4; k++) usages.add(new Usage(s, r.nextInt(ids.size()), null, null, 1));
        }
        Snapshot before = new Snapshot("t", NOW, stores, ids, dedupe(usages), List.of());
        LinkageResult previous = engine.analyze(before);
        // pass cluster ids on, as the service does
        Map<String, String> clusterOf = new HashMap<>();
        previous.clusters().forEach(c -> c.stores().forEach(k -> clusterOf.put(k, c.id())));
        List<StoreInfo> withIds = before.stores().stream().map(s -> new StoreInfo(s.key(), s.platform(), s.marketplace(),
                s.storeId(), s.name(), s.legalEntity(), s.status(), s.monthlyRevenueUsd(), s.openedOn(), clusterOf.get(s.key()))).toList();
        before = new Snapshot("t", NOW, withIds, ids, before.usages(), List.of());

        // one existing store gains identifiers (one of them new), and a new store appears
        StoreInfo changed = withIds.get(r.nextInt(withIds.size()));
        List<SnapshotDelta.DeltaUsage> delta = new ArrayList<>();
        for (Usage u : before.usages()) {
            if (before.stores().get(u.store()).key().equals(changed.key())) delta.add(deltaUsage(changed.key(), ids.get(u.identifier())));
        }
        delta.add(deltaUsage(changed.key(), ids.get(r.nextInt(ids.size()))));
        StoreInfo fresh = new StoreInfo("amazon:US:NEW", "amazon", "US", "NEW", null, null, "active", 500, null, null);
        delta.add(deltaUsage(fresh.key(), ids.get(r.nextInt(ids.size()))));
        delta.add(deltaUsage(fresh.key(), new IdentifierInfo("brand-new", IdentifierType.PHONE, "p", false, IdentifierClass.STANDARD, null, 0, 0)));
        delta.add(deltaUsage(changed.key(), new IdentifierInfo("brand-new", IdentifierType.PHONE, "p", false, IdentifierClass.STANDARD, null, 0, 0)));
        SnapshotDelta.Applied applied = new SnapshotDelta(List.of(changed, fresh), delta, Map.of()).apply(before, NOW);

        LinkageResult incremental = engine.update(previous, before, applied);
        LinkageResult full = engine.analyze(applied.snapshot());
        assertEquals(full.links(), incremental.links());
        assertEquals(full.clusters(), incremental.clusters());
        assertEquals(full.storeRisk(), incremental.storeRisk());
        assertEquals(full.taintedIdentifiers(), incremental.taintedIdentifiers());
        assertTrue(incremental.links().stream().anyMatch(l -> l.a().equals("amazon:US:NEW") || l.b().equals("amazon:US:NEW")));
    }

    private static SnapshotDelta.DeltaUsage deltaUsage(String store, IdentifierInfo id) {
        return new SnapshotDelta.DeltaUsage(store, id.uid(), id.type(), id.display(), id.cls(), id.provider(), null, null, 1,
                id.foreignStores());
    }

    private static List<Usage> dedupe(List<Usage> usages) {
        Map<Long, Usage> unique = new java.util.LinkedHashMap<>();
        for (Usage u : usages) unique.putIfAbsent(((long) u.store() << 32) | u.identifier(), u);
        return new ArrayList<>(unique.values());
    }
}
