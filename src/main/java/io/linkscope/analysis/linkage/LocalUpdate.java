package io.linkscope.analysis.linkage;

import io.linkscope.analysis.model.Cluster;
import io.linkscope.analysis.model.Disclosure;
import io.linkscope.analysis.model.IdentifierInfo;
import io.linkscope.analysis.model.Link;
import io.linkscope.analysis.model.LinkageResult;
import io.linkscope.analysis.model.Snapshot;
import io.linkscope.analysis.model.SnapshotDelta;
import io.linkscope.analysis.model.StoreInfo;
import io.linkscope.analysis.model.StoreRisk;
import io.linkscope.analysis.model.Usage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link LinkageEngine#update} would change if a few stores were written, computed only where they reach:
 * the pairs sharing an identifier they touch, the clusters of the stores holding those identifiers, and the risk of
 * those stores. The rest of the tenant is read from a {@link Base} built once per analysis, so a check of a planned
 * store costs time in proportion to its neighbourhood, not to the tenant.
 *
 * <p>Exact by construction: a link outside the neighbourhood keeps its score, so (at the cluster threshold) it joins
 * two stores of one unchanged cluster; the region is closed under the clusters of its stores, so clustering it alone
 * gives the clusters of the whole; and, as in {@code update}, only the stores it reaches are assessed again.
 */
public final class LocalUpdate {
    private final LinkageEngine engine;
    private final LinkageConfig config;

    public LocalUpdate(LinkageEngine engine) {
        this.engine = engine;
        this.config = engine.config();
    }

    /** One analysis, indexed for local updates. Immutable and safe to share between threads. */
    public static final class Base {
        final Snapshot s;
        final LinkageResult result;
        /**
         * Store and identifier positions. Shared, append-only, by the bases of one line of incremental updates (a
         * store or identifier keeps its position and new ones are appended), so each base ignores positions past its
         * own snapshot's lists.
         */
        final Map<String, Integer> storeIndex;
        final Map<String, Integer> idIndex;
        final int[] idStart;
        final int[] byIdentifier;
        final int[] storeStart;
        final int[] byStore;
        final Map<String, List<Link>> linksByStore;
        final Map<String, String> clusterOf;
        final Set<String> disclosed = new HashSet<>();

        public Base(Snapshot s, LinkageResult result) {
            this(s, result, new java.util.concurrent.ConcurrentHashMap<>(), new java.util.concurrent.ConcurrentHashMap<>(),
                    new HashMap<>(), new HashMap<>());
            for (int i = 0; i < s.stores().size(); i++) storeIndex.put(s.stores().get(i).key(), i);
            for (int i = 0; i < s.identifiers().size(); i++) idIndex.put(s.identifiers().get(i).uid(), i);
            for (Link l : result.links()) {
                linksByStore.computeIfAbsent(l.a(), k -> new ArrayList<>()).add(l);
                linksByStore.computeIfAbsent(l.b(), k -> new ArrayList<>()).add(l);
            }
            for (Cluster c : result.clusters()) for (String k : c.stores()) clusterOf.put(k, c.id());
        }

        private Base(Snapshot s, LinkageResult result, Map<String, Integer> storeIndex, Map<String, Integer> idIndex,
                     Map<String, List<Link>> linksByStore, Map<String, String> clusterOf) {
            this.s = s;
            this.result = result;
            this.storeIndex = storeIndex;
            this.idIndex = idIndex;
            this.linksByStore = linksByStore;
            this.clusterOf = clusterOf;
            UsageIndex x = new UsageIndex(s);
            idStart = x.idStart;
            byIdentifier = x.byIdentifier;
            storeStart = x.storeStart;
            byStore = x.byStore;
            for (Disclosure d : s.disclosures()) disclosed.add(pairKey(d.a(), d.b()));
        }

