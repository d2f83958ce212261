package io.linkscope.analysis.linkage;

import io.linkscope.analysis.model.Disclosure;
import io.linkscope.analysis.model.IdentifierInfo;
import io.linkscope.analysis.model.Link;
import io.linkscope.analysis.model.LinkageResult;
import io.linkscope.analysis.model.Snapshot;
import io.linkscope.analysis.model.SnapshotDelta;
import io.linkscope.analysis.model.StoreInfo;
import io.linkscope.analysis.model.Usage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Snapshot in, links, clusters, risk and tainted identifiers out. Pure and in memory.
 *
 * <p>Candidate pairs come only from identifiers that can carry weight and are held by at most
 * {@code maxCandidateStores} of the tenant's stores, so the work grows with the evidence, not with n².
 * A value held by more stores than that (a CGNAT pool, a marketplace's own address) is skipped entirely:
 * its rarity factor would be zero anyway.
 */
public final class LinkageEngine {
    private final LinkageConfig config;
    private final LinkScorer scorer;
    private final Clusterer clusterer = new Clusterer();
    private final LinkageRisk risk;

    public LinkageEngine(LinkageConfig config) {
        this.config = config;
        this.scorer = new LinkScorer(config);
        this.risk = new LinkageRisk(config);
    }

    public LinkageConfig config() {
        return config;
    }

    LinkScorer scorer() {
        return scorer;
    }

    Clusterer clusterer() {
        return clusterer;
    }

    LinkageRisk risk() {
        return risk;
    }

    public LinkageResult analyze(Snapshot s) {
        Index x = new Index(s);
        PairKeys keys = new PairKeys();
        for (int i = 0; i < x.identifierCount(); i++) {
            if (generatesPairs(s, x, i)) x.addPairs(i, keys);
        }
        return finish(s, score(s, x, keys.sortedUnique()));
    }

    /**
     * Whether holding identifier {@code i} makes two stores a candidate pair: it can carry weight, it is not
     * generic, few enough stores hold it, and its best possible weight (base × rarity) reaches half the
     * minimum score. Weaker identifiers still count as evidence for pairs found through stronger ones.
     */
    private boolean generatesPairs(Snapshot s, Index x, int i) {
        return generatesPairs(s.identifiers().get(i), x.holders(i));
    }

    /**
     * Whether the pairs of an identifier a change touched must be scored again: it is (or was) held by few enough
     * stores to count as evidence.
     */
    boolean rescores(int holdersNow, int holdersBefore) {
        return holdersNow >= 2 && Math.min(holdersNow, holdersBefore) <= config.maxCandidateStores();
    }

    /**
     * Whether identifier {@code id}, held by {@code local} of the tenant's stores, makes its holders a candidate pair
     * (see {@link #generatesPairs(Snapshot, Index, int)}).
     */
    boolean generatesPairs(IdentifierInfo id, int local) {
        if (local < 2 || local > config.maxCandidateStores()) return false;
        return candidate(id) && config.weight(id.type()) * scorer.rarity(id.type(), local + id.foreignStores()) >= config.minScore() / 2;
    }

    private List<Link> score(Snapshot s, Index x, long[] pairKeys) {
        Set<String> disclosed = disclosed(s);
        List<Link> links = new ArrayList<>();
        for (long key : pairKeys) {
            int a = (int) (key >>> 32), b = (int) key;
            Link l = link(s, x, a, b, x.shared(a, b, config.maxCandidateStores()), disclosed);
            if (l != null) links.add(l);
        }
        return links;
    }

    /**
     * Brings a previous result up to date after some stores changed: only pairs that share an identifier the
     * changed stores held before or hold now are scored again; every other link is kept as it was. Clusters,
     * risk and taint are rebuilt from the links (linear). Equal to {@link #analyze} on the new snapshot.
     */
    public LinkageResult update(LinkageResult previous, Snapshot before, SnapshotDelta.Applied applied) {
        Snapshot s = applied.snapshot();
        Set<Integer> changed = applied.changedStores();
        Set<String> changedKeys = new HashSet<>();
        for (int i : changed) changedKeys.add(s.stores().get(i).key());
        boolean[] isChanged = new boolean[s.stores().size()];
        for (int i : changed) isChanged[i] = true;
        Set<Integer> affectedIds = new HashSet<>();
        for (Usage u : before.usages()) if (isChanged[u.store()]) affectedIds.add(u.identifier());
        for (Usage u : s.usages()) if (isChanged[u.store()]) affectedIds.add(u.identifier());
        Map<Integer, Integer> holdersBefore = new HashMap<>();
        for (Usage u : before.usages()) if (affectedIds.contains(u.identifier())) holdersBefore.merge(u.identifier(), 1, Integer::sum);
        Index x = new Index(s);
        PairKeys keys = new PairKeys();
        // every pair an affected identifier is evidence for, was or is: its holders' count (rarity) or its foreign
        // count changed, so pairs that only count it as supporting evidence change score too
        for (int i : affectedIds) {
            if (rescores(x.holders(i), holdersBefore.getOrDefault(i, 0))) x.addPairs(i, keys);
        }
        long[] rescore = keys.sortedUnique();
        Map<String, Integer> storeIndex = new HashMap<>();
        for (int i = 0; i < s.stores().size(); i++) storeIndex.put(s.stores().get(i).key(), i);
        List<Link> links = new ArrayList<>();
        for (Link l : previous.links()) {
            int a = storeIndex.get(l.a()), b = storeIndex.get(l.b());
            long key = ((long) Math.min(a, b) << 32) | Math.max(a, b);
            if (!changedKeys.contains(l.a()) && !changedKeys.contains(l.b()) && java.util.Arrays.binarySearch(rescore, key) < 0) {
                links.add(l);
            }
        }
        links.addAll(score(s, x, rescore));
        // stores whose links, rarities or exposure may have changed: the changed ones and every holder of an affected identifier
        Set<String> affected = new HashSet<>(changedKeys);
        for (int i : affectedIds) {
            for (int p = x.idStart[i]; p < x.idStart[i + 1]; p++) affected.add(s.stores().get(s.usages().get(x.byIdentifier[p]).store()).key());
        }
        return finish(s, links, previous, affected);
    }

    /** Scores one pair from its shared identifiers {@code [identifier, usageA, usageB]}; null below the minimum score. */
    private Link link(Snapshot s, Index x, int sa, int sb, List<int[]> sharedRows, Set<String> disclosed) {
        StoreInfo a = s.stores().get(sa);
        StoreInfo b = s.stores().get(sb);
        List<LinkScorer.Shared> shared = new ArrayList<>(sharedRows.size());
        boolean candidatePair = false;
        for (int[] t : sharedRows) {
            IdentifierInfo id = s.identifiers().get(t[0]);
            shared.add(new LinkScorer.Shared(id, x.holders(t[0]) + id.foreignStores(), s.usages().get(t[1]), s.usages().get(t[2])));
            candidatePair |= generatesPairs(id, x.holders(t[0]));
        }
        // a pair only supporting evidence joins is not one the full analysis would consider
        if (!candidatePair) return null;
        LinkScorer.Scored scored = scorer.score(shared, s.asOf());
        if (scored.score() < config.minScore()) return null;
        boolean ordered = a.key().compareTo(b.key()) < 0;
        String ka = ordered ? a.key() : b.key(), kb = ordered ? b.key() : a.key();
        return new Link(ka, kb, round(scored.score()), scored.level(), a.platform().equals(b.platform()),
                disclosed.contains(pairKey(ka, kb)), scored.evidence());
    }

    private LinkageResult finish(Snapshot s, List<Link> links) {
        return finish(s, links, null, null);
    }

    /** @param affected stores whose risk must be assessed again; null: all (then {@code before} is unused) */
    private LinkageResult finish(Snapshot s, List<Link> links, LinkageResult before, Set<String> affected) {
        links.sort(Comparator.comparingDouble(Link::score).reversed().thenComparing(Link::a).thenComparing(Link::b));
        List<String> keys = new ArrayList<>(s.stores().size());
        Map<String, String> previous = new HashMap<>();
        Map<String, StoreInfo> byKey = new LinkedHashMap<>();
        for (StoreInfo st : s.stores()) {
            keys.add(st.key());
            byKey.put(st.key(), st);
            if (st.previousClusterId() != null) previous.put(st.key(), st.previousClusterId());
        }
        List<Clusterer.Group> groups = clusterer.cluster(keys, previous, links, config.clusterThreshold());
        LinkageRisk.Assessment assessment = affected == null
                ? risk.assess(byKey, links, groups, exposure(s))
                : risk.reassess(byKey, links, groups, exposure(s), before, affected);
        return new LinkageResult(links, assessment.clusters(), assessment.stores(), tainted(s));
    }

    private static Set<String> disclosed(Snapshot s) {
        Set<String> disclosed = new HashSet<>();
        for (Disclosure d : s.disclosures()) disclosed.add(pairKey(d.a(), d.b()));
        return disclosed;
    }

    /** A growable primitive list of pair keys: no boxing for the hundreds of thousands of candidate pairs. */
    private static final class PairKeys {
        private long[] keys = new long[1024];
        private int size;

        void add(long key) {
            if (size == keys.length) keys = java.util.Arrays.copyOf(keys, size * 2);
            keys[size++] = key;
        }

        long[] sortedUnique() {
            long[] sorted = java.util.Arrays.copyOf(keys, size);
            java.util.Arrays.sort(sorted);
            int n = 0;
            for (int i = 0; i < sorted.length; i++) if (i == 0 || sorted[i] != sorted[i - 1]) sorted[n++] = sorted[i];
            return java.util.Arrays.copyOf(sorted, n);
        }
    }

    /** Usages grouped by identifier and by store (counting sorts): holders and shared identifiers in linear time. */
    private static final class Index {
        final Snapshot s;
        final int[] idStart;
        final int[] byIdentifier;
        final int[] storeStart;
        final int[] byStore;

        Index(Snapshot s) {
            this.s = s;
            UsageIndex x = new UsageIndex(s);
            idStart = x.idStart;
            byIdentifier = x.byIdentifier;
            storeStart = x.storeStart;
            byStore = x.byStore;
        }

        /** Every pair of distinct stores holding identifier {@code i}, as {@code (min << 32) | max}. */
        void addPairs(int i, PairKeys keys) {
            for (int p = idStart[i]; p < idStart[i + 1]; p++) {
                int sa = s.usages().get(byIdentifier[p]).store();
                for (int q = p + 1; q < idStart[i + 1]; q++) {
                    int sb = s.usages().get(byIdentifier[q]).store();
                    if (sa != sb) keys.add(((long) Math.min(sa, sb) << 32) | Math.max(sa, sb));
                }
            }
        }

        int identifierCount() {
            return idStart.length - 1;
        }

        int holders(int identifier) {
            return idStart[identifier + 1] - idStart[identifier];
        }

        /** Identifiers both stores hold (skipping ones held by more than {@code cap} stores), as {@code [identifier, usageA, usageB]}. */
        List<int[]> shared(int a, int b, int cap) {
            Map<Integer, Integer> ofA = new HashMap<>();
            for (int p = storeStart[a]; p < storeStart[a + 1]; p++) ofA.put(s.usages().get(byStore[p]).identifier(), byStore[p]);
            List<int[]> out = new ArrayList<>();
            for (int p = storeStart[b]; p < storeStart[b + 1]; p++) {
                int id = s.usages().get(byStore[p]).identifier();
                Integer ua = ofA.get(id);
                if (ua != null && holders(id) <= cap) out.add(new int[]{id, ua, byStore[p]});
            }
            return out;
        }
    }

    boolean candidate(IdentifierInfo id) {
        return id.cls().carriesWeight() && !id.generic() && config.weight(id.type()) > 0;
    }

    /** For each store, the most other-tenant stores behind any one of its identifiers (a lower bound of the distinct count). */
    private Map<String, LinkageRisk.Exposure> exposure(Snapshot s) {
        int[] stores = new int[s.stores().size()];
        int[] suspended = new int[s.stores().size()];
        for (Usage u : s.usages()) {
            IdentifierInfo id = s.identifiers().get(u.identifier());
            if (!candidate(id)) continue;
            stores[u.store()] = Math.max(stores[u.store()], id.foreignStores());
            suspended[u.store()] = Math.max(suspended[u.store()], id.foreignSuspended());
        }
        Map<String, LinkageRisk.Exposure> out = new HashMap<>();
        for (int i = 0; i < stores.length; i++) {
            if (stores[i] > 0) out.put(s.stores().get(i).key(), new LinkageRisk.Exposure(stores[i], suspended[i]));
        }
        return out;
    }

    /** Identifiers touching a suspended store, here or in another portfolio: what a platform would trace. */
    private List<String> tainted(Snapshot s) {
        Set<String> out = new java.util.TreeSet<>();
        for (Usage u : s.usages()) {
            IdentifierInfo id = s.identifiers().get(u.identifier());
            if (!candidate(id)) continue;
            if (s.stores().get(u.store()).suspended() || id.foreignSuspended() > 0) out.add(id.uid());
        }
        return List.copyOf(out);
    }

    private static String pairKey(String a, String b) {
        return a.compareTo(b) < 0 ? a + "\u0000" + b : b + "\u0000" + a;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
