package io.linkscope.analysis.linkage;

import io.linkscope.analysis.model.Disclosure;
import io.linkscope.analysis.model.IdentifierInfo;
import io.linkscope.analysis.model.Link;
import io.linkscope.analysis.model.LinkageResult;
import io.linkscope.analysis.model.Snapshot;
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

    public LinkageResult analyze(Snapshot s) {
        int nStores = s.stores().size();
        int nIds = s.identifiers().size();
        List<Usage> usages = s.usages();
        // usages grouped by identifier (counting sort): ids[start[i]..start[i+1]) are usage indexes
        int[] start = new int[nIds + 1];
        for (Usage u : usages) start[u.identifier() + 1]++;
        for (int i = 0; i < nIds; i++) start[i + 1] += start[i];
        int[] byIdentifier = new int[usages.size()];
        int[] fill = start.clone();
        for (int u = 0; u < usages.size(); u++) byIdentifier[fill[usages.get(u).identifier()]++] = u;

        Map<Long, List<int[]>> pairs = new HashMap<>();
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < nIds; i++) {
                int local = start[i + 1] - start[i];
                if (local < 2 || local > config.maxCandidateStores()) continue;
                boolean candidate = candidate(s.identifiers().get(i));
                if ((pass == 0) != candidate) continue;
                for (int x = start[i]; x < start[i + 1]; x++) {
                    for (int y = x + 1; y < start[i + 1]; y++) {
                        int ua = byIdentifier[x], ub = byIdentifier[y];
                        int sa = usages.get(ua).store(), sb = usages.get(ub).store();
                        if (sa == sb) continue;
                        if (sa > sb) { int t = sa; sa = sb; sb = t; int tu = ua; ua = ub; ub = tu; }
                        long key = ((long) sa << 32) | sb;
                        List<int[]> list = pass == 0 ? pairs.computeIfAbsent(key, k -> new ArrayList<>(2)) : pairs.get(key);
                        if (list != null) list.add(new int[]{i, ua, ub});
                    }
                }
            }
        }

        Set<String> disclosed = new HashSet<>();
        for (Disclosure d : s.disclosures()) disclosed.add(pairKey(d.a(), d.b()));
        List<Link> links = new ArrayList<>();
        for (var e : pairs.entrySet()) {
            StoreInfo a = s.stores().get((int) (e.getKey() >>> 32));
            StoreInfo b = s.stores().get((int) (long) e.getKey());
            List<LinkScorer.Shared> shared = new ArrayList<>(e.getValue().size());
            for (int[] t : e.getValue()) {
                IdentifierInfo id = s.identifiers().get(t[0]);
                int sharedBy = start[t[0] + 1] - start[t[0]] + id.foreignStores();
                shared.add(new LinkScorer.Shared(id, sharedBy, usages.get(t[1]), usages.get(t[2])));
            }
            LinkScorer.Scored scored = scorer.score(shared, s.asOf());
            if (scored.score() < config.minScore()) continue;
            boolean ordered = a.key().compareTo(b.key()) < 0;
            String ka = ordered ? a.key() : b.key(), kb = ordered ? b.key() : a.key();
            links.add(new Link(ka, kb, round(scored.score()), scored.level(), a.platform().equals(b.platform()),
                    disclosed.contains(pairKey(ka, kb)), scored.evidence()));
        }
        links.sort(Comparator.comparingDouble(Link::score).reversed().thenComparing(Link::a).thenComparing(Link::b));

        List<String> keys = new ArrayList<>(nStores);
        Map<String, String> previous = new HashMap<>();
        Map<String, StoreInfo> byKey = new LinkedHashMap<>();
        for (StoreInfo st : s.stores()) {
            keys.add(st.key());
            byKey.put(st.key(), st);
            if (st.previousClusterId() != null) previous.put(st.key(), st.previousClusterId());
        }
        List<Clusterer.Group> groups = clusterer.cluster(keys, previous, links, config.clusterThreshold());
        LinkageRisk.Assessment assessment = risk.assess(byKey, links, groups, exposure(s));
        return new LinkageResult(links, assessment.clusters(), assessment.stores(), tainted(s));
    }

    private boolean candidate(IdentifierInfo id) {
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