        /**
         * The base of the analysis after {@code o}: {@code s} is {@code delta.apply} of this base's snapshot and
         * {@code result} is {@link #merge}{@code (o)}. The position maps are extended, the links and clusters of
         * the region replaced; only the usage index is rebuilt (integer arrays).
         */
        public Base next(Snapshot next, LinkageResult merged, Outcome o) {
            for (int i = s.stores().size(); i < next.stores().size(); i++) storeIndex.put(next.stores().get(i).key(), i);
            for (int i = s.identifiers().size(); i < next.identifiers().size(); i++) idIndex.put(next.identifiers().get(i).uid(), i);
            Map<String, List<Link>> links = new HashMap<>(linksByStore);
            for (String k : o.region()) {
                List<Link> after = o.linksByStore().get(k);
                if (after == null || after.isEmpty()) links.remove(k);
                else links.put(k, after);
            }
            Map<String, String> clusters = new HashMap<>(clusterOf);
            for (String k : o.region()) clusters.remove(k);
            for (Cluster c : o.clusters()) for (String k : c.stores()) clusters.put(k, c.id());
            return new Base(next, merged, storeIndex, idIndex, links, clusters);
        }

        public Snapshot snapshot() {
            return s;
        }

        public LinkageResult result() {
            return result;
        }

        /** Index of a store of the snapshot, or null. */
        public Integer store(String key) {
            Integer i = storeIndex.get(key);
            // a position past this snapshot, or left by an update that was not kept, is not this snapshot's
            return i == null || i >= s.stores().size() || !s.stores().get(i).key().equals(key) ? null : i;
        }

        /** An identifier the tenant holds, as the analysis knows it (foreign counts included), or null. */
        public IdentifierInfo info(String uid) {
            Integer i = identifier(uid);
            return i == null ? null : s.identifiers().get(i);
        }

        /** Index of an identifier of the snapshot, or null. */
        Integer identifier(String uid) {
            Integer i = idIndex.get(uid);
            return i == null || i >= s.identifiers().size() || !s.identifiers().get(i).uid().equals(uid) ? null : i;
        }

        /** The usages of one store of the snapshot, in snapshot order. */
        public List<Usage> usagesOf(int store) {
            List<Usage> out = new ArrayList<>(storeStart[store + 1] - storeStart[store]);
            for (int p = storeStart[store]; p < storeStart[store + 1]; p++) out.add(s.usages().get(byStore[p]));
            return out;
        }

        /** The cluster of a store in the analysis, or null. */
        public String clusterOf(String key) {
            return clusterOf.get(key);
        }

        /** Every link of a store in the analysis. */
        public List<Link> linksOf(String key) {
            return linksByStore.getOrDefault(key, List.of());
        }

        /** Stores holding identifier {@code id}, as snapshot indexes. */
        int[] holders(int id) {
            int[] out = new int[idStart[id + 1] - idStart[id]];
            for (int p = idStart[id]; p < idStart[id + 1]; p++) out[p - idStart[id]] = s.usages().get(byIdentifier[p]).store();
            return out;
        }
    }

    /**
     * The tenant after the delta, where it changed.
     *
     * @param region  stores whose links, cluster or risk were computed again (the changed ones among them)
     * @param links   every link of a region store after the delta, strongest first
     * @param clusters clusters of region stores after the delta
     * @param risks   risk of every region store after the delta
     * @param reached the changed stores and every holder of an identifier they hold or held: the only stores whose
     *                links or receiving-account partners can differ (the rest of the region differs at most in risk)
     */
    public record Outcome(Base base, Set<String> region, Set<String> changed, List<Link> links, List<Cluster> clusters,
                          Map<String, StoreRisk> risks, Map<String, StoreInfo> changedStores,
                          Map<String, List<String>> receivingPartners, Map<String, List<Link>> linksByStore,
                          Set<String> touchedIdentifiers, Set<String> taintedTouched, Set<String> reached, Instant asOf) {

        /** The links of any store after the delta: a store outside the region keeps all of its links. */
        public List<Link> linksOf(String key) {
            if (!region.contains(key)) return base.linksOf(key);
            return linksByStore.getOrDefault(key, List.of());
        }

        public StoreRisk riskOf(String key) {
            StoreRisk r = risks.get(key);
            return r != null ? r : base.result.storeRisk().get(key);
        }

        public StoreInfo store(String key) {
            StoreInfo changedStore = changedStores.get(key);
            if (changedStore != null) return changedStore;
            Integer i = base.store(key);
            return i == null ? null : base.s.stores().get(i);
        }

        /**
         * Stores sharing a receiving account (payment, bank account: not generic, carrying weight) with this one,
         * after the delta; only for {@link #reached} stores (the others' partners did not change).
         */
        public List<String> receivingPartnersOf(String key) {
            return receivingPartners.getOrDefault(key, List.of());
        }
    }

