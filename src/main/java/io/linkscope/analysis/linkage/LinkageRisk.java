package io.linkscope.analysis.linkage;

import io.linkscope.analysis.model.Cluster;
import io.linkscope.analysis.model.Evidence;
import io.linkscope.analysis.model.Link;
import io.linkscope.analysis.model.LinkageResult;
import io.linkscope.analysis.model.Reason;
import io.linkscope.analysis.model.StoreInfo;
import io.linkscope.analysis.model.StoreRisk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies the platform policy to links and clusters. What a platform punishes is <em>same-platform</em>
 * relatedness (within a region for regional platforms); what a court freezes is a shared receiving account,
 * on any platform. Disclosed (approved) pairs lower the level one step; their links are still shown.
 */
public final class LinkageRisk {
    public static final List<String> LEVELS = List.of("low", "medium", "high", "critical");

    private final LinkageConfig config;

    public LinkageRisk(LinkageConfig config) {
        this.config = config;
    }

    /** Exposure to other tenants' stores: counts only. */
    public record Exposure(int foreignStores, int foreignSuspended) {
    }

    public record Assessment(List<Cluster> clusters, Map<String, StoreRisk> stores) {
    }

    public Assessment assess(Map<String, StoreInfo> stores, List<Link> links, List<Clusterer.Group> groups,
                             Map<String, Exposure> exposure) {
        return assess(stores, links, groups, exposure, null, null);
    }

    /**
     * Like {@link #assess}, but only stores in {@code affected}, and the members of any cluster (before or after)
     * that contains one, are assessed again; every other store and cluster keeps its previous assessment.
     */
    public Assessment reassess(Map<String, StoreInfo> stores, List<Link> links, List<Clusterer.Group> groups,
                               Map<String, Exposure> exposure, LinkageResult previous, Set<String> affected) {
        Set<String> expanded = new java.util.HashSet<>(affected);
        for (Cluster c : previous.clusters()) if (c.stores().stream().anyMatch(affected::contains)) expanded.addAll(c.stores());
        for (Clusterer.Group g : groups) if (g.stores().stream().anyMatch(affected::contains)) expanded.addAll(g.stores());
        return assess(stores, links, groups, exposure, previous, expanded);
    }

    /**
     * Assesses only the stores of {@code only} (with every link of theirs in {@code links}) and the clusters of
     * {@code groups}, whose members must all be in {@code only}; {@code stores} needs those stores and their links'
     * other ends.
     */
    public Assessment assessOnly(Map<String, StoreInfo> stores, List<Link> links, List<Clusterer.Group> groups,
                                 Map<String, Exposure> exposure, Set<String> only) {
        return assess(stores, links, groups, exposure, null, only);
    }

