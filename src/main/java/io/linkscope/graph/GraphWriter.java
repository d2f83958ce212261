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
    private final java.util.concurrent.atomic.AtomicLong retries = new java.util.concurrent.atomic.AtomicLong();
    /** From this many observations a write logs when it starts and what each phase took. */
    private static final int LARGE = 10_000;
    private static final int MAX_ATTEMPTS = 5;
    private final ThreadLocal<String> lastSummary = new ThreadLocal<>();
    /** The batch's identifiers that existed before its write (see {@link #preexistingOfLastWrite}). */
    private final ThreadLocal<java.util.Set<String>> lastPreexisting = new ThreadLocal<>();
    private final ThreadLocal<Long> lastStatement = ThreadLocal.withInitial(System::nanoTime);

    public GraphWriter(GraphClient graph, int batchRows) {
        this.graph = graph;
        this.batchRows = batchRows;
    }

    /** Ticks after every commit of this writer. */
    public WriteClock clock() {
        return clock;
    }

    /** Transactions run again after a transient failure (deadlock, lock timeout, leader switch) since start. */
    public long retries() {
        return retries.get();
    }

    /**
     * Writes one import in one transaction. It first takes the tenant's lock, then reads what the tenant already
     * holds for the batch's stores and identifiers, and writes only what differs: absent stores, identifiers and
     * edges are created (looked up by node id, not by key), changed ones get only their changed properties, and
     * an import that changes nothing leaves the graph and the tenant's version as they were (its receipt and
     * cursor are still written). The transaction is retried as a whole on transient errors.
     */
    /**
     * Of the identifiers the last {@link #write} on this thread wrote, those that existed before it: the ones another
     * tenant may hold, so the only ones to announce for cross-portfolio exposure. Empty when nothing was written.
     */
    public java.util.Set<String> preexistingOfLastWrite() {
        java.util.Set<String> s = lastPreexisting.get();
        return s == null ? java.util.Set.of() : s;
    }

    public WriteResult write(WriteBatch batch) {
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        long started = System.nanoTime();
        if (batch.observations().size() >= LARGE) {
            LOG.info("writing tenant={} stores={} observations={} in one transaction", batch.tenant(), batch.stores().size(),
                    batch.observations().size());
        }
        lastSummary.remove();
        lastPreexisting.remove();
        WriteResult written = null;
        while (written == null) {
            try {
                written = graph.write(tx -> {
                    if (attempts.incrementAndGet() > 1) {
                        retries.incrementAndGet();
                        LOG.info("retrying the write of tenant={} (attempt {})", batch.tenant(), attempts.get());
                    }
                    return writeIn(tx, batch);
                });
            } catch (ConcurrentChangeException e) {
                // rolled back; the next attempt reads the graph again (the driver retries only its own transient errors)
                if (attempts.get() >= MAX_ATTEMPTS) throw e;
            }
        }
        String summary = lastSummary.get();
        if (summary != null) {
            LOG.info("committed tenant={} in {} ms (commit {} ms): {}", batch.tenant(), (System.nanoTime() - started) / 1_000_000,
                    (System.nanoTime() - lastStatement.get()) / 1_000_000, summary);
            lastSummary.remove();
        }
        if (attempts.get() > 1) {
            LOG.info("write of tenant={} committed after {} attempts in {} ms", batch.tenant(), attempts.get(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        clock.tick(batch.tenant());
        return written;
    }

    private WriteResult writeIn(TransactionContext tx, WriteBatch batch) {
        Phases phases = new Phases(batch.tenant());
        Counter counter = new Counter();
        String tenant = batch.tenant();
        long version = tx.run(Cypher.LOCK_TENANT, Map.of("tenant", tenant)).single().get("version").asLong();
        long next = version + 1;

        // ---- what the tenant holds already -------------------------------------------------------------
        Map<String, List<WriteBatch.ObservationRow>> byStore = new HashMap<>();
        for (var o : batch.observations()) byStore.computeIfAbsent(o.store(), k -> new ArrayList<>(16)).add(o);
        List<WriteBatch.StoreRow> stores = new ArrayList<>(batch.stores());
        stores.sort(java.util.Comparator.comparing(WriteBatch.StoreRow::uid));
        Map<String, Long> storeIds = new HashMap<>(stores.size() * 2);
        Map<String, Map<String, Object>> storeHeld = new HashMap<>();
        // observations may name a store of the tenant that the batch does not carry (its fields unchanged)
        java.util.TreeSet<String> storeUids = new java.util.TreeSet<>(byStore.keySet());
        for (var s : stores) storeUids.add(s.uid());
        readChunked(tx, Cypher.EXISTING_STORES, "uids", new ArrayList<>(storeUids), r -> {
            String uid = r.get("uid").asString();
            storeIds.put(uid, r.get("id").asLong());
            storeHeld.put(uid, r.get("p").asMap());
        });
        java.util.Set<String> inBatch = new java.util.HashSet<>(stores.size() * 2);
        for (var s : stores) inBatch.add(s.uid());
        for (String uid : byStore.keySet()) {
            if (!inBatch.contains(uid) && !storeIds.containsKey(uid)) {
                throw new MissingStoresException("an observation names a store that does not exist");
            }
        }
        List<Object> heldStoreIds = new ArrayList<>(storeIds.values());
        Map<Long, Map<Long, Held>> edgesHeld = new HashMap<>();
        readChunked(tx, Cypher.EXISTING_OBSERVATIONS, "ids", heldStoreIds, r -> edgesHeld
                .computeIfAbsent(r.get("sid").asLong(), k -> new HashMap<>())
                .put(r.get("iid").asLong(), new Held(r.get("hid").asLong(), r.get("p").asMap())));
        phases.mark("read stores and edges");

        Map<String, WriteBatch.ObservationRow> identifiers = new java.util.TreeMap<>();
        for (var o : batch.observations()) identifiers.putIfAbsent(o.identifier(), o);
        Map<String, Long> identifierIds = new HashMap<>(identifiers.size() * 2);
        readChunked(tx, Cypher.EXISTING_IDENTIFIERS, "uids", new ArrayList<>(identifiers.keySet()),
                r -> identifierIds.put(r.get("uid").asString(), r.get("id").asLong()));
        phases.mark("read identifiers");

        // ---- stores: created when absent, updated when a field changed --------------------------------------
        List<Object> newStores = new ArrayList<>();
        Map<String, Map<String, Object>> storeChanges = new java.util.LinkedHashMap<>();
        for (var s : stores) {
            Map<String, Object> p = storeProperties(s);
            Map<String, Object> held = storeHeld.get(s.uid());
            if (held == null) newStores.add(p);
            else {
                Map<String, Object> changed = ObservationEdge.changes(held, p);
                if (!changed.isEmpty()) storeChanges.put(s.uid(), changed);
            }
        }
        int storesCreated = newStores.size();
        writeChunked(tx, Cypher.CREATE_STORES, newStores, Map.of("tenant", tenant, "version", next), counter,
                r -> storeIds.put(r.get("uid").asString(), r.get("id").asLong()));
        phases.mark("create stores");

        // ---- identifiers: pre-sorted by key, merged only when absent --------------------------------------
        List<Object> newIdentifiers = new ArrayList<>();
        for (var e : identifiers.entrySet()) {
            if (!identifierIds.containsKey(e.getKey())) newIdentifiers.add(identifierProperties(e.getValue()));
        }
        int nodesBefore = counter.nodes;
        writeChunked(tx, Cypher.MERGE_NEW_IDENTIFIERS, newIdentifiers, Map.of(), counter,
                r -> identifierIds.put(r.get("uid").asString(), r.get("id").asLong()));
        int identifiersCreated = counter.nodes - nodesBefore;
        // only an identifier that existed before can be held by another tenant (one merged by a concurrent import of
        // another tenant was not created here: then every merged one counts as existing)
        java.util.Set<String> preexisting = new java.util.HashSet<>(identifiers.keySet());
        if (identifiersCreated == newIdentifiers.size()) {
            for (Object p : newIdentifiers) preexisting.remove(String.valueOf(((Map<?, ?>) p).get("uid")));
        }
        lastPreexisting.set(preexisting);
        phases.mark("merge identifiers");

        // ---- edges: one diff per store, then creates, updates (and for a PUT, deletes) --------------------
        List<Object> creates = new ArrayList<>();
        List<Object> updates = new ArrayList<>();
        List<Object> deletes = new ArrayList<>();
        java.util.Set<String> touched = new java.util.HashSet<>(storeChanges.keySet());
        for (String uid : storeUids) {
            long sid = storeIds.get(uid);
            Map<Long, Held> held = edgesHeld.getOrDefault(sid, Map.of());
            java.util.TreeMap<Long, Map<String, Object>> wanted = new java.util.TreeMap<>();
            for (var o : byStore.getOrDefault(uid, List.of())) {
                wanted.merge(identifierIds.get(o.identifier()), ObservationEdge.properties(o), ObservationEdge::combine);
            }
            boolean changed = false;
            for (var e : wanted.entrySet()) {
                Held h = held.get(e.getKey());
                if (h == null) {
                    creates.add(java.util.Arrays.asList(sid, e.getKey(), e.getValue()));
                    changed = true;
                } else {
                    Map<String, Object> delta = ObservationEdge.changes(h.properties(), ObservationEdge.combine(h.properties(), e.getValue()));
                    if (!delta.isEmpty()) {
                        updates.add(java.util.Arrays.asList(h.id(), delta));
                        changed = true;
                    }
                }
            }
            if (batch.replaceAttributes()) {
                for (var e : held.entrySet()) {
                    if (!wanted.containsKey(e.getKey())) {
                        deletes.add(e.getValue().id());
                        changed = true;
                    }
                }
            }
            if (changed) touched.add(uid);
        }
        phases.mark("diff");
        int relationshipsBefore = counter.relationships;
        writeChunked(tx, Cypher.CREATE_OBSERVATIONS, creates, Map.of(), counter, null);
        if (counter.relationships - relationshipsBefore != creates.size()) {
            // an identifier read above was deleted since (another tenant deleted its last store): never lose an edge
            throw new ConcurrentChangeException((creates.size() - counter.relationships + relationshipsBefore)
                    + " observations found their identifier gone");
        }
        phases.mark("create edges");
        writeChunked(tx, Cypher.UPDATE_OBSERVATIONS, updates, Map.of(), counter, null);
        writeChunked(tx, Cypher.DELETE_OBSERVATIONS, deletes, Map.of(), counter, null);
        List<Object> storeUpdates = new ArrayList<>();
        for (String uid : touched) {
            if (storeHeld.containsKey(uid)) {
                storeUpdates.add(java.util.Arrays.asList(storeIds.get(uid), storeChanges.getOrDefault(uid, Map.of())));
            }
        }
        writeChunked(tx, Cypher.UPDATE_STORES, storeUpdates, Map.of("version", next), counter, null);
        phases.mark("update");

        // ---- marks, cursor, version, receipt --------------------------------------------------------------
        boolean marksChanged = false;
        if (!batch.disclosures().isEmpty()) {
            List<Map<String, Object>> rows = batch.disclosures().stream().map(d -> Map.<String, Object>of(
                    "a", d.a(), "b", d.b(), "reason", d.reason() == null ? "" : d.reason())).toList();
            var result = tx.run(Cypher.MERGE_DISCLOSURES, Map.of("rows", rows));
            java.util.Set<String> found = new java.util.HashSet<>(result.list(r -> r.get("pair").asString()));
            var summary = result.consume();
            counter.add(summary);
            marksChanged |= summary.counters().containsUpdates();
            List<String> missing = batch.disclosures().stream().filter(d -> !found.contains(d.a() + "\u0000" + d.b()))
                    .map(d -> key(d.a()) + " / " + key(d.b())).toList();
            if (!missing.isEmpty()) {
                throw new MissingStoresException("disclosure names a store that does not exist: " + String.join(", ", missing));
            }
        }
        if (!batch.generics().isEmpty()) {
            int before = counter.nodes + counter.relationships;
            chunked(tx, Cypher.MERGE_GENERICS, batch.generics(), GraphWriter::genericRow, Map.of("tenant", tenant), counter);
            marksChanged |= counter.nodes + counter.relationships > before;
        }
        boolean changed = storesCreated > 0 || !touched.isEmpty() || marksChanged || identifiersCreated > 0;
        if (changed) {
            tx.run(Cypher.SET_TENANT_VERSION, Map.of("tenant", tenant, "version", next,
                    "full", marksChanged || (batch.replaceAttributes() && !touched.isEmpty()))).consume();
        }
        if (batch.cursor() != null) {
            tx.run(Cypher.SET_SOURCE_CURSOR, Map.of("id", batch.cursor().id(), "tenant", tenant,
                    "cursor", batch.cursor().value())).consume();
        }
        WriteResult result = new WriteResult(batch.stores().size(), storesCreated, batch.observations().size(),
                identifiersCreated, counter.relationships, counter.properties);
        if (batch.receipt() != null) recordReceipt(tx, tenant, batch.receipt(), result);
        phases.mark("marks and receipt");
        if (batch.observations().size() >= LARGE || LOG.isDebugEnabled()) {
            String what = String.format(java.util.Locale.ROOT, "stores=%d (created %d, changed %d) observations=%d (created %d, changed %d, deleted %d) identifiersCreated=%d: %s",
                    stores.size(), storesCreated, touched.size() - storesCreated, batch.observations().size(),
                    creates.size(), updates.size(), deletes.size(), identifiersCreated, phases);
            lastSummary.set(what);
            lastStatement.set(System.nanoTime());
        }
        return result;
    }

    /** An edge the tenant already has: its id and its properties. */
    private record Held(long id, Map<String, Object> properties) {
    }

    /** Milliseconds per phase of one write, for the log: where the time of a large import goes. */
    private static final class Phases {
        private final String tenant;
        private final StringBuilder text = new StringBuilder();
        private long last = System.nanoTime();

        Phases(String tenant) {
            this.tenant = tenant;
        }

        void mark(String phase) {
            long now = System.nanoTime();
            long ms = (now - last) / 1_000_000;
            if (!text.isEmpty()) text.append(", ");
            text.append(phase).append(' ').append(ms).append(" ms");
            last = now;
            LOG.debug("write of tenant={}: {} in {} ms (not committed yet)", tenant, phase, ms);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    private void readChunked(TransactionContext tx, String query, String param, List<?> values,
                             java.util.function.Consumer<org.neo4j.driver.Record> each) {
        for (int from = 0; from < values.size(); from += batchRows) {
            var result = tx.run(query, Map.of(param, values.subList(from, Math.min(values.size(), from + batchRows))));
            while (result.hasNext()) each.accept(result.next());
        }
    }

    private void writeChunked(TransactionContext tx, String query, List<Object> rows, Map<String, Object> extra,
                              Counter counter, java.util.function.Consumer<org.neo4j.driver.Record> each) {
        for (int from = 0; from < rows.size(); from += batchRows) {
            Map<String, Object> params = new HashMap<>(extra);
            params.put("rows", rows.subList(from, Math.min(rows.size(), from + batchRows)));
            var result = tx.run(query, params);
            if (each != null) while (result.hasNext()) each.accept(result.next());
            counter.add(result.consume());
        }
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
            tx.run(Cypher.LOCK_EXISTING_TENANT, Map.of("tenant", command.tenant())).consume();
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

    /**
     * The naive baseline of the ingest benchmark: a MERGE chain per row (tenant, store, OWNS, identifier, HAS) in
     * transactions of {@code batchRows} rows, with the same properties the writer writes.
     */
    public void writeNaive(String tenant, Map<String, WriteBatch.StoreRow> stores, List<WriteBatch.ObservationRow> rows) {
        for (int from = 0; from < rows.size(); from += batchRows) {
            List<Map<String, Object>> chunk = rows.subList(from, Math.min(rows.size(), from + batchRows)).stream()
                    .map(r -> Map.<String, Object>of("store", storeProperties(stores.get(r.store())),
                            "identifier", identifierProperties(r), "has", ObservationEdge.properties(r))).toList();
            graph.write(tx -> tx.run(Cypher.NAIVE_OBSERVATION, Map.of("tenant", tenant, "rows", chunk)).consume());
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

    /** A store's fields as written: its key fields and every field the import gives (absent ones are kept). */
    public static Map<String, Object> storeProperties(WriteBatch.StoreRow s) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(16);
        m.put("uid", s.uid());
        m.put("key", s.key());
        m.put("platform", s.platform());
        m.put("marketplace", s.marketplace());
        m.put("storeId", s.storeId());
        putIfPresent(m, "name", s.name());
        putIfPresent(m, "legalEntity", s.legalEntity());
        putIfPresent(m, "status", s.status());
        putIfPresent(m, "monthlyRevenue", s.monthlyRevenue());
        putIfPresent(m, "currency", s.currency());
        putIfPresent(m, "monthlyRevenueUsd", s.monthlyRevenueUsd());
        putIfPresent(m, "openedOn", s.openedOn());
        putIfPresent(m, "category", s.category());
        return m;
    }

    /** An identifier node's properties: global, written once when the first store observes it. */
    public static Map<String, Object> identifierProperties(WriteBatch.ObservationRow o) {
        Map<String, Object> m = new java.util.LinkedHashMap<>(8);
        m.put("uid", o.identifier());
        m.put("type", o.type());
        m.put("hash", o.hash());
        putIfPresent(m, "display", o.display());
        putIfPresent(m, "class", o.cls());
        putIfPresent(m, "provider", o.provider());
        return m;
    }

    private static void putIfPresent(Map<String, Object> m, String key, Object value) {
        if (value != null) m.put(key, value);
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

    /** Something the transaction read was changed by another one before it wrote: it is rolled back and run again. */
    static final class ConcurrentChangeException extends RuntimeException {
        ConcurrentChangeException(String message) {
            super(message);
        }
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