    /** Stores sharing a receiving account with each store of {@code keys}, before any delta. */
    public static Map<String, List<String>> receivingPartners(Base b, Set<String> keys) {
        Map<String, List<String>> out = new HashMap<>();
        for (String key : keys) {
            Integer i = b.store(key);
            if (i == null) continue;
            Set<String> partners = new LinkedHashSet<>();
            for (int p = b.storeStart[i]; p < b.storeStart[i + 1]; p++) {
                int id = b.s.usages().get(b.byStore[p]).identifier();
                if (!receiving(b.s.identifiers().get(id))) continue;
                for (int h : b.holders(id)) if (h != i) partners.add(b.s.stores().get(h).key());
            }
            out.put(key, List.copyOf(partners));
        }
        return out;
    }

    private static boolean receiving(IdentifierInfo id) {
        return id.type().receivesFunds() && id.cls().carriesWeight() && !id.generic();
    }

    /**
     * Applies the delta (stores, with all their observations, as {@link SnapshotDelta} would) where it reaches.
     * Equal, on the region, to {@code engine.update(b.result(), b.snapshot(), delta.apply(b.snapshot(), asOf))}.
     */
    public Outcome apply(Base b, SnapshotDelta delta, Instant asOf) {
        Snapshot s = b.s;
        int nStores = s.stores().size(), nIds = s.identifiers().size();
        View v = view(b, delta);
        Map<Integer, StoreInfo> storeAfter = v.storeAfter;
        Map<Integer, List<Usage>> usagesAfter = v.usagesAfter;
        Map<String, StoreInfo> changedStores = new LinkedHashMap<>();
        for (StoreInfo st : delta.stores()) changedStores.put(st.key(), st);

        // identifiers the changed stores held before or hold now, and the pairs they make
        Set<Integer> affectedIds = new LinkedHashSet<>();
        for (int st : storeAfter.keySet()) {
            if (st < nStores) for (Usage u : b.usagesOf(st)) affectedIds.add(u.identifier());
            for (Usage u : usagesAfter.get(st)) affectedIds.add(u.identifier());
        }
        Set<Long> rescore = new HashSet<>();
        Set<Integer> affected = new HashSet<>(storeAfter.keySet());
        for (int id : affectedIds) {
            int[] holders = v.holders(id);
            for (int h : holders) affected.add(h);
            int before = id < nIds ? b.idStart[id + 1] - b.idStart[id] : 0;
            if (!engine.rescores(holders.length, before)) continue;
            for (int p = 0; p < holders.length; p++) {
                for (int q = p + 1; q < holders.length; q++) {
                    if (holders[p] != holders[q]) rescore.add(pair(holders[p], holders[q]));
                }
            }
        }
        long[] pairs = rescore.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(pairs);
        List<Link> fresh = new ArrayList<>();
        for (long key : pairs) {
            Link l = v.link((int) (key >>> 32), (int) key, asOf);
            if (l != null) fresh.add(l);
        }

        // the region: the stores reached, and everyone in their clusters
        Set<String> changedKeys = changedStores.keySet();
        Set<String> region = new LinkedHashSet<>();
        for (int st : affected) region.add(v.key(st));
        Set<String> reached = Set.copyOf(region);
        Set<String> clusters = new HashSet<>();
        for (String k : region) {
            String c = b.clusterOf.get(k);
            if (c != null) clusters.add(c);
        }
        for (Cluster c : b.result.clusters()) if (clusters.contains(c.id())) region.addAll(c.stores());

        // links of the region after the delta: kept ones, and the ones scored again
        Set<String> rescoredKeys = new HashSet<>();
        for (long key : pairs) rescoredKeys.add(pairKey(v.key((int) (key >>> 32)), v.key((int) key)));
        Map<String, Link> after = new LinkedHashMap<>();
        for (String k : region) {
            for (Link l : b.linksOf(k)) {
                if (changedKeys.contains(l.a()) || changedKeys.contains(l.b())) continue;
                String pk = pairKey(l.a(), l.b());
                if (!rescoredKeys.contains(pk)) after.putIfAbsent(pk, l);
            }
        }
        for (Link l : fresh) after.put(pairKey(l.a(), l.b()), l);
        List<Link> links = new ArrayList<>(after.values());
        links.sort(Comparator.comparingDouble(Link::score).reversed().thenComparing(Link::a).thenComparing(Link::b));

        // clusters of the region alone, then its risk, as update's reassessment does
        List<String> keys = new ArrayList<>();
        Map<String, String> previous = new HashMap<>();
        Map<String, StoreInfo> byKey = new LinkedHashMap<>();
        for (String k : region) {
            StoreInfo st = v.store(k);
            keys.add(k);
            byKey.put(k, st);
            if (st.previousClusterId() != null) previous.put(k, st.previousClusterId());
        }
        List<Link> inside = new ArrayList<>();
        for (Link l : links) if (region.contains(l.a()) && region.contains(l.b())) inside.add(l);
        List<Clusterer.Group> groups = engine.clusterer().cluster(keys, previous, inside, config.clusterThreshold());
        Map<String, StoreInfo> known = new HashMap<>(byKey);
        for (Link l : links) {
            known.computeIfAbsent(l.a(), v::store);
            known.computeIfAbsent(l.b(), v::store);
        }
        Map<String, LinkageRisk.Exposure> exposure = new HashMap<>();
        for (String k : region) {
            LinkageRisk.Exposure e = v.exposure(k);
            if (e != null) exposure.put(k, e);
        }
        LinkageRisk.Assessment assessment = engine.risk().assessOnly(known, links, groups, exposure, region);

        Map<String, List<String>> partners = new HashMap<>();
        for (String k : reached) partners.put(k, v.receivingPartners(k));
        Map<String, List<Link>> byStore = new HashMap<>();
        for (Link l : links) {
            byStore.computeIfAbsent(l.a(), k -> new ArrayList<>()).add(l);
            byStore.computeIfAbsent(l.b(), k -> new ArrayList<>()).add(l);
        }
        // taint of the identifiers the delta touched: a suspended holder here, or a suspended store elsewhere
        Set<String> touched = new HashSet<>(), tainted = new HashSet<>();
        for (int id : affectedIds) {
            IdentifierInfo info = v.info(id);
            touched.add(info.uid());
            if (!engine.candidate(info)) continue;
            boolean t = info.foreignSuspended() > 0;
            for (int h : v.holders(id)) t |= v.store(h).suspended();
            if (t) tainted.add(info.uid());
        }
        return new Outcome(b, region, Set.copyOf(changedKeys), links, assessment.clusters(), assessment.stores(),
                changedStores, partners, byStore, touched, tainted, reached, asOf);
    }

