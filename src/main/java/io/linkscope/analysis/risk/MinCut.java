package io.linkscope.analysis.risk;

import io.linkscope.analysis.model.IdentifierInfo;
import io.linkscope.analysis.model.Snapshot;
import io.linkscope.analysis.model.Usage;
import org.jgrapht.alg.flow.EdmondsKarpMFImpl;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleDirectedWeightedGraph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The cheapest set of identifier replacements that leaves no path between two sets of stores in the
 * store–identifier graph: a minimum s–t cut (JGraphT's Edmonds–Karp). Every use of a shared identifier by a store
 * is an edge whose capacity is the cost of giving that store a new identifier of the type, so a cut edge is one
 * store replacing one identifier and the cut's value is what the plan costs. The stores that must keep their
 * identifiers (a suspended store's are on the platform's record) have unbounded edges, as have the edges from a
 * super source to them and from the stores to separate to a super sink. Identifiers held by one store cannot link
 * anything and are left out.
 */
final class MinCut {
    private static final double UNBOUNDED = 1e15;

    /**
     * @param identifiers identifiers to replace, costliest first
     * @param changing    for each, the stores that take a new one instead
     * @param costUsd     sum of the replacement costs
     */
    record Result(List<Integer> identifiers, Map<Integer, Set<Integer>> changing, double costUsd) {
        String key() {
            return changing.toString();
        }

        boolean empty() {
            return identifiers.isEmpty();
        }
    }

    private MinCut() {
    }

    /**
     * @param keep    stores that keep every identifier (source side)
     * @param change  stores to separate from them (sink side)
     * @param links   which identifiers link stores (the others are left out of the graph)
     * @param costUsd replacement cost of an identifier, per store that takes a new one
     */
    static Result between(Snapshot s, Set<Integer> keep, Set<Integer> change, Predicate<IdentifierInfo> links,
                          ToDoubleFunction<IdentifierInfo> costUsd) {
        Map<Integer, List<Integer>> holders = new LinkedHashMap<>();
        for (Usage u : s.usages()) {
            if (links.test(s.identifiers().get(u.identifier()))) {
                List<Integer> stores = holders.computeIfAbsent(u.identifier(), k -> new ArrayList<>());
                if (!stores.contains(u.store())) stores.add(u.store());
            }
        }
        holders.values().removeIf(stores -> stores.size() < 2);
        int nStores = s.stores().size();
        int source = nStores + s.identifiers().size(), sink = source + 1;
        SimpleDirectedWeightedGraph<Integer, DefaultWeightedEdge> g = new SimpleDirectedWeightedGraph<>(DefaultWeightedEdge.class);
        g.addVertex(source);
        g.addVertex(sink);
        Map<Integer, Double> cost = new HashMap<>();
        holders.forEach((id, stores) -> {
            double c = costUsd.applyAsDouble(s.identifiers().get(id));
            cost.put(id, c);
            for (int st : stores) {
                double capacity = keep.contains(st) ? UNBOUNDED : c;
                edge(g, st, nStores + id, capacity);
                edge(g, nStores + id, st, capacity);
            }
        });
        for (int k : keep) edge(g, source, k, UNBOUNDED);
        for (int c : change) edge(g, c, sink, UNBOUNDED);
        EdmondsKarpMFImpl<Integer, DefaultWeightedEdge> flow = new EdmondsKarpMFImpl<>(g);
        double value = flow.calculateMinCut(source, sink);
        if (value >= UNBOUNDED) throw new IllegalArgumentException("a store to keep and a store to separate are the same");
        Set<Integer> keptSide = flow.getSourcePartition();
        Map<Integer, Set<Integer>> changing = new HashMap<>();
        double total = 0;
        for (var e : holders.entrySet()) {
            boolean idKept = keptSide.contains(nStores + e.getKey());
            for (int st : e.getValue()) {
                if (keptSide.contains(st) == idKept) continue;
                changing.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(st);
                total += cost.get(e.getKey());
            }
        }
        List<Integer> cut = new ArrayList<>(changing.keySet());
        cut.sort(Comparator.comparingDouble((Integer i) -> -cost.get(i)).thenComparingInt(i -> i));
        Map<Integer, Set<Integer>> ordered = new LinkedHashMap<>();
        for (int id : cut) ordered.put(id, changing.get(id));
        return new Result(List.copyOf(cut), ordered, total);
    }

    private static void edge(SimpleDirectedWeightedGraph<Integer, DefaultWeightedEdge> g, int from, int to, double capacity) {
        g.addVertex(from);
        g.addVertex(to);
        DefaultWeightedEdge e = g.addEdge(from, to);
        if (e != null) g.setEdgeWeight(e, capacity);
    }
}
