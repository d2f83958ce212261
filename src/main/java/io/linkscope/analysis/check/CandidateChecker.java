package io.linkscope.analysis.check;

import io.linkscope.analysis.linkage.LinkageConfig;
import io.linkscope.analysis.linkage.LinkageEngine;
import io.linkscope.analysis.linkage.LocalUpdate;
import io.linkscope.analysis.model.Cluster;
import io.linkscope.analysis.model.Evidence;
import io.linkscope.analysis.model.IdentifierInfo;
import io.linkscope.analysis.model.Link;
import io.linkscope.analysis.model.LinkageResult;
import io.linkscope.analysis.model.Reason;
import io.linkscope.analysis.model.Snapshot;
import io.linkscope.analysis.model.SnapshotDelta;
import io.linkscope.analysis.model.StoreInfo;
import io.linkscope.analysis.model.StoreRisk;
import io.linkscope.analysis.model.Usage;
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
 * Would planned stores link, and to what? The candidates go through the incremental linkage update an import of them
 * would trigger ({@link LinkageEngine#update}), computed only where they reach ({@link LocalUpdate}), against the
 * tenant's current analysis, in memory: so the links predicted are the links an import would draw, nothing is
 * written anywhere, and a check costs in proportion to the candidate's neighbourhood. Pure.
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
    private final LocalUpdate local;

    public CandidateChecker(LinkageEngine linkage, Concentration concentration, RevenueAtRisk risk, RecommendConfig costs) {
        this.linkage = linkage;
        this.local = new LocalUpdate(linkage);
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

    /**
     * Before and after, for the whole set of candidates opened together.
     *
     * @param after       links, clusters and risk where the candidates reach (their region of the tenant)
     * @param afterStores the stores of that region and their links' other ends
     */
    public record Result(List<Verdict> candidates, double expectedLossBeforeUsd, double expectedLossAfterUsd,
                         LinkageResult after, List<StoreInfo> afterStores) {
    }

    /** What a tenant's current analysis gives every check: computed once per analysis. */
    public record Baseline(double expectedLossUsd, LocalUpdate.Base base, Concentration.Totals totals, Map<String, Double> hhi) {
    }

    public Baseline baseline(Snapshot s, LinkageResult current) {
        return baseline(new LocalUpdate.Base(s, current));
    }

    /** The baseline of an analysis already indexed for local updates. */
    public Baseline baseline(LocalUpdate.Base base) {
        Concentration.Totals totals = concentration.totals(base.snapshot(), base.result());
        return new Baseline(risk.expectedLossFirstOrder(base.snapshot(), base.result()), base, totals, totals.hhi());
    }

    /**
     * @param foreignSuspended visible suspended stores of other portfolios on the candidates' identifiers, by uid
     */
    public Result check(Baseline before, List<Candidate> candidates, Map<String, Integer> foreignSuspended, Instant now) {
        Effect all = effect(before, candidates, foreignSuspended, now);
        boolean alone = candidates.size() > 1;
        Set<String> keys = new HashSet<>();
        candidates.forEach(c -> keys.add(c.store().key()));
        List<Verdict> verdicts = new ArrayList<>();
        for (Candidate c : candidates) {
            String key = c.store().key();
            List<Link> links = sorted(all.outcome.linksOf(key));
            StoreRisk r = all.outcome.riskOf(key);
            Cluster cluster = all.outcome.clusters().stream().filter(x -> x.stores().contains(key)).findFirst().orElse(null);
            ClusterChange change = clusterChange(cluster, before.base(), keys);
            List<Replacement> fixes = List.of();
            boolean clean = links.isEmpty();
            if (!links.isEmpty()) {
                Fixing f = fixes(before.base(), candidates, c, foreignSuspended, now, links);
                fixes = f.replacements;
                clean = f.clean;
            }
            // the effect of opening this one store: with several candidates, each is measured on its own as well
            Effect one = alone ? effect(before, List.of(c), foreignSuspended, now) : all;
            verdicts.add(new Verdict(key, c.store().platform(), verdict(c.store(), links, r, cluster),
                    reason(c.store(), links, r, cluster, all.outcome), links, change, r == null ? 0 : r.foreignStores(),
                    r == null ? 0 : r.foreignSuspended(), r == null ? "low" : r.risk(), r == null ? List.of() : r.findings(),
                    round2(one.lossDelta), deltaHhi(before.hhi(), one.hhi), fixes,
                    round2(fixes.stream().mapToDouble(Replacement::costUsd).sum()), clean));
        }
        // what the answer names: the candidates' clusters (their ties are read from the links inside them)
        List<Cluster> theirs = all.outcome.clusters().stream().filter(c -> c.stores().stream().anyMatch(keys::contains)).toList();
        Set<String> members = new HashSet<>();
        theirs.forEach(c -> members.addAll(c.stores()));
        List<Link> inside = all.outcome.links().stream().filter(l -> members.contains(l.a()) && members.contains(l.b())).toList();
        List<StoreInfo> stores = members.stream().map(all.outcome::store).toList();
        return new Result(verdicts, before.expectedLossUsd(), round2(before.expectedLossUsd() + all.lossDelta),
                new LinkageResult(inside, theirs, Map.of(), List.of()), stores);
    }

    private static List<Link> sorted(List<Link> links) {
        List<Link> out = new ArrayList<>(links);
        out.sort(Comparator.comparingDouble(Link::score).reversed().thenComparing(Link::a).thenComparing(Link::b));
        return out;
    }

    /** The candidates applied where they reach, the change of first-order expected loss, and HHI after. */
    private record Effect(LocalUpdate.Outcome outcome, double lossDelta, Map<String, Double> hhi) {
    }

    private LocalUpdate.Outcome apply(LocalUpdate.Base base, List<Candidate> candidates, Map<String, Integer> foreignSuspended,
                                      Instant now) {
        return local.apply(base, delta(candidates, foreignSuspended), now);
    }

    /** The candidates as the delta an import of them would be. */
    private static SnapshotDelta delta(List<Candidate> candidates, Map<String, Integer> foreignSuspended) {
        List<StoreInfo> stores = new ArrayList<>();
        List<SnapshotDelta.DeltaUsage> usages = new ArrayList<>();
        for (Candidate c : candidates) {
            stores.add(c.store());
            usages.addAll(c.usages());
        }
        return new SnapshotDelta(stores, usages, foreignSuspended);
    }

    private Effect effect(Baseline before, List<Candidate> candidates, Map<String, Integer> foreignSuspended, Instant now) {
        LocalUpdate.Base base = before.base();
        LocalUpdate.Outcome o = apply(base, candidates, foreignSuspended, now);
        // expected loss: the sum of the changes of the terms of the stores whose own hazard, links or partners
        // changed, and of their neighbours (whose terms read those hazards)
        Set<String> moved = new LinkedHashSet<>(o.reached());
        for (String k : o.region()) {
            if (!o.reached().contains(k) && !level(o.riskOf(k)).equals(level(base.result().storeRisk().get(k)))) moved.add(k);
        }
        Map<String, List<String>> partnersBefore = LocalUpdate.receivingPartners(base, moved);
        Set<String> reach = new LinkedHashSet<>(moved);
        for (String k : moved) {
            for (Link l : base.linksOf(k)) reach.add(other(l, k));
            for (Link l : o.linksOf(k)) reach.add(other(l, k));
            reach.addAll(partnersBefore.getOrDefault(k, List.of()));
            if (o.reached().contains(k)) reach.addAll(o.receivingPartnersOf(k));
        }
        Map<String, List<String>> partnersOutside = LocalUpdate.receivingPartners(base, reach);
        double delta = 0;
        for (String k : reach) {
            Integer i = base.store(k);
            List<String> before0 = partnersOutside.getOrDefault(k, List.of());
            if (i != null) {
                delta -= risk.firstOrderTerm(base.snapshot().stores().get(i), level(base.result().storeRisk().get(k)),
                        base.linksOf(k), before0, x -> base.snapshot().stores().get(base.store(x)),
                        x -> level(base.result().storeRisk().get(x)));
            }
            delta += risk.firstOrderTerm(o.store(k), level(o.riskOf(k)), o.linksOf(k),
                    o.reached().contains(k) ? o.receivingPartnersOf(k) : before0, o::store, x -> level(o.riskOf(x)));
        }
        // concentration: the changed stores' revenue, and the region's stores moved between clusters
        Concentration.Totals t = before.totals().copy();
        Map<String, String> clusterAfter = new HashMap<>();
        for (Cluster c : o.clusters()) for (String k : c.stores()) clusterAfter.put(k, c.id());
        Map<String, List<String>> providersAfter = new HashMap<>();
        for (Candidate c : candidates) providersAfter.put(c.store().key(), providers(c.usages()));
        for (String k : o.region()) {
            Integer i = base.store(k);
            String was = base.clusterOf(k), now0 = clusterAfter.getOrDefault(k, "store:" + k);
            if (was == null) was = "store:" + k;
            if (o.changed().contains(k)) {
                if (i != null) {
                    Concentration.add(t, base.snapshot().stores().get(i), providersBefore(base, i), was, -1);
                }
                Concentration.add(t, o.store(k), providersAfter.getOrDefault(k, List.of()), now0, 1);
            } else if (!was.equals(now0)) {
                Concentration.addToCluster(t, o.store(k), was, -1);
                Concentration.addToCluster(t, o.store(k), now0, 1);
            }
        }
        return new Effect(o, delta, t.hhi());
    }

    private static String level(StoreRisk r) {
        return r == null ? "low" : r.risk();
    }

    private static List<String> providers(List<SnapshotDelta.DeltaUsage> usages) {
        List<String> out = new ArrayList<>();
        for (SnapshotDelta.DeltaUsage u : usages) {
            if (u.type() == IdentifierType.PAYMENT && u.provider() != null && !out.contains(u.provider())) out.add(u.provider());
        }
        return out;
    }

    private static List<String> providersBefore(LocalUpdate.Base base, int store) {
        List<String> out = new ArrayList<>();
        for (Usage u : base.usagesOf(store)) {
            IdentifierInfo id = base.snapshot().identifiers().get(u.identifier());
            if (id.type() == IdentifierType.PAYMENT && id.provider() != null && !out.contains(id.provider())) out.add(id.provider());
        }
        return out;
    }

    private String verdict(StoreInfo store, List<Link> links, StoreRisk r, Cluster cluster) {
        if (links.isEmpty()) return CLEAN;
        LinkageConfig config = linkage.config();
        if ((r != null && r.linkedToSuspended())
                || (cluster != null && "critical".equals(cluster.risk()) && config.forbidLinked().contains(store.platform()))) {
            return BLOCKED;
        }
        for (Link l : links) if (l.samePlatform() && l.score() >= config.likely()) return LINKED;
        return WEAK;
    }

    private Reason reason(StoreInfo store, List<Link> links, StoreRisk r, Cluster cluster, LocalUpdate.Outcome after) {
        String verdict = verdict(store, links, r, cluster);
        if (verdict.equals(CLEAN)) return Reason.of("check.clean", "platform", store.platform());
        Link top = links.get(0);
        if (verdict.equals(BLOCKED)) {
            for (Link l : links) {
                StoreInfo other = after.store(other(l, store.key()));
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

    private static ClusterChange clusterChange(Cluster cluster, LocalUpdate.Base base, Set<String> candidates) {
        if (cluster == null) return new ClusterChange("none", null, List.of());
        Set<String> ids = new TreeSet<>();
        for (String k : cluster.stores()) if (!candidates.contains(k) && base.clusterOf(k) != null) ids.add(base.clusterOf(k));
        String kind = ids.isEmpty() ? "forms" : ids.size() == 1 ? "joins" : "merges";
        return new ClusterChange(kind, cluster, List.copyOf(ids));
    }

    private static Map<String, Double> deltaHhi(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> d = new LinkedHashMap<>();
        before.forEach((k, v) -> d.put(k, round1(after.get(k) - v)));
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
    private Fixing fixes(LocalUpdate.Base base, List<Candidate> all, Candidate c, Map<String, Integer> foreignSuspended,
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
            remaining = linksWithout(base, all, c, own, units, chosen, foreignSuspended, now);
        }
        boolean clean = remaining.isEmpty();
        if (clean) {
            for (Integer i : new ArrayList<>(chosen)) {
                Set<Integer> without = new LinkedHashSet<>(chosen);
                without.remove(i);
                if (linksWithout(base, all, c, own, units, without, foreignSuspended, now).isEmpty()) chosen.remove(i);
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

    private List<Link> linksWithout(LocalUpdate.Base base, List<Candidate> all, Candidate c,
                                    Map<String, SnapshotDelta.DeltaUsage> own, List<Set<String>> units, Set<Integer> removed,
                                    Map<String, Integer> foreignSuspended, Instant now) {
        Set<String> gone = new HashSet<>();
        for (int i : removed) gone.addAll(units.get(i));
        List<SnapshotDelta.DeltaUsage> kept = own.values().stream().filter(u -> !gone.contains(u.identifier())).toList();
        List<Candidate> changed = new ArrayList<>();
        for (Candidate x : all) changed.add(x == c ? new Candidate(c.store(), kept) : x);
        return local.linksOf(base, delta(changed, foreignSuspended), now, c.store().key());
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