    /**
     * The whole tenant's result after the delta: the previous one with the region replaced. Equal to
     * {@link LinkageEngine#update} (and so to a full analysis), at the cost of one pass over the previous result
     * instead of sorting, clustering and assessing the whole tenant again.
     */
    public static LinkageResult merge(Outcome o) {
        LinkageResult previous = o.base().result();
        Comparator<Link> order = Comparator.comparingDouble(Link::score).reversed().thenComparing(Link::a).thenComparing(Link::b);
        List<Link> kept = new ArrayList<>(previous.links().size());
        for (Link l : previous.links()) if (!o.region().contains(l.a()) && !o.region().contains(l.b())) kept.add(l);
        List<Link> links = new ArrayList<>(kept.size() + o.links().size());
        int i = 0, j = 0;
        while (i < kept.size() || j < o.links().size()) {
            if (j == o.links().size() || i < kept.size() && order.compare(kept.get(i), o.links().get(j)) <= 0) links.add(kept.get(i++));
            else links.add(o.links().get(j++));
        }
        List<Cluster> clusters = new ArrayList<>();
        for (Cluster c : previous.clusters()) if (c.stores().stream().noneMatch(o.region()::contains)) clusters.add(c);
        clusters.addAll(o.clusters());
        clusters.sort(Comparator.comparing(Cluster::id));
        Map<String, StoreRisk> risks = new LinkedHashMap<>(previous.storeRisk());
        risks.putAll(o.risks());
        Set<String> tainted = new java.util.TreeSet<>(previous.taintedIdentifiers());
        tainted.removeAll(o.touchedIdentifiers());
        tainted.addAll(o.taintedTouched());
        return new LinkageResult(links, clusters, risks, List.copyOf(tainted));
    }

