package io.linkscope.graph;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The properties of one {@code (:Store)-[:HAS]->(:Identifier)} edge, built in one place: a new property of an
 * observation is one line in {@link #properties}, and the writer, the re-import diff and the naive benchmark
 * baseline all pick it up. How a property combines with what the edge already holds is in {@link #combine}; a
 * property without a rule there is replaced by the newer value.
 */
public final class ObservationEdge {
    private ObservationEdge() {
    }

    /** The edge's properties as written; {@code current} only when true and {@code count} only above 1 (readers coalesce). */
    public static Map<String, Object> properties(WriteBatch.ObservationRow o) {
        Map<String, Object> m = new LinkedHashMap<>(8);
        putIfPresent(m, "firstSeen", o.firstSeen());
        putIfPresent(m, "lastSeen", o.lastSeen());
        if (o.current()) m.put("current", true);
        if (o.count() > 1) m.put("count", o.count());
        putIfPresent(m, "sources", o.sources());
        // legal entities and addresses: how this store wrote the value (keyed hash, masked), kept as first written
        putIfPresent(m, "notation", o.notation());
        putIfPresent(m, "notationDisplay", o.notationDisplay());
        return m;
    }

    /**
     * The edge after {@code incoming} is observed on top of {@code held}: firstSeen keeps the minimum, lastSeen the
     * maximum, current stays true once true, count keeps the maximum, sources the union (in first-seen order), the
     * notation as first written.
     */
    public static Map<String, Object> combine(Map<String, Object> held, Map<String, Object> incoming) {
        Map<String, Object> out = new LinkedHashMap<>(held);
        for (var e : incoming.entrySet()) {
            Object mine = out.get(e.getKey());
            Object theirs = e.getValue();
            if (theirs == null) continue;
            if (mine == null) {
                out.put(e.getKey(), theirs);
                continue;
            }
            out.put(e.getKey(), switch (e.getKey()) {
                case "firstSeen" -> instant(theirs).isBefore(instant(mine)) ? theirs : mine;
                case "lastSeen" -> instant(theirs).isAfter(instant(mine)) ? theirs : mine;
                case "current" -> Boolean.TRUE.equals(mine) || Boolean.TRUE.equals(theirs) ? Boolean.TRUE : mine;
                case "count" -> ((Number) theirs).longValue() > ((Number) mine).longValue() ? theirs : mine;
                case "sources" -> union((List<?>) mine, (List<?>) theirs);
                case "notation", "notationDisplay" -> mine;
                default -> theirs;
            });
        }
        return out;
    }

    /** The entries of {@code after} that differ from {@code before}: what a {@code SET h += $changes} must write. */
    public static Map<String, Object> changes(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (var e : after.entrySet()) {
            if (!same(before.get(e.getKey()), e.getValue())) out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /** Equal as the graph stores them: instants by instant, numbers by value, lists element by element. */
    static boolean same(Object a, Object b) {
        if (a == b) return true;
        if (a == null || b == null) return false;
        if (a instanceof ZonedDateTime x && b instanceof ZonedDateTime y) return x.toInstant().equals(y.toInstant());
        if (a instanceof Number x && b instanceof Number y) {
            return (x instanceof Double || y instanceof Double || x instanceof Float || y instanceof Float)
                    ? x.doubleValue() == y.doubleValue() : x.longValue() == y.longValue();
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) return false;
            for (int i = 0; i < x.size(); i++) if (!same(x.get(i), y.get(i))) return false;
            return true;
        }
        return a.equals(b);
    }

    private static java.time.Instant instant(Object v) {
        return ((ZonedDateTime) v).toInstant();
    }

    private static List<Object> union(List<?> mine, List<?> theirs) {
        LinkedHashSet<Object> all = new LinkedHashSet<>(mine);
        all.addAll(theirs);
        return all.size() == mine.size() ? new ArrayList<>(mine) : new ArrayList<>(all);
    }

    private static void putIfPresent(Map<String, Object> m, String key, Object value) {
        if (value != null) m.put(key, value);
    }
}
