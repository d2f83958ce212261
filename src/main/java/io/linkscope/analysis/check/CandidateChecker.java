package io.linkscope.analysis.check;

import io.linkscope.analysis.linkage.LinkageConfig;
import io.linkscope.analysis.linkage.LinkageEngine;
import io.linkscope.analysis.model.Cluster;
import io.linkscope.analysis.model.Evidence;
import io.linkscope.analysis.model.Link;
import io.linkscope.analysis.model.LinkageResult;
import io.linkscope.analysis.model.Reason;
import io.linkscope.analysis.model.Snapshot;
import io.linkscope.analysis.model.SnapshotDelta;
import io.linkscope.analysis.model.StoreInfo;
import io.linkscope.analysis.model.StoreRisk;
import io.linkscope.analysis.risk.Concentration;
import io.linkscope.analysis.risk.RecommendConfig;
import io.linkscope.analysis.risk.RevenueAtRisk;
import io.linkscope.normalize.IdentifierType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Would planned stores link, and to what? The candidates go through the same incremental linkage update an import of
 * them would trigger ({@link LinkageEngine#update}), against the tenant's current analysis, in memory: so the links
 * predicted are the links an import would draw, and nothing is written anywhere. Pure.
 *
 * <p>For each candidate: a verdict for its platform (blocked, linked, weak, clean) with the fact behind it, its links,
 * the cluster it would form, join or merge, the other portfolios on its identifiers (as the exposure policy lets the
 * tenant see them), the change of first-order expected loss and of HHI by dimension if it alone were opened with its
 * stated revenue (all of them together: {@link Result#expectedLossAfterUsd}), and the cheapest replacements of its
 * planned identifiers that leave it without any link.
 */
public final class CandidateChecker {
    public static final String BLOCKED = "blocked";
    public static final String LINKED = "linked";
    public static final String WEAK = "weak";
    public static final String CLEAN = "clean";

    private final LinkageEngine linkage;
    private final Concentration concentration;
    private final RevenueAtRisk risk;
    private final RecommendConfig costs;

    public CandidateChecker(LinkageEngine linkage, Concentration concentration, RevenueAtRisk risk, RecommendConfig costs) {
        this.linkage = linkage;
        this.concentration = concentration;
        this.risk = risk;
        this.costs = costs;
    }

    /** A planned store and the observations it would have once imported (merged with its own, if it exists). */
    public record Candidate(StoreInfo store, List<SnapshotDelta.DeltaUsage> usages) {
    }

    /** Give the candidate its own identifier of this type instead of the one shown (masked). */
    public record Replacement(String type, String display, double costUsd) {
    }

    /**
     * @param kind            {@code none}, {@code forms} (a new cluster), {@code joins} (one existing), {@code merges}
     * @param cluster         the cluster the candidate would be in, or null
     * @param previousClusters ids of the existing clusters it would join or merge
     */
    public record ClusterChange(String kind, Cluster cluster, List<String> previousClusters) {
    }

    public record Verdict(String store, String platform, String verdict, Reason reason, List<Link> links,
                          ClusterChange cluster, int foreignStores, int foreignSuspended, String risk, List<Reason> findings,
                          double deltaExpectedLossUsd, Map<String, Double> deltaHhi, List<Replacement> fixes,
                          double fixCostUsd, boolean fixesMakeItClean) {
    }

    /** Before and after, for the whole set of candidates opened together. */
    public record Result(List<Verdict> candidates, double expectedLossBeforeUsd, double expectedLossAfterUsd,
                         LinkageResult after, Snapshot afterSnapshot) {
    }

    /** What a tenant's current analysis gives every check: computed once per analysis. */
    public record Baseline(double expectedLossUsd, Concentration.Report concentration) {
    }

    public Baseline baseline(Snapshot s, LinkageResult current) {
        return new Baseline(risk.expectedLossFirstOrder(s, current), concentration.analyze(s, current));
    }

    /**
     * @param foreignSuspended visible suspended stores of other portfolios on the candidates' identifiers, by uid
     */
    public Result check(Snapshot s, LinkageResult current, Baseline before, List<Candidate> candidates,
                        Map<String, Integer> foreignSuspended, Instant now) {
        Outcome all = apply(s, current, candidates, foreignSuspended, now);
        double lossAfter = risk.expectedLossFirstOrder(all.snapshot, all.result);
        Concentration.Report hhiAfter = concentration.analyze(all.snapshot, all.result);
        boolean alone = candidates.size() > 1;
        Map<String, String> previousCluster = new HashMap<>();
        for (Cluster c : current.clusters()) c.stores().forEach(k -> previousCluster.put(k, c.id()));
        Set<String> keys = new HashSet<>();
        candidates.forEach(c -> keys.add(c.store().key()));
        List<Verdict> verdicts = new ArrayList<>();
        for (Candidate c : candidates) {
            String key = c.store().key();
            List<Link> links = all.links(key);
            StoreRisk r = all.result.storeRisk().get(key);
            Cluster cluster = all.result.clusters().stream().filter(x -> x.stores().contains(key)).findFirst().orElse(null);
            ClusterChange change = clusterChange(cluster, previousCluster, keys);
            List<Replacement> fixes = List.of();
            boolean clean = links.isEmpty();
            if (!links.isEmpty()) {
                Fixing f = fixes(s, current, candidates, c, foreignSuspended, now, links);
                fixes = f.replacements;
                clean = f.clean;
            }
            // the effect of opening this one store: with several candidates, each is measured on its own as well
            double loss = lossAfter;
            Concentration.Report hhi = hhiAfter;
            if (alone) {
                Outcome one = apply(s, current, List.of(c), foreignSuspended, now);
                loss = risk.expectedLossFirstOrder(one.snapshot, one.result);
                hhi = concentration.analyze(one.snapshot, one.result);
            }
            verdicts.add(new Verdict(key, c.store().platform(), verdict(c.store(), links, r, cluster, all.snapshot),
                    reason(c.store(), links, r, cluster, all.snapshot), links, change, r == null ? 0 : r.foreignStores(),
                    r == null ? 0 : r.foreignSuspended(), r == null ? "low" : r.risk(), r == null ? List.of() : r.findings(),
                    round2(loss - before.expectedLossUsd()), deltaHhi(before.concentration(), hhi), fixes,
                    round2(fixes.stream().mapToDouble(Replacement::costUsd).sum()), clean));
        }
        return new Result(verdicts, before.expectedLossUsd(), lossAfter, all.result, all.snapshot);
    }

    private record Outcome(Snapshot snapshot, LinkageResult result) {
        List<Link> links(String key) {
            List<Link> out = new ArrayList<>();
            for (Link l : result.links()) if (l.a().equals(key) || l.b().equals(key)) out.add(l);
            out.sort(Comparator.comparingDouble(Link::score).reversed());
            return out;
        }
    }

    private Outcome apply(Snapshot s, LinkageResult current, List<Candidate> candidates, Map<String, Integer> foreignSuspended,
                          Instant now) {
        List<StoreInfo> stores = new ArrayList<>();
        List<SnapshotDelta.DeltaUsage> usages = new ArrayList<>();
        for (Candidate c : candidates) {
            stores.add(c.store());
            usages.addAll(c.usages());
        }
        SnapshotDelta.Applied applied = new SnapshotDelta(stores, usages, foreignSuspended).apply(s, now);
        return new Outcome(applied.snapshot(), linkage.update(current, s, applied));
    }

    private String verdict(StoreInfo store, List<Link> links, StoreRisk r, Cluster cluster, Snapshot after) {
        if (links.isEmpty()) return CLEAN;
        LinkageConfig config = linkage.config();
        if ((r != null && r.linkedToSuspended())
                || (cluster != null && "critical".equals(cluster.risk()) && config.forbidLinked().contains(store.platform()))) {
            return BLOCKED;
        }
        for (Link l : links) if (l.samePlatform() && l.score() >= config.likely()) return LINKED;
        return WEAK;
    }

    private Reason reason(StoreInfo store, List<Link> links, StoreRisk r, Cluster cluster, Snapshot after) {
        String verdict = verdict(store, links, r, cluster, after);
        if (verdict.equals(CLEAN)) return Reason.of("check.clean", "platform", store.platform());
        Map<String, StoreInfo> byKey = new HashMap<>();
        after.stores().forEach(x -> byKey.put(x.key(), x));
        Link top = links.get(0);
        if (verdict.equals(BLOCKED)) {
            for (Link l : links) {
                StoreInfo other = byKey.get(other(l, store.key()));
                if (other != null && other.suspended() && l.score() >= linkage.config().likely()) {
                    return Reason.of("check.blocked-suspended", "store", other.key(), "level", l.level(), "type", via(l));
                }
            }
            return Reason.of("check.blocked-critical", "count", cluster.stores().size(), "platform", store.platform());
        }
        if (verdict.equals(LINKED)) {
            for (Link l : links) {
                if (l.samePlatform() && l.score() >= linkage.config().likely()) {
                    return Reason.of("check.linked", "store", other(l, store.key()), "level", l.level(), "type", via(l),
                            "platform", store.platform(), "count", links.size());
                }
            }
        }
        return Reason.of("check.weak", "store", other(top, store.key()), "level", top.level(), "type", via(top), "count", links.size());
    }

    private static String other(Link l, String key) {
        return l.a().equals(key) ? l.b() : l.a();
    }

    private static String via(Link l) {
        return l.evidence().isEmpty() ? "" : l.evidence().get(0).type().wire();
    }

    private static ClusterChange clusterChange(Cluster cluster, Map<String, String> previous, Set<String> candidates) {
        if (cluster == null) return new ClusterChange("none", null, List.of());
        Set<String> ids = new TreeSet<>();
        for (String k : cluster.stores()) if (!candidates.contains(k) && previous.containsKey(k)) ids.add(previous.get(k));
        String kind = ids.isEmpty() ? "forms" : ids.size() == 1 ? "joins" : "merges";
        return new ClusterChange(kind, cluster, List.copyOf(ids));
    }

    private static Map<String, Double> deltaHhi(Concentration.Report before, Concentration.Report after) {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("platform", round1(after.platform().hhi() - before.platform().hhi()));
        d.put("marketplace", round1(after.marketplace().hhi() - before.marketplace().hhi()));
        d.put("paymentProvider", round1(after.paymentProvider().hhi() - before.paymentProvider().hhi()));
        d.put("legalEntity", round1(after.legalEntity().hhi() - before.legalEntity().hhi()));
        d.put("cluster", round1(after.cluster().hhi() - before.cluster().hhi()));
        return d;
    }

    private record Fixing(List<Replacement> replacements, boolean clean) {
    }

    /**
     * The cheapest set of the candidate's planned identifiers to replace so that it has no link at all: a candidate
     * is not registered yet, so every replacement is on its side. Greedy on evidence weight per dollar, each step
     * checked with the engine, then pruned: a replacement the rest already make unnecessary is dropped. An IP takes its
     * range (/24, /48) with it at no extra cost.
     */
    private Fixing fixes(Snapshot s, LinkageResult current, List<Candidate> all, Candidate c, Map<String, Integer> foreignSuspended,
                         Instant now, List<Link> links) {
        Map<String, SnapshotDelta.DeltaUsage> own = new LinkedHashMap<>();
        for (SnapshotDelta.DeltaUsage u : c.usages()) own.put(u.identifier(), u);
        List<Set<String>> units = units(own);
        Set<Integer> chosen = new LinkedHashSet<>();
        List<Link> remaining = links;
        while (!remaining.isEmpty()) {
            Map<String, Double> weight = new HashMap<>();
            for (Link l : remaining) for (Evidence e : l.evidence()) weight.merge(e.identifierUid(), e.weight(), Double::sum);
            int best = -1;
            double bestValue = 0;
            for (int i = 0; i < units.size(); i++) {
                if (chosen.contains(i)) continue;
                double w = units.get(i).stream().mapToDouble(u -> weight.getOrDefault(u, 0.0)).sum();
                if (w <= 0) continue;
                double value = w / Math.max(1, cost(own, units.get(i)));
                if (value > bestValue) {
                    bestValue = value;
                    best = i;
                }
            }
            if (best < 0) break; // what links it is not among its own identifiers (it cannot happen for a new store)
            chosen.add(best);
            remaining = linksWithout(s, current, all, c, own, units, chosen, foreignSuspended, now);
        }
        boolean clean = remaining.isEmpty();
        if (clean) {
            for (Integer i : new ArrayList<>(chosen)) {
                Set<Integer> without = new LinkedHashSet<>(chosen);
                without.remove(i);
                if (linksWithout(s, current, all, c, own, units, without, foreignSuspended, now).isEmpty()) chosen.remove(i);
            }
        }
        List<Replacement> out = new ArrayList<>();
        for (int i : chosen) {
            SnapshotDelta.DeltaUsage head = own.get(units.get(i).iterator().next());
            out.add(new Replacement(head.type().wire(), head.display(), round2(cost(own, units.get(i)))));
        }
        out.sort(Comparator.comparingDouble(Replacement::costUsd).reversed());
        return new Fixing(out, clean);
    }

    private List<Link> linksWithout(Snapshot s, LinkageResult current, List<Candidate> all, Candidate c,
                                    Map<String, SnapshotDelta.DeltaUsage> own, List<Set<String>> units, Set<Integer> removed,
                                    Map<String, Integer> foreignSuspended, Instant now) {
        Set<String> gone = new HashSet<>();
        for (int i : removed) gone.addAll(units.get(i));
        List<SnapshotDelta.DeltaUsage> kept = own.values().stream().filter(u -> !gone.contains(u.identifier())).toList();
        List<Candidate> changed = new ArrayList<>();
        for (Candidate x : all) changed.add(x == c ? new Candidate(c.store(), kept) : x);
        return apply(s, current, changed, foreignSuspended, now).links(c.store().key());
    }

    /** What is replaced together: an IP with its range; every other identifier alone. */
    private static List<Set<String>> units(Map<String, SnapshotDelta.DeltaUsage> own) {
        List<Set<String>> units = new ArrayList<>();
        Map<String, String> subnetByPrefix = new HashMap<>();
        for (var u : own.values()) {
            if (u.type() == IdentifierType.IP_SUBNET) subnetByPrefix.put(prefix(u.display()), u.identifier());
        }
        Set<String> placed = new HashSet<>();
        for (var u : own.values()) {
            if (u.type() == IdentifierType.IP_SUBNET) continue;
            Set<String> unit = new LinkedHashSet<>();
            unit.add(u.identifier());
            if (u.type() == IdentifierType.IP) {
                String subnet = subnetByPrefix.get(prefix(u.display()));
                if (subnet != null) {
                    unit.add(subnet);
                    placed.add(subnet);
                }
            }
            units.add(unit);
        }
        for (var u : own.values()) {
            if (u.type() == IdentifierType.IP_SUBNET && !placed.contains(u.identifier())) units.add(Set.of(u.identifier()));
        }
        return units;
    }

    /** {@code 203.0.113.*} and {@code 203.0.113.0/24} have the prefix {@code 203.0.113}. */
    private static String prefix(String display) {
        String d = display.replaceFirst("/\\d+$", "");
        if (d.endsWith(".*")) return d.substring(0, d.length() - 2);
        if (d.endsWith(":*")) return d.substring(0, d.length() - 2);
        if (d.endsWith(".0")) return d.substring(0, d.length() - 2);
        return d.replaceFirst("::$", "");
    }

    private double cost(Map<String, SnapshotDelta.DeltaUsage> own, Set<String> unit) {
        SnapshotDelta.DeltaUsage head = own.get(unit.iterator().next());
        return costs.replacementCost(head.type());
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