    /**
     * Only the links one changed store would have after the delta, without clusters or risk: what a search that
     * removes identifiers from a planned store until it has no link asks at every step. Equal to
     * {@code apply(b, delta, asOf).linksOf(key)}.
     */
    public List<Link> linksOf(Base b, SnapshotDelta delta, Instant asOf, String key) {
        View v = view(b, delta);
        Integer self = v.indexOfChanged.get(key);
        if (self == null) throw new IllegalArgumentException("not a store of the delta: " + key);
        Set<Integer> ids = new LinkedHashSet<>();
        if (self < b.s.stores().size()) for (Usage u : b.usagesOf(self)) ids.add(u.identifier());
        for (Usage u : v.usagesAfter.get(self)) ids.add(u.identifier());
        Set<Integer> partners = new java.util.TreeSet<>();
        for (int id : ids) {
            int[] holders = v.holders(id);
            int before = id < b.s.identifiers().size() ? b.idStart[id + 1] - b.idStart[id] : 0;
            if (!engine.rescores(holders.length, before)) continue;
            for (int h : holders) if (h != self) partners.add(h);
        }
        List<Link> out = new ArrayList<>();
        for (int other : partners) {
            Link l = v.link(Math.min(self, other), Math.max(self, other), asOf);
            if (l != null) out.add(l);
        }
        out.sort(Comparator.comparingDouble(Link::score).reversed().thenComparing(Link::a).thenComparing(Link::b));
        return out;
    }

    /** The delta laid over the base: stores keep their index or are appended, identifiers likewise. */
    private View view(Base b, SnapshotDelta delta) {
        Snapshot s = b.s;
        int nStores = s.stores().size(), nIds = s.identifiers().size();
        Map<Integer, StoreInfo> storeAfter = new HashMap<>();
        Map<String, Integer> newStoreIndex = new LinkedHashMap<>();
        for (StoreInfo st : delta.stores()) {
            Integer i = b.store(st.key());
            if (i == null) i = newStoreIndex.computeIfAbsent(st.key(), k -> nStores + newStoreIndex.size());
            storeAfter.put(i, st);
        }
        // identifiers: a known one takes the delta's foreign counts, a new one is appended
        Map<Integer, IdentifierInfo> idAfter = new HashMap<>();
        Map<String, Integer> newIdIndex = new HashMap<>();
        Map<Integer, List<Usage>> usagesAfter = new HashMap<>();
        for (int st : storeAfter.keySet()) usagesAfter.put(st, new ArrayList<>());
        for (SnapshotDelta.DeltaUsage d : delta.usages()) {
            Integer store = b.store(d.store());
            if (store == null) store = newStoreIndex.get(d.store());
            if (store == null || !storeAfter.containsKey(store)) continue;
            int suspended = delta.foreignSuspended().getOrDefault(d.identifier(), 0);
            Integer id = b.identifier(d.identifier());
            if (id == null) id = newIdIndex.get(d.identifier());
            if (id == null) {
                id = nIds + newIdIndex.size();
                newIdIndex.put(d.identifier(), id);
                idAfter.put(id, new IdentifierInfo(d.identifier(), d.type(), d.display(), false, d.cls(), d.provider(),
                        d.foreignStores(), suspended));
            } else {
                IdentifierInfo i = idAfter.containsKey(id) ? idAfter.get(id) : s.identifiers().get(id);
                idAfter.put(id, new IdentifierInfo(i.uid(), i.type(), i.display(), i.generic(), i.cls(), i.provider(),
                        d.foreignStores(), suspended));
            }
            usagesAfter.get(store).add(new Usage(store, id, d.firstSeen(), d.lastSeen(), d.count(), d.notation(), d.notationDisplay()));
        }
        return new View(b, storeAfter, idAfter, usagesAfter);
    }

    /** The snapshot with the delta laid over it, read only where asked. */
    private final class View {
        final Base b;
        final Map<Integer, StoreInfo> storeAfter;
        final Map<Integer, IdentifierInfo> idAfter;
        final Map<Integer, List<Usage>> usagesAfter;
        final Map<Integer, int[]> holdersMemo = new HashMap<>();
        final Map<String, Integer> indexOfChanged = new HashMap<>();

