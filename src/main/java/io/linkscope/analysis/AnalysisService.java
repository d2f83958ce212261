package io.linkscope.analysis;

import io.linkscope.analysis.linkage.LinkageEngine;
import io.linkscope.analysis.model.Cluster;
import io.linkscope.analysis.model.LinkageResult;
import io.linkscope.analysis.model.Snapshot;
import io.linkscope.analysis.model.SnapshotDelta;
import io.linkscope.analysis.model.StoreInfo;
import io.linkscope.analysis.risk.BlastRadius;
import io.linkscope.analysis.risk.Concentration;
import io.linkscope.analysis.risk.RevenueAtRisk;
import io.linkscope.analysis.risk.Recommender;
import io.linkscope.graph.GraphReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a tenant's snapshot, runs the pure engines, and caches the result per tenant. A cached result is
 * served only while the tenant's graph version is unchanged, so a result is never staler than the last
 * committed write, on this instance or any other. Blocking: call from a worker or {@code executeBlocking}.
 */
public final class AnalysisService {
    private static final Logger LOG = LoggerFactory.getLogger(AnalysisService.class);

    private final GraphReader reader;
    private final AnalysisSettings settings;
    private final LinkageEngine linkage;
    private final Concentration concentration;
    private final RevenueAtRisk revenueAtRisk;
    private final BlastRadius blastRadius;
    private final Recommender recommender;
    private final Map<String, TenantAnalysis> cache;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final Map<String, Confirmed> confirmed = new ConcurrentHashMap<>();
    private final Map<String, Long> foreignGeneration = new ConcurrentHashMap<>();
    private final Map<String, Long> computedGeneration = new ConcurrentHashMap<>();
    private volatile io.linkscope.graph.WriteClock clock;
    private volatile long freshnessNanos;
    private volatile TimingListener timing = (kind, snapshotMs, enginesMs) -> { };

    /** Told how long each analysis took: {@code kind} is full or incremental. */
    @FunctionalInterface
    public interface TimingListener {
        void analysed(String kind, long snapshotMs, long enginesMs);
    }

    public void onTiming(TimingListener listener) {
        this.timing = listener;
    }

    /** When a cached analysis was last checked against the graph version, and this process's write count then. */
    private record Confirmed(TenantAnalysis analysis, long atNanos, long writes) {
    }

    /**
     * Lets {@link #fresh} answer from memory: a result confirmed less than {@code freshnessMs} ago stays
     * current while this process has written nothing to the tenant since. Writes by other processes show
     * within that window.
     */
    public void trustRecent(io.linkscope.graph.WriteClock clock, long freshnessMs) {
        this.clock = clock;
        this.freshnessNanos = freshnessMs * 1_000_000L;
    }