    private Assessment assess(Map<String, StoreInfo> stores, List<Link> links, List<Clusterer.Group> groups,
                              Map<String, Exposure> exposure, LinkageResult previous, Set<String> only) {
        Map<String, List<Link>> byStore = new HashMap<>();
        for (Link l : links) {
            if (only == null || only.contains(l.a())) byStore.computeIfAbsent(l.a(), k -> new ArrayList<>()).add(l);
            if (only == null || only.contains(l.b())) byStore.computeIfAbsent(l.b(), k -> new ArrayList<>()).add(l);
        }
        Map<String, String> clusterOf = new HashMap<>();
        Map<String, Clusterer.Group> groupById = new HashMap<>();
        for (Clusterer.Group g : groups) {
            groupById.put(g.id(), g);
            g.stores().forEach(s -> clusterOf.put(s, g.id()));
        }
        Map<String, StoreRisk> risks = new LinkedHashMap<>();
        for (StoreInfo s : stores.values()) {
            if (only != null && !only.contains(s.key())) {
                if (previous != null) risks.put(s.key(), previous.storeRisk().get(s.key()));
                continue;
            }
            Findings f = new Findings();
            if (s.suspended()) f.add(1, Reason.of("suspended", "platform", s.platform()));
            boolean linkedToSuspended = false;
            for (Link l : byStore.getOrDefault(s.key(), List.of())) {
                StoreInfo other = stores.get(l.a().equals(s.key()) ? l.b() : l.a());
                boolean sameScope = samePolicyScope(s, other);
                Evidence via = l.evidence().isEmpty() ? null : l.evidence().get(0);
                String viaType = via == null ? "" : via.type().wire(), viaDisplay = via == null ? "" : via.display();
                if (l.score() >= config.likely() && sameScope) {
                    if (other.suspended()) {
                        linkedToSuspended = true;
                        f.add(l.disclosed() ? 2 : 3, Reason.of(l.disclosed() ? "chain-suspension-disclosed" : "chain-suspension",
                                "level", l.level(), "type", viaType, "display", viaDisplay, "store", other.key()));
                    } else {
                        f.add(l.disclosed() ? 1 : 2, Reason.of(l.disclosed() ? "related-accounts-disclosed" : "related-accounts",
                                "level", l.level(), "type", viaType, "display", viaDisplay, "store", other.key(), "platform", s.platform()));
                    }
                } else if (l.score() >= config.likely() && other.suspended() && s.platform().equals(other.platform())) {
                    linkedToSuspended = true;
                    f.add(2, Reason.of("linked-to-suspended", "level", l.level(), "type", viaType, "display", viaDisplay, "store", other.key()));
                }
                Evidence account = sharedReceivingAccount(l);
                if (account != null && !s.platform().equals(other.platform())) {
                    f.add(other.suspended() ? 2 : 1, Reason.of("shared-receiving-account", "type", account.type().wire(),
                            "display", account.display(), "store", other.key()));
                }
                if (l.score() < config.likely() && sameScope) {
                    f.add(0, Reason.of("weak-link", "type", viaType, "display", viaDisplay, "store", other.key()));
                }
            }
            String cluster = clusterOf.get(s.key());
            if (cluster != null && !s.suspended() && !linkedToSuspended) {
                for (String member : groupById.get(cluster).stores()) {
                    StoreInfo m = stores.get(member);
                    if (m.suspended() && samePolicyScope(s, m)) {
                        f.add(3, Reason.of("cluster-with-suspended", "cluster", cluster, "store", m.key()));
                        linkedToSuspended = true;
                    }
                }
            }
            Exposure e = exposure.getOrDefault(s.key(), new Exposure(0, 0));
            if (e.foreignSuspended() > 0) {
                f.add(Math.max(1, f.level), Reason.of("foreign-suspended", "band", io.linkscope.analysis.model.ExposurePolicy.band(e.foreignSuspended())));
            }
            risks.put(s.key(), new StoreRisk(s.key(), cluster, LEVELS.get(f.level), f.reasons(), e.foreignStores(),
                    e.foreignSuspended(), linkedToSuspended));
        }
        List<Cluster> clusters = new ArrayList<>();
        Map<String, Cluster> previousClusters = new HashMap<>();
        if (previous != null) previous.clusters().forEach(c -> previousClusters.put(c.id(), c));
        for (Clusterer.Group g : groups) {
            Cluster kept = previousClusters.get(g.id());
            if (only != null && kept != null && kept.stores().equals(g.stores()) && g.stores().stream().noneMatch(only::contains)) {
                clusters.add(kept);
                continue;
            }
            int level = 0;
            Set<Reason> reasons = new LinkedHashSet<>();
            Set<String> platforms = new TreeSet<>();
            double revenue = 0;
            boolean suspended = false;
            for (String member : g.stores()) {
                StoreRisk r = risks.get(member);
                level = Math.max(level, LEVELS.indexOf(r.risk()));
                StoreInfo info = stores.get(member);
                platforms.add(info.platform());
                revenue += info.monthlyRevenueUsd();
                suspended |= info.suspended();
            }
            for (String member : g.stores()) {
                StoreRisk r = risks.get(member);
                if (LEVELS.indexOf(r.risk()) == level) reasons.addAll(r.findings());
            }
            clusters.add(new Cluster(g.id(), g.stores(), List.copyOf(platforms), LEVELS.get(level),
                    reasons.stream().limit(8).toList(), revenue, suspended));
        }
        return new Assessment(clusters, risks);
    }

    /** Same platform, the platform forbids related accounts, and (for regional platforms) the same marketplace. */
    boolean samePolicyScope(StoreInfo a, StoreInfo b) {
        if (!a.platform().equals(b.platform()) || !config.forbidLinked().contains(a.platform())) return false;
        return config.scope(a.platform()) == LinkageConfig.Scope.PLATFORM || a.marketplace().equals(b.marketplace());
    }

    private static Evidence sharedReceivingAccount(Link l) {
        for (Evidence e : l.evidence()) {
            if (e.type().receivesFunds() && e.baseWeight() > 0) return e;
        }
        return null;
    }

    private static final class Findings {
        int level;
        private final List<Reason>[] byLevel = newLists();

        @SuppressWarnings("unchecked")
        private static List<Reason>[] newLists() {
            List<Reason>[] lists = new List[4];
            for (int i = 0; i < 4; i++) lists[i] = new ArrayList<>();
            return lists;
        }

        void add(int level, Reason reason) {
            this.level = Math.max(this.level, level);
            byLevel[level].add(reason);
        }

        List<Reason> reasons() {
            List<Reason> out = new ArrayList<>();
            for (int i = 3; i >= 0; i--) out.addAll(byLevel[i]);
            return out.stream().distinct().limit(6).toList();
        }
    }
}