        View(Base b, Map<Integer, StoreInfo> storeAfter, Map<Integer, IdentifierInfo> idAfter, Map<Integer, List<Usage>> usagesAfter) {
            this.b = b;
            this.storeAfter = storeAfter;
            this.idAfter = idAfter;
            this.usagesAfter = usagesAfter;
            storeAfter.forEach((i, st) -> indexOfChanged.put(st.key(), i));
        }

        StoreInfo store(int i) {
            StoreInfo st = storeAfter.get(i);
            return st != null ? st : b.s.stores().get(i);
        }

        StoreInfo store(String key) {
            Integer i = indexOfChanged.get(key);
            if (i == null) i = b.store(key);
            return i == null ? null : store(i);
        }

        String key(int i) {
            return store(i).key();
        }

        IdentifierInfo info(int id) {
            IdentifierInfo i = idAfter.get(id);
            return i != null ? i : b.s.identifiers().get(id);
        }

        List<Usage> usages(int store) {
            List<Usage> changed = usagesAfter.get(store);
            return changed != null ? changed : b.usagesOf(store);
        }

        /** Holders after the delta, in the order the snapshot after it would list their usages. */
        int[] holders(int id) {
            return holdersMemo.computeIfAbsent(id, x -> {
                List<Integer> out = new ArrayList<>();
                if (x < b.idStart.length - 1) for (int h : b.holders(x)) if (!storeAfter.containsKey(h)) out.add(h);
                for (Map.Entry<Integer, List<Usage>> e : new java.util.TreeMap<>(usagesAfter).entrySet()) {
                    for (Usage u : e.getValue()) if (u.identifier() == x) out.add(e.getKey());
                }
                return out.stream().mapToInt(Integer::intValue).toArray();
            });
        }

        Link link(int sa, int sb, Instant asOf) {
            Map<Integer, Usage> ofA = new HashMap<>();
            for (Usage u : usages(sa)) ofA.put(u.identifier(), u);
            List<LinkScorer.Shared> shared = new ArrayList<>();
            boolean candidatePair = false;
            for (Usage u : usages(sb)) {
                Usage ua = ofA.get(u.identifier());
                if (ua == null) continue;
                int holders = holders(u.identifier()).length;
                if (holders > config.maxCandidateStores()) continue;
                IdentifierInfo id = info(u.identifier());
                shared.add(new LinkScorer.Shared(id, holders + id.foreignStores(), ua, u));
                candidatePair |= engine.generatesPairs(id, holders);
            }
            if (!candidatePair) return null;
            LinkScorer.Scored scored = engine.scorer().score(shared, asOf);
            if (scored.score() < config.minScore()) return null;
            StoreInfo a = store(sa), c = store(sb);
            boolean ordered = a.key().compareTo(c.key()) < 0;
            String ka = ordered ? a.key() : c.key(), kb = ordered ? c.key() : a.key();
            return new Link(ka, kb, Math.round(scored.score() * 10_000) / 10_000.0, scored.level(),
                    a.platform().equals(c.platform()), b.disclosed.contains(pairKey(ka, kb)), scored.evidence());
        }

        LinkageRisk.Exposure exposure(String key) {
            Integer i = indexOfChanged.get(key);
            if (i == null) i = b.store(key);
            int stores = 0, suspended = 0;
            for (Usage u : usages(i)) {
                IdentifierInfo id = info(u.identifier());
                if (!engine.candidate(id)) continue;
                stores = Math.max(stores, id.foreignStores());
                suspended = Math.max(suspended, id.foreignSuspended());
            }
            return stores > 0 ? new LinkageRisk.Exposure(stores, suspended) : null;
        }

        List<String> receivingPartners(String key) {
            Integer i = indexOfChanged.get(key);
            if (i == null) i = b.store(key);
            Set<String> out = new LinkedHashSet<>();
            for (Usage u : usages(i)) {
                if (!receiving(info(u.identifier()))) continue;
                for (int h : holders(u.identifier())) if (h != i) out.add(key(h));
            }
            return List.copyOf(out);
        }
    }

    private static long pair(int a, int b) {
        return ((long) Math.min(a, b) << 32) | Math.max(a, b);
    }

    private static String pairKey(String a, String b) {
        return a.compareTo(b) < 0 ? a + "\u0000" + b : b + "\u0000" + a;
    }
}
