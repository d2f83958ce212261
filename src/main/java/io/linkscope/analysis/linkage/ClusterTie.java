package io.linkscope.analysis.linkage;

import io.linkscope.analysis.model.Cluster;
import io.linkscope.analysis.model.Evidence;
import io.linkscope.analysis.model.Link;
import io.linkscope.analysis.model.LinkageResult;
import io.linkscope.analysis.model.StoreInfo;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What holds a cluster together, so people can name it by that instead of its id: its legal entity when one links
 * some of its stores (a group knows its companies by name), otherwise the identifier that links the most pairs of
 * its stores (at least weak evidence on its own; the heavier one on a tie), and the platform most of its stores are
 * on. {@code Acme Home Goods LLC · amazon ×7} says at a glance what {@code c-7535e2f00c} does not.
 *
 * @param type           identifier type of the tie (wire name), null when no single identifier is evidence
 * @param display        its masked display
 * @param pairs          linked pairs of the cluster that share it
 * @param platform       the platform most of the cluster's stores are on (alphabetical first on a tie)
 * @param platformStores how many of its stores are on it
 * @param platforms      every platform of the cluster, alphabetical
 */
public record ClusterTie(String type, String display, int pairs, String platform, int platformStores, List<String> platforms) {

    /** The tie of every cluster, by cluster id. */
    public static Map<String, ClusterTie> of(LinkageResult linkage, List<StoreInfo> stores, double minWeight) {
        Map<String, String> clusterOf = new HashMap<>();
        for (Cluster c : linkage.clusters()) for (String s : c.stores()) clusterOf.put(s, c.id());
        record Value(String type, String display) {
        }
        Map<String, Map<Value, int[]>> counts = new HashMap<>();
        Map<Value, Double> weight = new HashMap<>();
        for (Link l : linkage.links()) {
            String cluster = clusterOf.get(l.a());
            if (cluster == null || !cluster.equals(clusterOf.get(l.b()))) continue;
            for (Evidence e : l.evidence()) {
                if (e.weight() < minWeight) continue;
                Value v = new Value(e.type().wire(), e.display());
                counts.computeIfAbsent(cluster, k -> new HashMap<>()).computeIfAbsent(v, k -> new int[1])[0]++;
                weight.merge(v, e.baseWeight(), Math::max);
            }
        }
        Map<String, StoreInfo> byKey = new HashMap<>();
        for (StoreInfo s : stores) byKey.put(s.key(), s);
        Map<String, ClusterTie> out = new LinkedHashMap<>();
        for (Cluster c : linkage.clusters()) {
            Map<String, Integer> platforms = new TreeMap<>();
            for (String s : c.stores()) {
                StoreInfo info = byKey.get(s);
                if (info != null) platforms.merge(info.platform(), 1, Integer::sum);
            }
            Map.Entry<String, Integer> main = platforms.entrySet().stream()
                    .max(Comparator.comparingInt(Map.Entry<String, Integer>::getValue).thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                    .orElse(Map.entry("", 0));
            Map.Entry<Value, int[]> top = counts.getOrDefault(c.id(), Map.of()).entrySet().stream()
                    .max(Comparator.<Map.Entry<Value, int[]>>comparingInt(e -> e.getKey().type().equals("legal_entity") ? 1 : 0)
                            .thenComparingInt(e -> e.getValue()[0])
                            .thenComparingDouble(e -> weight.get(e.getKey()))
                            .thenComparing(e -> e.getKey().type() + " " + e.getKey().display(), Comparator.reverseOrder()))
                    .orElse(null);
            out.put(c.id(), top == null
                    ? new ClusterTie(null, null, 0, main.getKey(), main.getValue(), List.copyOf(platforms.keySet()))
                    : new ClusterTie(top.getKey().type(), top.getKey().display(), top.getValue()[0], main.getKey(), main.getValue(),
                    List.copyOf(platforms.keySet())));
        }
        return out;
    }
}
