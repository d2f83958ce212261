package io.linkscope.analysis.risk;

import io.linkscope.analysis.model.IdentifierInfo;
import io.linkscope.analysis.model.Link;
import io.linkscope.analysis.model.LinkageResult;
import io.linkscope.analysis.model.Snapshot;
import io.linkscope.analysis.model.StoreInfo;
import io.linkscope.analysis.model.Usage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two ways one store's fall reaches others, as index-based adjacency: same-platform links that a platform
 * acts on (score ≥ likely), and receiving accounts (payment, bank account) shared on any platform.
 * Shared by {@link BlastRadius} and {@link RevenueAtRisk}.
 */
final class Exposure {
    final List<StoreInfo> stores;
    final Map<String, Integer> index = new HashMap<>();
    /** chain[i] = {neighbour, score×1000} pairs of same-platform links */
    final int[][] chainTo;
    final double[][] chainScore;
    /** freeze[i] = stores sharing a receiving account with i, and the account's display */
    final int[][] freezeTo;
    final String[][] freezeVia;

    Exposure(Snapshot s, LinkageResult linkage, double likely) {
        stores = s.stores();
        for (int i = 0; i < stores.size(); i++) index.put(stores.get(i).key(), i);
        List<List<int[]>> chain = lists(stores.size());
        List<List<Double>> scores = lists(stores.size());
        for (Link l : linkage.links()) {
            if (!l.samePlatform() || l.score() < likely) continue;
            int a = index.get(l.a()), b = index.get(l.b());
            chain.get(a).add(new int[]{b});
            scores.get(a).add(l.score());
            chain.get(b).add(new int[]{a});
            scores.get(b).add(l.score());
        }
        chainTo = new int[stores.size()][];
        chainScore = new double[stores.size()][];
        for (int i = 0; i < stores.size(); i++) {
            chainTo[i] = chain.get(i).stream().mapToInt(x -> x[0]).toArray();
            chainScore[i] = scores.get(i).stream().mapToDouble(Double::doubleValue).toArray();
        }
        Map<Integer, List<Integer>> holders = new LinkedHashMap<>();
        for (Usage u : s.usages()) {
            IdentifierInfo id = s.identifiers().get(u.identifier());
            if (id.type().receivesFunds() && id.cls().carriesWeight() && !id.generic()) {
                holders.computeIfAbsent(u.identifier(), k -> new ArrayList<>()).add(u.store());
            }
        }
        List<List<int[]>> freeze = lists(stores.size());
        List<List<String>> via = lists(stores.size());
        holders.forEach((identifier, owners) -> {
            if (owners.size() < 2) return;
            for (int a : owners) {
                for (int b : owners) {
                    if (a == b) continue;
                    freeze.get(a).add(new int[]{b});
                    via.get(a).add(s.identifiers().get(identifier).type().wire() + " " + s.identifiers().get(identifier).display());
                }
            }
        });
        freezeTo = new int[stores.size()][];
        freezeVia = new String[stores.size()][];
        for (int i = 0; i < stores.size(); i++) {
            freezeTo[i] = freeze.get(i).stream().mapToInt(x -> x[0]).toArray();
            freezeVia[i] = via.get(i).toArray(String[]::new);
        }
    }

    /** Revenue a store earns now: suspended and closed stores earn nothing. */
    double revenue(int i) {
        return Concentration.revenue(stores.get(i));
    }

    private static <T> List<List<T>> lists(int n) {
        List<List<T>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(new ArrayList<>());
        return out;
    }
}
