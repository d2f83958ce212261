package io.linkscope.graph;

import io.linkscope.analysis.model.Disclosure;
import io.linkscope.analysis.model.ExposurePolicy;
import io.linkscope.analysis.model.IdentifierInfo;
import io.linkscope.analysis.model.Snapshot;
import io.linkscope.analysis.model.SnapshotDelta;
import io.linkscope.analysis.model.StoreInfo;
import io.linkscope.analysis.model.Usage;
import io.linkscope.normalize.IdentifierClass;
import io.linkscope.normalize.IdentifierType;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tenant-scoped reads. Records are mapped to domain records inside the transaction, so driver types never
 * escape the graph package. Blocking: call from a worker or {@code executeBlocking}.
 */
public final class GraphReader {
    private final GraphClient graph;
    private final ExposurePolicy exposure;

    public GraphReader(GraphClient graph, ExposurePolicy exposure) {
        this.graph = graph;
        this.exposure = exposure;
    }

    /** A store as the API shows it. */
    public record StoreView(String key, String platform, String marketplace, String storeId, String name,
                            String legalEntity, String status, Double monthlyRevenue, String currency,
                            Double monthlyRevenueUsd, String openedOn, String clusterId, String category) {
    }

    public record AttributeView(String type, String display, String cls, String provider, String firstSeen,
                                String lastSeen, boolean current, long count, List<String> sources, boolean generic) {
    }

    public record StatusEventView(String from, String to, String at, String note) {
    }

    public List<StoreView> stores(String tenant) {
        return graph.read(tx -> tx.run(Cypher.LIST_STORES, Map.of("tenant", tenant)).list(GraphReader::storeView));
    }

    public Optional<StoreView> store(String tenant, String key) {
        return graph.read(tx -> tx.run(Cypher.GET_STORE, Map.of("uid", uid(tenant, key))).stream()
                .findFirst().map(GraphReader::storeView));
    }

    public List<AttributeView> attributes(String tenant, String key) {
        return graph.read(tx -> tx.run(Cypher.STORE_ATTRIBUTES, Map.of("uid", uid(tenant, key), "tenant", tenant))
                .list(r -> new AttributeView(r.get("type").asString(), r.get("display").asString(),
                        r.get("class").asString(null), r.get("provider").asString(null), time(r.get("firstSeen")),
                        time(r.get("lastSeen")), r.get("current").asBoolean(false), r.get("count").asLong(1),
                        r.get("sources").isNull() ? List.of() : r.get("sources").asList(Value::asString),
                        r.get("generic").asBoolean())));
    }

    public List<StatusEventView> statusHistory(String tenant, String key) {
        return graph.read(tx -> tx.run(Cypher.STATUS_HISTORY, Map.of("uid", uid(tenant, key)))
                .list(r -> new StatusEventView(r.get("from").asString(null), r.get("to").asString(),
                        time(r.get("at")), r.get("note").asString(null))));
    }

    /** A committed API import, as its receipt recorded it in the import's own transaction. */
    public record ImportReceiptView(String id, String idempotencyKey, String bodyHash, String validation,
                                    WriteResult result, String committedAt) {
    }

    /** The receipt of a committed import of this tenant, by import id or by idempotency key. */
    public Optional<ImportReceiptView> importReceipt(String tenant, String id, String idempotencyKey) {
        Map<String, Object> p = new HashMap<>();
        p.put("tenant", tenant);
        p.put("id", id);
        p.put("key", idempotencyKey);
        return graph.read(tx -> tx.run(Cypher.IMPORT_RECEIPT, p).stream().findFirst().map(r -> {
            List<Integer> n = r.get("result").asList(Value::asInt);
            return new ImportReceiptView(r.get("id").asString(), r.get("key").asString(null), r.get("bodyHash").asString(null),
                    r.get("validation").asString(null), new WriteResult(n.get(0), n.get(1), n.get(2), n.get(3), n.get(4), n.get(5)),
                    r.get("committedAt").asString());
        }));
    }

