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

@DisplayName("Incremental and local updates equal a full recompute")
class IncrementalTest {
    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    private static final IdentifierType[] TYPES = {IdentifierType.PAYMENT, IdentifierType.EMAIL, IdentifierType.IP,
            IdentifierType.IP_SUBNET, IdentifierType.DEVICE, IdentifierType.ADDRESS};
    private final LinkageEngine engine = new LinkageEngine(LinkageConfig.defaults());

    /** A random tenant with cluster ids passed on, one existing store gaining identifiers and a new store. */
    private record Case(Snapshot before, LinkageResult previous, SnapshotDelta delta, StoreInfo changed, StoreInfo fresh) {
    }

    private Case randomCase(long seed) {
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
                    r.nextInt(25) == 0 ? IdentifierClass.CGNAT_IP : IdentifierClass.STANDARD,
                    TYPES[i % TYPES.length] == IdentifierType.PAYMENT ? (i % 2 == 0 ? "payoneer" : "pingpong") : null, r.nextInt(3), 0));
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

        StoreInfo changed = withIds.get(r.nextInt(withIds.size()));
        List<SnapshotDelta.DeltaUsage> delta = new ArrayList<>();
        for (Usage u : before.usages()) {
            if (before.stores().get(u.store()).key().equals(changed.key())) delta.add(deltaUsage(changed.key(), ids.get(u.identifier())));
        }
        delta.add(deltaUsage(changed.key(), ids.get(r.nextInt(ids.size()))));
        StoreInfo fresh = new StoreInfo("amazon:US:NEW", "amazon", "US", "NEW", null, null, "active", 500, null, null);
        delta.add(deltaUsage(fresh.key(), ids.get(r.nextInt(ids.size()))));
        delta.add(deltaUsage(fresh.key(), ids.get(r.nextInt(ids.size()))));
        delta.add(deltaUsage(fresh.key(), new IdentifierInfo("brand-new", IdentifierType.PHONE, "p", false, IdentifierClass.STANDARD, null, 0, 0)));
        delta.add(deltaUsage(changed.key(), new IdentifierInfo("brand-new", IdentifierType.PHONE, "p", false, IdentifierClass.STANDARD, null, 0, 0)));
        // one observation per store and identifier, as the writer keeps them
        Map<String, SnapshotDelta.DeltaUsage> unique = new java.util.LinkedHashMap<>();
        for (SnapshotDelta.DeltaUsage d : delta) unique.putIfAbsent(d.store() + "|" + d.identifier(), d);
        return new Case(before, previous, new SnapshotDelta(List.of(changed, fresh), List.copyOf(unique.values()), Map.of()), changed, fresh);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24})
    void updateEqualsFull(long seed) {
        Case c = randomCase(seed);
        SnapshotDelta.Applied applied = c.delta().apply(c.before(), NOW);
        LinkageResult incremental = engine.update(c.previous(), c.before(), applied);
        LinkageResult full = engine.analyze(applied.snapshot());
        java.util.Set<io.linkscope.analysis.model.Link> missing = new java.util.HashSet<>(full.links()), extra = new java.util.HashSet<>(incremental.links());
        missing.removeAll(incremental.links());
        extra.removeAll(full.links());
        assertEquals(java.util.Set.of(), missing, "links the update misses; links it has too many: " + extra);
        assertEquals(full.links(), incremental.links());
        assertEquals(full.clusters(), incremental.clusters());
        assertEquals(full.storeRisk(), incremental.storeRisk());
        assertEquals(full.taintedIdentifiers(), incremental.taintedIdentifiers());
        assertTrue(incremental.links().stream().anyMatch(l -> l.a().equals("amazon:US:NEW") || l.b().equals("amazon:US:NEW")));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24})
    @DisplayName("the local update laid over the previous result equals a full analysis of the new snapshot")
    void mergedLocalEqualsFull(long seed) {
        Case c = randomCase(seed);
        LinkageResult full = engine.analyze(c.delta().apply(c.before(), NOW).snapshot());
        LinkageResult merged = LocalUpdate.merge(new LocalUpdate(engine).apply(new LocalUpdate.Base(c.before(), c.previous()), c.delta(), NOW));
        assertEquals(full.links(), merged.links());
        assertEquals(full.clusters(), merged.clusters());
        assertEquals(full.storeRisk(), merged.storeRisk());
        assertEquals(full.taintedIdentifiers(), merged.taintedIdentifiers());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24})
    @DisplayName("the local update (what a check computes) equals the full one where it reaches, and the rest is unchanged")
    void localEqualsFull(long seed) {
        Case c = randomCase(seed);
        LinkageResult full = engine.analyze(c.delta().apply(c.before(), NOW).snapshot());
        LocalUpdate.Outcome local = new LocalUpdate(engine).apply(new LocalUpdate.Base(c.before(), c.previous()), c.delta(), NOW);
        assertTrue(local.region().contains(c.fresh().key()) && local.region().contains(c.changed().key()));
        for (StoreInfo st : List.of(c.fresh(), c.changed())) {
            assertEquals(new java.util.HashSet<>(local.linksOf(st.key())),
                    new java.util.HashSet<>(new LocalUpdate(engine).linksOf(new LocalUpdate.Base(c.before(), c.previous()), c.delta(), NOW, st.key())),
                    "the quick links of " + st.key());
        }
        for (StoreInfo st : c.delta().apply(c.before(), NOW).snapshot().stores()) {
            String k = st.key();
            assertEquals(new java.util.HashSet<>(linksOf(full, k)), new java.util.HashSet<>(local.linksOf(k)), "links of " + k);
            assertEquals(full.storeRisk().get(k), local.riskOf(k), "risk of " + k);
        }
        for (io.linkscope.analysis.model.Cluster cl : full.clusters()) {
            if (cl.stores().stream().anyMatch(local.region()::contains)) {
                assertTrue(local.clusters().contains(cl), "cluster " + cl.id() + " of the region");
            }
        }
        assertEquals(full.clusters().stream().filter(cl -> cl.stores().stream().anyMatch(local.region()::contains)).count(),
                local.clusters().size());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24})
    @DisplayName("a check's expected loss and HHI after equal a full recompute of the tenant with the candidates in it")
    void checkEffectEqualsFull(long seed) {
        Case c = randomCase(seed);
        io.linkscope.analysis.risk.Concentration concentration = new io.linkscope.analysis.risk.Concentration(
                io.linkscope.analysis.risk.Concentration.Bands.mergerGuidelines2023());
        io.linkscope.analysis.risk.RevenueAtRisk risk = new io.linkscope.analysis.risk.RevenueAtRisk(
                io.linkscope.analysis.risk.RiskConfig.defaults(), engine.config().likely());
        io.linkscope.analysis.check.CandidateChecker checker = new io.linkscope.analysis.check.CandidateChecker(engine, concentration,
                risk, io.linkscope.analysis.risk.RecommendConfig.defaults());
        List<io.linkscope.analysis.check.CandidateChecker.Candidate> candidates = new ArrayList<>();
        for (StoreInfo st : c.delta().stores()) {
            candidates.add(new io.linkscope.analysis.check.CandidateChecker.Candidate(st,
                    c.delta().usages().stream().filter(u -> u.store().equals(st.key())).toList()));
        }
        var baseline = checker.baseline(c.before(), c.previous());
        var result = checker.check(baseline, candidates, Map.of(), NOW);
        Snapshot after = c.delta().apply(c.before(), NOW).snapshot();
        LinkageResult full = engine.analyze(after);
        assertEquals(risk.expectedLossFirstOrder(after, full), result.expectedLossAfterUsd(), 0.02);
        var hhiBefore = concentration.analyze(c.before(), c.previous());
        // the first candidate alone is the existing store's change; measure it alone to compare its deltas
        var alone = checker.check(baseline, List.of(candidates.get(1)), Map.of(), NOW).candidates().get(0);
        Snapshot afterAlone = new SnapshotDelta(List.of(c.fresh()), candidates.get(1).usages(), Map.of()).apply(c.before(), NOW).snapshot();
        LinkageResult fullAlone = engine.analyze(afterAlone);
        var hhiAfter = concentration.analyze(afterAlone, fullAlone);
        assertEquals(hhiAfter.platform().hhi() - hhiBefore.platform().hhi(), alone.deltaHhi().get("platform"), 0.11);
        assertEquals(hhiAfter.paymentProvider().hhi() - hhiBefore.paymentProvider().hhi(), alone.deltaHhi().get("paymentProvider"), 0.11);
        assertEquals(hhiAfter.cluster().hhi() - hhiBefore.cluster().hhi(), alone.deltaHhi().get("cluster"), 0.11);
        assertEquals(risk.expectedLossFirstOrder(afterAlone, fullAlone) - risk.expectedLossFirstOrder(c.before(), c.previous()),
                alone.deltaExpectedLossUsd(), 0.03);
        assertEquals(new java.util.HashSet<>(linksOf(fullAlone, c.fresh().key())), new java.util.HashSet<>(alone.links()));
    }

    private static List<io.linkscope.analysis.model.Link> linksOf(LinkageResult r, String key) {
        return r.links().stream().filter(l -> l.a().equals(key) || l.b().equals(key)).toList();
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
