package io.linkscope.graph;

import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.summary.ResultSummary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Owns every import write. One {@link WriteBatch} is one managed transaction, so a batch is either
 * wholly in the graph or not at all; inside it, rows go out as {@code UNWIND} statements of
 * {@code batchRows} rows. Blocking: call it from a worker ({@link GraphWriterVerticle}).
 */
public final class GraphWriter {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GraphWriter.class);
    private final GraphClient graph;
    private final int batchRows;
    private final WriteClock clock = new WriteClock();

    public GraphWriter(GraphClient graph, int batchRows) {
        this.graph = graph;
        this.batchRows = batchRows;
    }

    /** Ticks after every commit of this writer. */
    public WriteClock clock() {
        return clock;
    }

    public WriteResult write(WriteBatch batch) {
        WriteResult written = graph.write(tx -> {
            Counter counter = new Counter();
            Map<String, Object> tenant = Map.of("tenant", batch.tenant());
            tx.run(Cypher.MERGE_TENANT, tenant).consume();
            chunked(tx, Cypher.MERGE_STORES, batch.stores(), GraphWriter::storeRow, tenant, counter);
            int storesCreated = counter.nodes;
            chunked(tx, Cypher.MERGE_IDENTIFIERS, distinctIdentifiers(batch.observations()),
                    GraphWriter::identifierRow, Map.of(), counter);
            int identifiersCreated = counter.nodes - storesCreated;
            if (batch.replaceAttributes()) {
                chunked(tx, Cypher.PRUNE_OBSERVATIONS, keepLists(batch), r -> r, Map.of(), counter);
            }
            chunked(tx, Cypher.MERGE_OBSERVATIONS, batch.observations(), GraphWriter::observationRow, Map.of(), counter);
            if (!batch.disclosures().isEmpty()) {
                List<Map<String, Object>> rows = batch.disclosures().stream().map(d -> Map.<String, Object>of(
                        "a", d.a(), "b", d.b(), "reason", d.reason() == null ? "" : d.reason())).toList();
                var result = tx.run(Cypher.MERGE_DISCLOSURES, Map.of("rows", rows));
                java.util.Set<String> found = new java.util.HashSet<>(result.list(r -> r.get("pair").asString()));
                counter.add(result.consume());
                List<String> missing = batch.disclosures().stream().filter(d -> !found.contains(d.a() + "\u0000" + d.b()))
                        .map(d -> key(d.a()) + " / " + key(d.b())).toList();
                if (!missing.isEmpty()) {
                    throw new MissingStoresException("disclosure names a store that does not exist: " + String.join(", ", missing));
                }
            }
            chunked(tx, Cypher.MERGE_GENERICS, batch.generics(), GraphWriter::genericRow, tenant, counter);
            if (!batch.generics().isEmpty() || !batch.disclosures().isEmpty() || batch.replaceAttributes()) {
                tx.run(Cypher.MARK_FULL_RECOMPUTE, tenant).consume();
            }
            if (batch.cursor() != null) {
                tx.run(Cypher.SET_SOURCE_CURSOR, Map.of("id", batch.cursor().id(), "tenant", batch.tenant(),
                        "cursor", batch.cursor().value())).consume();
            }
            WriteResult result = new WriteResult(batch.stores().size(), storesCreated, batch.observations().size(),
                    identifiersCreated, counter.relationships, counter.properties);
            if (batch.receipt() != null) recordReceipt(tx, batch.tenant(), batch.receipt(), result);
            return result;
        });
        clock.tick(batch.tenant());
        return written;
    }

    private static void recordReceipt(TransactionContext tx, String tenant, WriteBatch.Receipt receipt, WriteResult r) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", receipt.importId());
        p.put("tenant", tenant);
        p.put("key", receipt.idempotencyKey());
        p.put("bodyHash", receipt.bodyHash());
        p.put("validation", receipt.validation());
        p.put("result", java.util.Arrays.asList(r.stores(), r.storesCreated(), r.observations(), r.identifiersCreated(),
                r.relationshipsCreated(), r.propertiesSet()));
        tx.run(Cypher.RECORD_IMPORT, p).consume();
        tx.run(Cypher.PRUNE_IMPORTS, Map.of("tenant", tenant)).consume();
    }

    /** Deletes one store (spec §4 DELETE …/stores/{key}); false when the tenant has no such store. */
    public boolean deleteStore(String tenant, String key) {
        String uid = GraphReader.uid(tenant, key);
        return graph.<Boolean>write(tx -> {
            if (tx.run(Cypher.STORE_EXISTS, Map.of("uid", uid)).single().get("n").asLong() == 0) return false;
            tx.run(Cypher.DELETE_STORE, Map.of("uid", uid)).consume();
            tx.run(Cypher.BUMP_TENANT, Map.of("tenant", tenant)).consume();
            return true;
        }) && tick(tenant);
    }

    public record StatusChange(String previous, String status) {
    }

    /**
     * Records a status event (for example suspended on a date). The store's current status follows the latest
     * event, so recording an older event only adds history. Recording the same event twice is a no-op.
     */
    public java.util.Optional<StatusChange> recordStatus(String tenant, String key, String status, java.time.Instant at, String note) {
        String uid = GraphReader.uid(tenant, key);
        return graph.write(tx -> {
            if (tx.run(Cypher.STORE_EXISTS, Map.of("uid", uid)).single().get("n").asLong() == 0) {
                return java.util.Optional.<StatusChange>empty();
            }
            var latest = tx.run(Cypher.LATEST_STATUS_AT, Map.of("uid", uid)).single().get("latest");
            java.time.ZonedDateTime when = at.atZone(java.time.ZoneOffset.UTC);
            boolean isLatest = latest.isNull() || !latest.asZonedDateTime().toInstant().isAfter(at);
            Map<String, Object> params = new java.util.HashMap<>();
            params.put("uid", uid);
            params.put("eventUid", uid + "|" + at + "|" + status);
            params.put("status", status);
            params.put("at", when);
            params.put("latest", isLatest);
            params.put("note", note);
            var r = tx.run(Cypher.RECORD_STATUS, params).single();
            tx.run(Cypher.BUMP_TENANT, Map.of("tenant", tenant)).consume();
            return java.util.Optional.of(new StatusChange(r.get("previous").asString(null), r.get("status").asString()));
        }).filter(c -> tick(tenant));
    }

    private boolean tick(String tenant) {
        clock.tick(tenant);
        return true;
    }

    /** The naive baseline of the ingest benchmark: three MERGEs per row, no pre-merged identifiers. */
    public void writeNaive(List<WriteBatch.ObservationRow> rows) {
        for (int from = 0; from < rows.size(); from += batchRows) {
            List<Map<String, Object>> chunk = rows.subList(from, Math.min(rows.size(), from + batchRows)).stream()
                    .map(r -> Map.<String, Object>of("store", r.store(), "identifier", r.identifier())).toList();
            graph.write(tx -> tx.run(Cypher.NAIVE_OBSERVATION, Map.of("rows", chunk)).consume());
        }
    }

    private <T> void chunked(TransactionContext tx, String query, List<T> rows, Function<T, ?> toMap,
                             Map<String, Object> extra, Counter counter) {
        for (int from = 0; from < rows.size(); from += batchRows) {
            List<Object> chunk = new ArrayList<>(Math.min(batchRows, rows.size() - from));
            for (T row : rows.subList(from, Math.min(rows.size(), from + batchRows))) chunk.add(toMap.apply(row));
            Map<String, Object> params = new HashMap<>(extra);
            params.put("rows", chunk);
            long started = System.nanoTime();
            counter.add(tx.run(query, params).consume());
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} rows in {} ms: {}", chunk.size(), (System.nanoTime() - started) / 1_000_000,
                        query.strip().lines().skip(1).findFirst().orElse(query).strip());
            }
        }
    }

    private static List<WriteBatch.ObservationRow> distinctIdentifiers(List<WriteBatch.ObservationRow> rows) {
        Map<String, WriteBatch.ObservationRow> byUid = new java.util.LinkedHashMap<>();
        for (var r : rows) byUid.putIfAbsent(r.identifier(), r);
        return new ArrayList<>(byUid.values());
    }

    private static List<Map<String, Object>> keepLists(WriteBatch batch) {
        Map<String, List<String>> keep = new java.util.LinkedHashMap<>();
        batch.stores().forEach(s -> keep.put(s.uid(), new ArrayList<>()));
        batch.observations().forEach(o -> keep.computeIfAbsent(o.store(), k -> new ArrayList<>()).add(o.identifier()));
        List<Map<String, Object>> rows = new ArrayList<>();
        keep.forEach((store, ids) -> rows.add(Map.of("store", store, "keep", ids)));
        return rows;
    }

    private static Map<String, Object> storeRow(WriteBatch.StoreRow s) {
        Map<String, Object> m = new HashMap<>();
        m.put("uid", s.uid());
        m.put("key", s.key());
        m.put("platform", s.platform());
        m.put("marketplace", s.marketplace());
        m.put("storeId", s.storeId());
        m.put("name", s.name());
        m.put("legalEntity", s.legalEntity());
        m.put("status", s.status());
        m.put("monthlyRevenue", s.monthlyRevenue());
        m.put("currency", s.currency());
        m.put("monthlyRevenueUsd", s.monthlyRevenueUsd());
        m.put("openedOn", s.openedOn());
        m.put("category", s.category());
        return m;
    }

    private static Map<String, Object> identifierRow(WriteBatch.ObservationRow o) {
        Map<String, Object> m = new HashMap<>();
        m.put("identifier", o.identifier());
        m.put("type", o.type());
        m.put("hash", o.hash());
        m.put("display", o.display());
        m.put("cls", o.cls());
        m.put("provider", o.provider());
        return m;
    }

    private static List<Object> observationRow(WriteBatch.ObservationRow o) {
        return java.util.Arrays.asList(o.store(), o.identifier(), o.firstSeen(), o.lastSeen(), o.current(), o.count(),
                o.sources());
    }

    private static Map<String, Object> genericRow(WriteBatch.GenericRow g) {
        Map<String, Object> m = new HashMap<>();
        m.put("identifier", g.identifier());
        m.put("type", g.type());
        m.put("hash", g.hash());
        m.put("display", g.display());
        m.put("cls", g.cls());
        m.put("reason", g.reason() == null ? "" : g.reason());
        return m;
    }

    private static String key(String uid) {
        return uid.substring(uid.indexOf('|') + 1);
    }

    /** A write refers to stores that are not in the graph; the whole transaction is rolled back. */
    public static final class MissingStoresException extends RuntimeException {
        public MissingStoresException(String message) {
            super(message);
        }
    }

    private static final class Counter {
        int nodes;
        int relationships;
        int properties;

        void add(ResultSummary summary) {
            var c = summary.counters();
            nodes += c.nodesCreated();
            relationships += c.relationshipsCreated();
            properties += c.propertiesSet();
        }
    }
}
