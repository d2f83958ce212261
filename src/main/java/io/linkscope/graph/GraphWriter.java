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

    /** Runs a store command in one transaction; see {@link StoreCommand}. */
    public StoreCommand.Result apply(StoreCommand command) {
        String uid = GraphReader.uid(command.tenant(), command.storeKey());
        StoreCommand.Result result = graph.write(tx -> {
            var found = tx.run(Cypher.STORE_IDENTIFIERS, Map.of("uid", uid)).list();
            if (found.isEmpty()) return StoreCommand.Result.notFound();
            java.util.Set<String> identifiers = new java.util.HashSet<>(found.get(0).get("identifiers").asList(v -> v.asString()));
            String current = found.get(0).get("status").asString(null);
            StoreCommand.Result done = switch (command) {
                case StoreCommand.Delete d -> {
                    tx.run(Cypher.DELETE_STORE, Map.of("uid", uid)).consume();
                    yield new StoreCommand.Result(true, current, null, identifiers);
                }
                case StoreCommand.RecordStatus r -> {
                    var latest = tx.run(Cypher.LATEST_STATUS_AT, Map.of("uid", uid)).single().get("latest");
                    boolean isLatest = latest.isNull() || !latest.asZonedDateTime().toInstant().isAfter(r.at());
                    Map<String, Object> params = new HashMap<>();
                    params.put("uid", uid);
                    params.put("eventUid", uid + "|" + r.at() + "|" + r.status());
                    params.put("status", r.status());
                    params.put("at", r.at().atZone(java.time.ZoneOffset.UTC));
                    params.put("latest", isLatest);
                    params.put("note", r.note());
                    var row = tx.run(Cypher.RECORD_STATUS, params).single();
                    yield new StoreCommand.Result(true, row.get("previous").asString(null), row.get("status").asString(), identifiers);
                }
            };
            tx.run(Cypher.BUMP_TENANT, Map.of("tenant", command.tenant())).consume();
            return done;
        });
        if (result.found()) clock.tick(command.tenant());
        return result;
    }

    // ---- API keys: only hashes reach the graph -------------------------------------------------------------

    public void createKey(String id, String hash, String prefix, String role, List<String> tenants, String label) {
        graph.write(tx -> tx.run(Cypher.CREATE_KEY, Map.of("id", id, "hash", hash, "prefix", prefix, "role", role,
                "tenants", tenants, "label", label == null ? "" : label)).consume());
    }

    public boolean revokeKey(String id) {
        return graph.write(tx -> tx.run(Cypher.DELETE_KEY, Map.of("id", id)).single().get("deleted").asLong()) > 0;
    }

    public void revokeKeysLabelled(String label) {
        graph.write(tx -> tx.run(Cypher.DELETE_KEYS_BY_LABEL, Map.of("label", label)).consume());
    }

    /** Adds or removes a tenant of a key; false when there is no such key. */
    public boolean assignTenant(String id, String tenant, boolean add) {
        return graph.write(tx -> tx.run(add ? Cypher.ASSIGN_TENANT : Cypher.UNASSIGN_TENANT, Map.of("id", id, "tenant", tenant))
                .stream().findFirst().isPresent());
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
                o.sources(), o.notation(), o.notationDisplay());
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