    /** Whole-graph totals (all tenants): for benchmarks and operations, never shown to a tenant. */
    public record Totals(long stores, long identifiers, long observations) {
    }

    public Totals totals() {
        return graph.read(tx -> {
            var r = tx.run(Cypher.GRAPH_TOTALS).single();
            return new Totals(r.get("stores").asLong(), r.get("identifiers").asLong(), r.get("observations").asLong());
        });
    }

    /**
     * @param version     bumped by every write to the tenant; 0 for a tenant that does not exist
     * @param fullVersion the last version whose write needs a full recompute (disclosures, generic marks, replaced attributes)
     */
    public record TenantVersion(long version, long fullVersion) {
    }

    public TenantVersion tenantVersion(String tenant) {
        return graph.read(tx -> {
            var r = tx.run(Cypher.TENANT_VERSION, Map.of("tenant", tenant)).single();
            return new TenantVersion(r.get("version").asLong(), r.get("fullVersion").asLong());
        });
    }

    /**
     * What changed in a tenant since {@code since}: the stores written after it, all their observations, and
     * for each identifier they hold the number of holders here and elsewhere.
     */
    public SnapshotDelta delta(String tenant, long since) {
        return graph.read(tx -> {
            Map<String, Object> p = Map.of("tenant", tenant, "since", since);
            List<StoreInfo> stores = tx.run(Cypher.DELTA_STORES, p).list(GraphReader::storeInfo);
            List<SnapshotDelta.DeltaUsage> usages = new ArrayList<>();
            Map<String, int[]> counts = new HashMap<>();
            tx.run(Cypher.DELTA_USAGES, p).forEachRemaining(r -> {
                String uid = r.get("identifier").asString();
                int degree = r.get("degree").asInt(), local = r.get("local").asInt();
                counts.put(uid, new int[]{degree, local});
                boolean current = r.get("current").asBoolean();
                usages.add(new SnapshotDelta.DeltaUsage(key(r.get("store").asString()), uid,
                        IdentifierType.fromWire(r.get("type").asString()).orElseThrow(), r.get("display").asString(),
                        IdentifierClass.fromWire(r.get("class").asString(null)), r.get("provider").asString(null),
                        instant(r.get("firstSeen")), current ? null : instant(r.get("lastSeen")), r.get("count").asLong(),
                        0, r.get("notation").asString(null), r.get("notationDisplay").asString(null)));
            });
            List<String> shared = counts.entrySet().stream().filter(e -> e.getValue()[0] > e.getValue()[1]).map(Map.Entry::getKey).toList();
            Map<String, Foreign> foreign = foreign(tx, tenant, shared);
            Map<String, Integer> foreignSuspended = new HashMap<>();
            foreign.forEach((uid, f) -> foreignSuspended.put(uid, f.suspended()));
            List<SnapshotDelta.DeltaUsage> visible = usages.stream().map(u -> new SnapshotDelta.DeltaUsage(u.store(),
                    u.identifier(), u.type(), u.display(), u.cls(), u.provider(), u.firstSeen(), u.lastSeen(), u.count(),
                    foreign.getOrDefault(u.identifier(), Foreign.NONE).stores(), u.notation(), u.notationDisplay())).toList();
            return new SnapshotDelta(stores, visible, foreignSuspended);
        });
    }

    private static String key(String uid) {
        return uid.substring(uid.indexOf('|') + 1);
    }

    /**
     * The naive baseline of {@code bench analysis}: groups stores by variable-length paths in Cypher, aborted by
     * the server after {@code timeout}. Returns the number of groups of two or more stores, or empty when the server
     * aborted it.
     */
    public java.util.OptionalInt naiveClusterCount(String tenant, java.time.Duration timeout) {
        Map<String, String> root = new HashMap<>();
        try {
            naiveReach(tenant, timeout, root);
        } catch (org.neo4j.driver.exceptions.ClientException | org.neo4j.driver.exceptions.TransientException e) {
            return java.util.OptionalInt.empty();
        }
        return java.util.OptionalInt.of((int) root.values().stream().distinct().count());
    }

