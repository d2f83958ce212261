package io.linkscope.analysis.linkage;

import io.linkscope.analysis.model.Link;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Union-find over links at or above the cluster threshold. A cluster has at least two stores.
 *
 * <p>IDs are stable: a cluster keeps the ID most of its stores had last time (the largest cluster wins a
 * contested ID); a cluster with no previous ID is named after its smallest store key, so adding a store to
 * one cluster never renumbers another.
 */
public final class Clusterer {

    public record Group(String id, List<String> stores) {
    }

    /**
     * @param stores     every store key of the tenant
     * @param previousId the ID each store had in the last analysis (absent or null: none)
     */
    public List<Group> cluster(List<String> stores, Map<String, String> previousId, List<Link> links, double threshold) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < stores.size(); i++) index.put(stores.get(i), i);
        int[] parent = new int[stores.size()];
        for (int i = 0; i < parent.length; i++) parent[i] = i;
        for (Link l : links) {
            if (l.score() < threshold) continue;
            union(parent, index.get(l.a()), index.get(l.b()));
        }
        // materialize only components of two or more stores: most stores are singletons
        int[] size = new int[stores.size()];
        for (int i = 0; i < stores.size(); i++) size[find(parent, i)]++;
        Map<Integer, List<String>> byRoot = new HashMap<>();
        for (int i = 0; i < stores.size(); i++) {
            int root = find(parent, i);
            if (size[root] > 1) byRoot.computeIfAbsent(root, r -> new ArrayList<>(size[r])).add(stores.get(i));
        }
        List<List<String>> groups = new ArrayList<>(byRoot.size());
        for (List<String> g : byRoot.values()) {
            g.sort(Comparator.naturalOrder());
            groups.add(g);
        }
        groups.sort(Comparator.<List<String>>comparingInt(List::size).reversed().thenComparing(g -> g.get(0)));
        Set<String> claimed = new HashSet<>();
        List<Group> out = new ArrayList<>(groups.size());
        for (List<String> g : groups) {
            String id = inherited(g, previousId, claimed);
            if (id == null || !claimed.add(id)) {
                id = fresh(g.get(0), claimed);
                claimed.add(id);
            }
            out.add(new Group(id, List.copyOf(g)));
        }
        out.sort(Comparator.comparing(Group::id));
        return out;
    }

    private static String inherited(List<String> group, Map<String, String> previousId, Set<String> claimed) {
        Map<String, Integer> votes = new TreeMap<>();
        for (String s : group) {
            String id = previousId.get(s);
            if (id != null && !claimed.contains(id)) votes.merge(id, 1, Integer::sum);
        }
        return votes.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).map(Map.Entry::getKey).orElse(null);
    }

    private static String fresh(String smallestKey, Set<String> claimed) {
        String seed = smallestKey;
        while (true) {
            String id = "c-" + sha256(seed).substring(0, 10);
            if (!claimed.contains(id)) return id;
            seed = seed + "'";
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a), rb = find(parent, b);
        if (ra != rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
}
