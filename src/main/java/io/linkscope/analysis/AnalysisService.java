package io.linkscope.analysis;

import io.linkscope.analysis.check.CandidateChecker;
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
import io.linkscope.graph.WriteBatch;
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
    private final CandidateChecker checker;
    private final io.linkscope.analysis.linkage.LocalUpdate local;
    /** The latest analysis of each tenant indexed for local updates and checks, built on first use. */
    private final Map<String, IndexedAnalysis> indexed = new ConcurrentHashMap<>();

    private record IndexedAnalysis(TenantAnalysis analysis, io.linkscope.analysis.linkage.LocalUpdate.Base base) {
    }
    /** The latest analysis's expected loss and concentration per tenant, the "before" of every check against it. */
    private final Map<String, Baseline> baselines = new ConcurrentHashMap<>();

    private record Baseline(TenantAnalysis analysis, CandidateChecker.Baseline values) {
    }
    private final Map<String, TenantAnalysis> cache;
    private final Map<String, java.util.concurrent.locks.ReentrantLock> locks = new ConcurrentHashMap<>();
    /** When each cached analysis was completed (epoch ms), for {@code Age}. */
    private final Map<String, Long> completedAt = new ConcurrentHashMap<>();
    private volatile long staleWaitMs;
    /** For each tenant, when (nanoTime, taken before its graph version was read) the cached analysis was read. */
    private final Map<String, Long> readAt = new ConcurrentHashMap<>();
    /** When each client (tenant + key id) last had a write acknowledged: its reads wait for an analysis read after it. */
    private final Map<String, Long> lastWrite = new ConcurrentHashMap<>();
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
        this.checker = new CandidateChecker(linkage, concentration, revenueAtRisk, settings.recommend());
        this.local = new io.linkscope.analysis.linkage.LocalUpdate(linkage);
        this.cache = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TenantAnalysis> eldest) {
                if (size() <= maxCachedTenants) return false;
                confirmed.remove(eldest.getKey());
                indexed.remove(eldest.getKey());
                baselines.remove(eldest.getKey());
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
        return served(tenant, -1).analysis();
    }

    /**
     * A read's analysis: current when it is, or when it can be brought up to date within the wait; otherwise, while
     * another request or the background builds the new one, the last complete analysis, marked stale.
     *
     * @param analysis  what to answer from
     * @param stale     a newer graph version exists and is being analysed
     * @param ageMillis how long ago {@code analysis} was completed
     */
    public record Served(TenantAnalysis analysis, boolean stale, long ageMillis, boolean mustBeCurrent) {
    }

    /** How long ago an analysis was completed, if it is the tenant's latest; else a lower bound of 0 ms. */
    public long ageOf(TenantAnalysis t) {
        Long at = completedAt.get(t.tenant());
        return at == null ? 0 : Math.max(0, System.currentTimeMillis() - at);
    }

    /** Lets reads be answered from the last complete analysis after waiting this long for the one being built. */
    public void serveStaleAfter(long waitMs) {
        this.staleWaitMs = waitMs;
    }

    /**
     * A client's write to a tenant was acknowledged: its own reads now wait for an analysis that includes it (read
     * your writes), while other clients may still be answered from the last complete one.
     */
    public void wrote(String tenant, String client) {
        lastWrite.put(tenant + "\u0000" + client, System.nanoTime());
    }

    /** What a read answers from; see {@link Served}. {@code client} (a key id, or null) reads its own writes. */
    public Served serve(String tenant, String client) {
        long writes = clock == null ? 0 : clock.now(tenant);
        long at = System.nanoTime();
        Long wrote = client == null ? null : lastWrite.get(tenant + "\u0000" + client);
        Long read = readAt.get(tenant);
        boolean ownWrite = wrote != null && (read == null || wrote - read >= 0);
        Served s = served(tenant, ownWrite ? -1 : staleWaitMs);
        if (ownWrite) s = new Served(s.analysis(), s.stale(), s.ageMillis(), true);
        if (!s.stale()) confirmed.put(tenant, new Confirmed(s.analysis(), at, writes));
        return s;
    }

    /** @param waitMs how long to wait for another build of this tenant before answering stale; negative: as long as it takes */
    private Served served(String tenant, long waitMs) {
        // read before the graph: a foreign change announced after this point makes the result stale again
        long foreign = foreignGeneration.getOrDefault(tenant, 0L);
        long versionRead = System.nanoTime();
        GraphReader.TenantVersion version = reader.tenantVersion(tenant);
        TenantAnalysis cached = cache.get(tenant);
        if (current(tenant, cached, version, foreign)) {
            readAt.merge(tenant, versionRead, Math::max);
            return new Served(cached, false, age(tenant), false);
        }
        java.util.concurrent.locks.ReentrantLock lock = locks.computeIfAbsent(tenant, t -> new java.util.concurrent.locks.ReentrantLock());
        if (cached != null && waitMs >= 0) {
            boolean got;
            try {
                got = lock.tryLock(waitMs, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                got = false;
            }
            if (!got) return new Served(cached, true, age(tenant), false);
        } else {
            lock.lock();
        }
        try {
            cached = cache.get(tenant);
            if (current(tenant, cached, version, foreign)) return new Served(cached, false, age(tenant), false);
            boolean foreignSame = cached != null && computedGeneration.getOrDefault(tenant, -1L) == foreign;
            TenantAnalysis fresh = foreignSame && cached.version() < version.version() && version.fullVersion() <= cached.version()
                    ? update(cached, version.version())
                    : compute(tenant, version.version());
            cache.put(tenant, fresh);
            completedAt.put(tenant, System.currentTimeMillis());
            readAt.put(tenant, versionRead);
            computedGeneration.put(tenant, foreign);
            return new Served(fresh, false, 0, false);
        } finally {
            lock.unlock();
        }
    }

    private long age(String tenant) {
        Long t = completedAt.get(tenant);
        return t == null ? 0 : Math.max(0, System.currentTimeMillis() - t);
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

    private io.linkscope.analysis.linkage.LocalUpdate.Base base(TenantAnalysis t) {
        IndexedAnalysis known = indexed.get(t.tenant());
        if (known != null && known.analysis() == t) return known.base();
        io.linkscope.analysis.linkage.LocalUpdate.Base base = new io.linkscope.analysis.linkage.LocalUpdate.Base(t.snapshot(), t.linkage());
        indexed.put(t.tenant(), new IndexedAnalysis(t, base));
        return base;
    }

    private TenantAnalysis update(TenantAnalysis cached, long version) {
        long t0 = System.nanoTime();
        SnapshotDelta delta = reader.delta(cached.tenant(), cached.version());
        Instant asOf = Instant.now();
        SnapshotDelta.Applied applied = delta.apply(cached.snapshot(), asOf);
        long t1 = System.nanoTime();
        // only where the changed stores reach, laid over the previous result (equal to linkage.update)
        io.linkscope.analysis.linkage.LocalUpdate.Base before = base(cached);
        io.linkscope.analysis.linkage.LocalUpdate.Outcome outcome = local.apply(before, delta, asOf);
        LinkageResult result = io.linkscope.analysis.linkage.LocalUpdate.merge(outcome);
        long t2 = System.nanoTime();
        Snapshot snapshot = saveChangedClusterIds(cached.tenant(), applied.snapshot(), result);
        LOG.info("updated tenant={} changedStores={} links={} clusters={} delta={} ms engines={} ms", cached.tenant(),
                applied.changedStores().size(), result.links().size(), result.clusters().size(), (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000);
        timing.analysed("incremental", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        TenantAnalysis updated = analysis(cached.tenant(), version, snapshot, result, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        // the next update and the checks start from this one's index, derived rather than rebuilt
        indexed.put(cached.tenant(), new IndexedAnalysis(updated, before.next(snapshot, result, outcome)));
        return updated;
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

    /**
     * Checks planned stores against the tenant's current analysis without writing anything (see
     * {@link CandidateChecker}): the candidates' observations become the delta an import of them would produce, with
     * the other portfolios on their identifiers as the tenant may see them.
     */
    public CandidateChecker.Result check(String tenant, List<WriteBatch.StoreRow> stores, List<WriteBatch.ObservationRow> rows) {
        TenantAnalysis t = result(tenant);
        Snapshot s = t.snapshot();
        Baseline known = baselines.get(tenant);
        if (known == null || known.analysis() != t) {
            known = new Baseline(t, checker.baseline(base(t)));
            baselines.put(tenant, known);
        }
        CandidateChecker.Baseline before = known.values();
        // other portfolios on the candidates' identifiers: the current analysis knows them for the tenant's own
        // identifiers (kept current when other tenants change them); only identifiers new to the tenant are read
        Map<String, GraphReader.Foreign> foreign = new HashMap<>();
        java.util.Set<String> unknown = new java.util.LinkedHashSet<>();
        for (WriteBatch.ObservationRow r : rows) {
            io.linkscope.analysis.model.IdentifierInfo info = before.base().info(r.identifier());
            if (info == null) unknown.add(r.identifier());
            else if (info.foreignStores() > 0 || info.foreignSuspended() > 0) {
                foreign.put(r.identifier(), new GraphReader.Foreign(info.foreignStores(), info.foreignSuspended()));
            }
        }
        if (!unknown.isEmpty()) foreign.putAll(reader.visibleForeign(tenant, unknown));
        Map<String, Integer> suspended = new HashMap<>();
        foreign.forEach((uid, f) -> suspended.put(uid, f.suspended()));
        Map<String, List<WriteBatch.ObservationRow>> byStore = new HashMap<>();
        rows.forEach(r -> byStore.computeIfAbsent(r.store(), k -> new ArrayList<>()).add(r));
        List<CandidateChecker.Candidate> candidates = new ArrayList<>();
        for (WriteBatch.StoreRow row : stores) {
            Integer existing = before.base().store(row.key());
            Map<String, SnapshotDelta.DeltaUsage> usages = new LinkedHashMap<>();
            if (existing != null) {
                // an import adds to a store that exists: its observations stay, merged with the new ones
                for (io.linkscope.analysis.model.Usage u : before.base().usagesOf(existing)) {
                    io.linkscope.analysis.model.IdentifierInfo id = s.identifiers().get(u.identifier());
                    GraphReader.Foreign f = foreign.getOrDefault(id.uid(), null);
                    usages.put(id.uid(), new SnapshotDelta.DeltaUsage(row.key(), id.uid(), id.type(), id.display(), id.cls(),
                            id.provider(), u.firstSeen(), u.lastSeen(), u.count(), f != null ? f.stores() : id.foreignStores(),
                            u.notation(), u.notationDisplay()));
                }
            }
            for (WriteBatch.ObservationRow o : byStore.getOrDefault(row.uid(), List.of())) {
                Instant first = o.firstSeen() == null ? null : o.firstSeen().toInstant();
                Instant last = o.current() || o.lastSeen() == null ? null : o.lastSeen().toInstant();
                SnapshotDelta.DeltaUsage mine = new SnapshotDelta.DeltaUsage(row.key(), o.identifier(),
                        io.linkscope.normalize.IdentifierType.fromWire(o.type()).orElseThrow(), o.display(),
                        io.linkscope.normalize.IdentifierClass.fromWire(o.cls()), o.provider(), first, last, o.count(),
                        foreign.getOrDefault(o.identifier(), GraphReader.Foreign.NONE).stores(), o.notation(), o.notationDisplay());
                usages.merge(o.identifier(), mine, AnalysisService::mergeUsage);
            }
            candidates.add(new CandidateChecker.Candidate(candidateStore(row, existing == null ? null : s.stores().get(existing)),
                    List.copyOf(usages.values())));
        }
        return checker.check(before, candidates, suspended, Instant.now());
    }

    /** As the writer merges a repeated observation: the earliest first, the latest last (none: current), the larger count. */
    private static SnapshotDelta.DeltaUsage mergeUsage(SnapshotDelta.DeltaUsage a, SnapshotDelta.DeltaUsage b) {
        Instant first = a.firstSeen() == null ? b.firstSeen() : b.firstSeen() == null ? a.firstSeen()
                : a.firstSeen().isBefore(b.firstSeen()) ? a.firstSeen() : b.firstSeen();
        Instant last = a.lastSeen() == null || b.lastSeen() == null ? null : a.lastSeen().isAfter(b.lastSeen()) ? a.lastSeen() : b.lastSeen();
        return new SnapshotDelta.DeltaUsage(a.store(), a.identifier(), a.type(), a.display(), a.cls(), a.provider(), first, last,
                Math.max(a.count(), b.count()), b.foreignStores(), a.notation() != null ? a.notation() : b.notation(),
                a.notation() != null ? a.notationDisplay() : b.notationDisplay());
    }

    /** The store as an import of the row would leave it: given fields replace stored ones. */
    private static StoreInfo candidateStore(WriteBatch.StoreRow r, StoreInfo old) {
        java.time.LocalDate opened = r.openedOn() != null ? java.time.LocalDate.parse(r.openedOn()) : old == null ? null : old.openedOn();
        return new StoreInfo(r.key(), r.platform(), r.marketplace(), r.storeId(),
                r.name() != null ? r.name() : old == null ? null : old.name(),
                r.legalEntity() != null ? r.legalEntity() : old == null ? null : old.legalEntity(),
                r.status() != null ? r.status() : old == null ? "active" : old.status(),
                r.monthlyRevenueUsd() != null ? r.monthlyRevenueUsd() : old == null ? 0.0 : old.monthlyRevenueUsd(), opened,
                old == null ? null : old.previousClusterId(), r.category() != null ? r.category() : old == null ? null : old.category());
    }

    public AnalysisSettings settings() {
        return settings;
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