    private void naiveReach(String tenant, java.time.Duration timeout, Map<String, String> root) {
        graph.read(tx -> {
            tx.run(Cypher.NAIVE_REACH, Map.of("tenant", tenant)).forEachRemaining(r -> {
                String min = r.get("store").asString();
                for (Object o : r.get("reach").asList()) if (o.toString().compareTo(min) < 0) min = o.toString();
                if (!r.get("reach").asList().isEmpty()) root.put(r.get("store").asString(), min);
            });
            return null;
        }, timeout);
    }

    /** Other tenants with a store holding one of these identifiers (their exposure changed with the identifiers). */
    public Set<String> tenantsHolding(java.util.Collection<String> identifiers, String except) {
        return graph.read(tx -> new HashSet<>(tx.run(Cypher.TENANTS_HOLDING, Map.of("uids", List.copyOf(identifiers), "tenant", except))
                .list(r -> r.get("tenant").asString())));
    }

    public List<String> tenants() {
        return graph.read(tx -> tx.run(Cypher.TENANTS).list(r -> r.get("id").asString()));
    }

    /**
     * The tenant's subgraph in five streaming queries, whatever the number of stores.
     *
     * @param asOf the analysis clock
     */
    public Snapshot snapshot(String tenant, Instant asOf) {
        return graph.read(tx -> {
            Map<String, Object> p = Map.of("tenant", tenant);
            List<StoreInfo> stores = new ArrayList<>();
            Map<String, Integer> storeIndex = new HashMap<>();
            tx.run(Cypher.SNAPSHOT_STORES, p).forEachRemaining(r -> {
                storeIndex.put(r.get("uid").asString(), stores.size());
                stores.add(storeInfo(r));
            });
            Set<String> generic = new HashSet<>(tx.run(Cypher.SNAPSHOT_GENERICS, p).list(r -> r.get("identifier").asString()));
            List<IdentifierRow> identifiers = new ArrayList<>();
            Map<String, Integer> identifierIndex = new HashMap<>();
            List<Usage> usages = new ArrayList<>();
            tx.run(Cypher.SNAPSHOT_USAGES, p).forEachRemaining(r -> {
                String uid = r.get("identifier").asString();
                IdentifierRow row = null;
                int idx = identifiers.size();
                for (Value use : r.get("uses").values()) {
                    // statements of a read transaction each see the latest commit: a store written after the store
                    // query is left for the next analysis (its version is newer than this one's)
                    Integer store = storeIndex.get(use.get(0).asString());
                    if (store == null) continue;
                    if (row == null) {
                        row = new IdentifierRow(uid, r.get("type").asString(), r.get("display").asString(),
                                r.get("class").asString(null), r.get("provider").asString(null), r.get("degree").asInt());
                        identifiers.add(row);
                        identifierIndex.put(uid, idx);
                    }
                    row.local++;
                    boolean current = use.get(3).asBoolean();
                    usages.add(new Usage(store, idx, instant(use.get(1)), current ? null : instant(use.get(2)), use.get(4).asLong(),
                            use.get(5).asString(null), use.get(6).asString(null)));
                }
            });
            List<String> shared = identifiers.stream().filter(i -> i.degree > i.local).map(i -> i.uid).toList();
            Map<String, Foreign> foreign = foreign(tx, tenant, shared);
            List<IdentifierInfo> infos = identifiers.stream().map(i -> {
                Foreign f = foreign.getOrDefault(i.uid, Foreign.NONE);
                return new IdentifierInfo(i.uid, IdentifierType.fromWire(i.type).orElseThrow(), i.display,
                        generic.contains(i.uid), IdentifierClass.fromWire(i.cls), i.provider, f.stores(), f.suspended());
            }).toList();
            List<Disclosure> disclosures = tx.run(Cypher.SNAPSHOT_DISCLOSURES, p).list(r ->
                    new Disclosure(r.get("a").asString(), r.get("b").asString(), r.get("reason").asString(null)));
            return new Snapshot(tenant, asOf, stores, infos, usages, disclosures);
        });
    }