    /** The cached analysis if it is known to be current without asking the graph; never blocks. */
    public java.util.Optional<TenantAnalysis> fresh(String tenant) {
        Confirmed c = confirmed.get(tenant);
        if (c == null || clock == null || System.nanoTime() - c.atNanos() > freshnessNanos
                || clock.now(tenant) != c.writes() || cache.get(tenant) != c.analysis()
                || !foreignGeneration.getOrDefault(tenant, 0L).equals(computedGeneration.getOrDefault(tenant, -1L))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(c.analysis());
    }

    public AnalysisService(GraphReader reader, AnalysisSettings settings, int maxCachedTenants) {
        this.reader = reader;
        this.settings = settings;
        this.linkage = new LinkageEngine(settings.linkage());
        this.concentration = new Concentration(settings.bands());
        this.revenueAtRisk = new RevenueAtRisk(settings.risk(), settings.linkage().likely());
        this.blastRadius = new BlastRadius(settings.linkage().likely());
        this.recommender = new Recommender(settings.recommend(), linkage, settings.risk(), concentration);
        this.cache = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TenantAnalysis> eldest) {
                if (size() <= maxCachedTenants) return false;
                confirmed.remove(eldest.getKey());
                return true;
            }
        });
    }

    /**
     * The current analysis of a tenant. A cached result is returned while the tenant's graph version is
     * unchanged; after writes that only added or changed stores it is brought up to date incrementally
     * (the changed stores are read, and only pairs sharing their identifiers are scored again); otherwise it is
     * recomputed.
     */
    public TenantAnalysis result(String tenant) {
        long writes = clock == null ? 0 : clock.now(tenant);
        long at = System.nanoTime();
        TenantAnalysis result = current(tenant);
        confirmed.put(tenant, new Confirmed(result, at, writes));
        return result;
    }

    private TenantAnalysis current(String tenant) {
        // read before the graph: a foreign change announced after this point makes the result stale again
        long foreign = foreignGeneration.getOrDefault(tenant, 0L);
        GraphReader.TenantVersion version = reader.tenantVersion(tenant);
        TenantAnalysis cached = cache.get(tenant);
        if (current(tenant, cached, version, foreign)) return cached;
        synchronized (locks.computeIfAbsent(tenant, t -> new Object())) {
            cached = cache.get(tenant);
            if (current(tenant, cached, version, foreign)) return cached;
            boolean foreignSame = cached != null && computedGeneration.getOrDefault(tenant, -1L) == foreign;
            TenantAnalysis fresh = foreignSame && cached.version() < version.version() && version.fullVersion() <= cached.version()
                    ? update(cached, version.version())
                    : compute(tenant, version.version());
            cache.put(tenant, fresh);
            computedGeneration.put(tenant, foreign);
            return fresh;
        }
    }

    private boolean current(String tenant, TenantAnalysis cached, GraphReader.TenantVersion version, long foreign) {
        return cached != null && cached.version() == version.version() && computedGeneration.getOrDefault(tenant, -1L) == foreign;
    }

    /**
     * Other tenants changed identifiers these tenants hold (a store suspended, deleted, or one more holder): their
     * exposure and taint changed although their own graph version did not. Their cached analyses, and any being
     * computed now from an older read, are no longer current.
     */
    public void foreignChanged(java.util.Collection<String> tenants) {
        for (String t : tenants) foreignGeneration.merge(t, 1L, Long::sum);
    }

    private TenantAnalysis update(TenantAnalysis cached, long version) {
        long t0 = System.nanoTime();
        SnapshotDelta delta = reader.delta(cached.tenant(), cached.version());
        SnapshotDelta.Applied applied = delta.apply(cached.snapshot(), Instant.now());
        long t1 = System.nanoTime();
        LinkageResult result = linkage.update(cached.linkage(), cached.snapshot(), applied);
        long t2 = System.nanoTime();
        Snapshot snapshot = saveChangedClusterIds(cached.tenant(), applied.snapshot(), result);
        LOG.info("updated tenant={} changedStores={} links={} clusters={} delta={} ms engines={} ms", cached.tenant(),
                applied.changedStores().size(), result.links().size(), result.clusters().size(), (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000);
        timing.analysed("incremental", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        return analysis(cached.tenant(), version, snapshot, result, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    }

    private TenantAnalysis analysis(String tenant, long version, Snapshot snapshot, LinkageResult result, long snapshotMs,
                                    long analysisMs) {
        return new TenantAnalysis(tenant, version, settings, snapshot, result,
                TenantAnalysis.memo(() -> concentration.analyze(snapshot, result)),
                TenantAnalysis.memo(() -> revenueAtRisk.simulate(snapshot, result)),
                TenantAnalysis.memo(() -> blastRadius.worst(snapshot, result)),
                TenantAnalysis.memo(() -> recommender.recommend(snapshot, result)), snapshotMs, analysisMs);
    }

    public TenantAnalysis compute(String tenant, long version) {
        long t0 = System.nanoTime();
        Snapshot snapshot = reader.snapshot(tenant, Instant.now());
        long t1 = System.nanoTime();
        LinkageResult result = linkage.analyze(snapshot);
        long t2 = System.nanoTime();
        Snapshot saved = saveChangedClusterIds(tenant, snapshot, result);

        LOG.info("analysed tenant={} stores={} usages={} links={} clusters={} snapshot={} ms engines={} ms", tenant,
                snapshot.stores().size(), snapshot.usages().size(), result.links().size(), result.clusters().size(),
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        timing.analysed("full", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        return analysis(tenant, version, saved, result, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    }

    /**
     * Cluster ids go back to the graph so the next run keeps them (unchanged stores are not written), and into
     * the cached snapshot, which incremental updates start from.
     */
    private Snapshot saveChangedClusterIds(String tenant, Snapshot snapshot, LinkageResult result) {
        Map<String, String> now = new HashMap<>();
        for (Cluster c : result.clusters()) c.stores().forEach(k -> now.put(k, c.id()));
        Map<String, String> changed = new HashMap<>();
        List<StoreInfo> stores = new ArrayList<>(snapshot.stores().size());
        for (StoreInfo s : snapshot.stores()) {
            String id = now.get(s.key());
            if (java.util.Objects.equals(id, s.previousClusterId())) {
                stores.add(s);
                continue;
            }
            changed.put(s.key(), id);
            stores.add(s.withPreviousClusterId(id));
        }
        if (changed.isEmpty()) return snapshot;
        reader.saveClusterIds(tenant, changed);
        return new Snapshot(snapshot.tenant(), snapshot.asOf(), stores, snapshot.identifiers(), snapshot.usages(), snapshot.disclosures());
    }

    /** Blast radius of one store in the current analysis; empty when the store does not exist. */
    public java.util.Optional<BlastRadius.Result> blastRadius(TenantAnalysis t, String storeKey) {
        if (!t.linkage().storeRisk().containsKey(storeKey)) return java.util.Optional.empty();
        return java.util.Optional.of(blastRadius.of(t.snapshot(), t.linkage(), storeKey));
    }

    /** Revenue at risk with another seed or trial count (not cached). */
    public RevenueAtRisk.Result risk(TenantAnalysis t, int trials, long seed) {
        return new RevenueAtRisk(settings.risk().withRun(trials, seed), linkage.config().likely()).simulate(t.snapshot(), t.linkage());
    }

    public void evict(String tenant) {
        cache.remove(tenant);
        confirmed.remove(tenant);
    }

    /**
     * Drops cached analyses of other tenants that hold one of the changed identifiers: their counts of
     * other portfolios' stores (exposure, taint) changed although their own graph version did not.
     */
    public void foreignChange(String changedTenant, java.util.Set<String> identifiers) {
        if (identifiers.isEmpty()) return;
        synchronized (cache) {
            cache.values().removeIf(t -> !t.tenant().equals(changedTenant)
                    && t.snapshot().identifiers().stream().anyMatch(i -> identifiers.contains(i.uid())));
            confirmed.keySet().retainAll(cache.keySet());
        }
    }
}