    /** Writes back cluster ids so the next analysis keeps them stable. Only changed stores are touched. */
    public void saveClusterIds(String tenant, Map<String, String> clusterByStoreKey) {
        List<Map<String, Object>> rows = new ArrayList<>();
        clusterByStoreKey.forEach((key, cluster) -> {
            Map<String, Object> row = new HashMap<>();
            row.put("uid", uid(tenant, key));
            row.put("clusterId", cluster);
            rows.add(row);
        });
        graph.write(tx -> tx.run(Cypher.SET_CLUSTER_IDS, Map.of("rows", rows)).consume());
    }

    /** Foreign holders of an identifier as the tenant may see them (see {@link ExposurePolicy}). */
    public record Foreign(int stores, int suspended) {
        public static final Foreign NONE = new Foreign(0, 0);
    }

    /**
     * Other portfolios on these identifiers (which may not exist in the graph yet), as the exposure policy lets this
     * tenant see them; identifiers with nothing to report are absent. Reads only: a check of planned stores uses it.
     */
    public Map<String, Foreign> visibleForeign(String tenant, java.util.Collection<String> uids) {
        return graph.read(tx -> foreign(tx, tenant, List.copyOf(uids)));
    }

    /**
     * Other tenants' stores on these identifiers, counted in the database and reduced to what the exposure policy
     * lets this tenant see before anything leaves the graph package: exact counts never reach an engine.
     */
    private Map<String, Foreign> foreign(TransactionContext tx, String tenant, List<String> uids) {
        Map<String, Foreign> out = new HashMap<>();
        if (uids.isEmpty()) return out;
        tx.run(Cypher.FOREIGN_EXPOSURE, Map.of("tenant", tenant, "uids", uids)).forEachRemaining(r -> {
            Foreign f = new Foreign(exposure.visible(r.get("stores").asInt(), r.get("tenants").asInt()),
                    exposure.visible(r.get("suspended").asInt(), r.get("suspendedTenants").asInt()));
            if (f.stores() > 0 || f.suspended() > 0) out.put(r.get("identifier").asString(), f);
        });
        return out;
    }

    private static final class IdentifierRow {
        final String uid;
        final String type;
        final String display;
        final String cls;
        final String provider;
        final int degree;
        int local;

        IdentifierRow(String uid, String type, String display, String cls, String provider, int degree) {
            this.uid = uid;
            this.type = type;
            this.display = display;
            this.cls = cls;
            this.provider = provider;
            this.degree = degree;
        }
    }

    static String uid(String tenant, String key) {
        return tenant + "|" + key;
    }

    private static StoreView storeView(Record r) {
        return new StoreView(r.get("key").asString(), r.get("platform").asString(), r.get("marketplace").asString(),
                r.get("storeId").asString(), r.get("name").asString(null), r.get("legalEntity").asString(null),
                r.get("status").asString("active"), nullableDouble(r.get("monthlyRevenue")),
                r.get("currency").asString(null), nullableDouble(r.get("monthlyRevenueUsd")),
                r.get("openedOn").asString(null), r.get("clusterId").asString(null), r.get("category").asString(null));
    }

    private static StoreInfo storeInfo(Record r) {
        String opened = r.get("openedOn").asString(null);
        return new StoreInfo(r.get("key").asString(), r.get("platform").asString(), r.get("marketplace").asString(),
                r.get("storeId").asString(), r.get("name").asString(null), r.get("legalEntity").asString(null),
                r.get("status").asString("active"), r.get("monthlyRevenueUsd").asDouble(0.0),
                opened == null ? null : LocalDate.parse(opened), r.get("clusterId").asString(null), r.get("category").asString(null));
    }

    private static Double nullableDouble(Value v) {
        return v.isNull() ? null : v.asDouble();
    }

    private static Instant instant(Value v) {
        return v.isNull() ? null : v.asZonedDateTime().toInstant();
    }

    private static String time(Value v) {
        return v.isNull() ? null : v.asZonedDateTime().toInstant().toString();
    }
}
