package io.linkscope.graph;

/**
 * Every line of Cypher in linkscope. Parameters only, never concatenation. Writes are UNWIND batches
 * that MERGE on constrained keys, so running one twice changes nothing.
 */
final class Cypher {
    private Cypher() {
    }

    // ---- schema -------------------------------------------------------------------------------------

    static final String SCHEMA_VERSIONS = """
            OPTIONAL MATCH (m:SchemaMigration)
            RETURN collect(m.version) AS versions
            """;

    /**
     * Tenants holding legal-entity or address observations keyed before canonicalization version 2: a store's
     * observation of such a type without a notation hash, when the store has none with one (a re-import adds them).
     */
    static final String STALE_CANONICALIZATION = """
            MATCH (i:Identifier) WHERE i.type IN ['legal_entity', 'address']
            MATCH (s:Store)-[h:HAS]->(i) WHERE h.notation IS NULL
            WITH DISTINCT s, i.type AS type
            WHERE NOT EXISTS { (s)-[n:HAS]->(:Identifier {type: type}) WHERE n.notation IS NOT NULL }
            RETURN s.tenant AS tenant, count(DISTINCT s) AS stores ORDER BY tenant
            """;

    static final String CANONICALIZATION_VERSION = """
            OPTIONAL MATCH (c:Canonicalization {id: 'identity'}) RETURN c.version AS version
            """;

    static final String RECORD_MIGRATION = """
            MERGE (m:SchemaMigration {version: $version})
            ON CREATE SET m.name = $name, m.appliedAt = datetime()
            """;

    // ---- import -------------------------------------------------------------------------------------

    /**
     * The first statement of every import: takes the tenant's write lock (a SET, even of the same value, locks
     * the node) so that two imports of one tenant run one after the other and each diffs against committed data,
     * without changing the tenant when the import turns out to change nothing.
     */
    static final String LOCK_TENANT = """
            MERGE (t:Tenant {id: $tenant})
            ON CREATE SET t.createdAt = datetime(), t.version = 0
            SET t.version = t.version
            RETURN t.version AS version
            """;

    /** A store command takes the same lock first, so it and an import of the tenant never wait for each other in a cycle. */
    static final String LOCK_EXISTING_TENANT = """
            MATCH (t:Tenant {id: $tenant})
            SET t.version = t.version
            """;

    /** The import changed something: the tenant's new version (the stores it touched carry it already). */
    static final String SET_TENANT_VERSION = """
            MATCH (t:Tenant {id: $tenant})
            SET t.version = $version, t.changedAt = datetime(),
                t.fullVersion = CASE WHEN $full THEN $version ELSE t.fullVersion END
            """;

    static final String EXISTING_STORES = """
            UNWIND $uids AS uid
            MATCH (s:Store {uid: uid})
            RETURN uid, id(s) AS id, properties(s) AS p
            """;

    /** Only for stores the import found absent while it holds the tenant's lock: CREATE, not MERGE. */
    static final String CREATE_STORES = """
            MATCH (t:Tenant {id: $tenant})
            UNWIND $rows AS r
            CREATE (s:Store)
            SET s = r, s.createdAt = datetime(), s.tenant = $tenant, s.status = coalesce(r.status, 'active'),
                s.version = $version
            CREATE (t)-[:OWNS]->(s)
            RETURN s.uid AS uid, id(s) AS id
            """;

    /** Stores whose fields changed, or whose observations did: they carry the new version for the delta analysis. */
    static final String UPDATE_STORES = """
            UNWIND $rows AS r
            MATCH (s:Store) WHERE id(s) = r[0]
            SET s += r[1], s.version = $version
            """;

    static final String EXISTING_IDENTIFIERS = """
            UNWIND $uids AS uid
            MATCH (i:Identifier {uid: uid})
            RETURN uid, id(i) AS id
            """;

    /** MERGE, not CREATE: identifiers are global, another tenant's import may be creating the same one. */
    static final String MERGE_NEW_IDENTIFIERS = """
            UNWIND $rows AS r
            MERGE (i:Identifier {uid: r.uid})
            ON CREATE SET i += r
            RETURN r.uid AS uid, id(i) AS id
            """;

    static final String EXISTING_OBSERVATIONS = """
            UNWIND $ids AS sid
            MATCH (s:Store)-[h:HAS]->(i:Identifier) WHERE id(s) = sid
            RETURN sid, id(i) AS iid, id(h) AS hid, properties(h) AS p
            """;

    /** Rows {@code [store id, identifier id, properties]}; only edges the diff found absent. */
    static final String CREATE_OBSERVATIONS = """
            UNWIND $rows AS r
            MATCH (s:Store) WHERE id(s) = r[0]
            MATCH (i:Identifier) WHERE id(i) = r[1]
            CREATE (s)-[h:HAS]->(i)
            SET h = r[2]
            """;

    /** Rows {@code [edge id, changed properties]}. */
    static final String UPDATE_OBSERVATIONS = """
            UNWIND $rows AS r
            MATCH ()-[h:HAS]->() WHERE id(h) = r[0]
            SET h += r[1]
            """;

    static final String DELETE_OBSERVATIONS = """
            UNWIND $rows AS hid
            MATCH ()-[h:HAS]->() WHERE id(h) = hid
            DELETE h
            """;

    static final String TENANT_VERSION = """
            OPTIONAL MATCH (t:Tenant {id: $tenant})
            RETURN coalesce(t.version, 0) AS version, coalesce(t.fullVersion, 0) AS fullVersion
            """;

    /** Disclosures and generic marks change pairs of unchanged stores: the next analysis starts from scratch. */
    static final String MARK_FULL_RECOMPUTE = """
            MATCH (t:Tenant {id: $tenant})
            SET t.fullVersion = t.version
            """;

    static final String MERGE_DISCLOSURES = """
            UNWIND $rows AS r
            MATCH (a:Store {uid: r.a}), (b:Store {uid: r.b})
            MERGE (a)-[d:DISCLOSED_WITH]->(b)
            ON CREATE SET d.reason = r.reason, d.at = datetime()
            RETURN r.a + '\u0000' + r.b AS pair
            """;

    static final String MERGE_GENERICS = """
            MATCH (t:Tenant {id: $tenant})
            UNWIND $rows AS r
            MERGE (i:Identifier {uid: r.identifier})
            ON CREATE SET i.type = r.type, i.hash = r.hash, i.display = r.display, i.class = r.cls
            MERGE (t)-[g:MARKS_GENERIC]->(i)
            ON CREATE SET g.reason = r.reason, g.at = datetime()
            """;

    /**
     * The naive baseline the ingest benchmark compares against: one MERGE chain per row, writing the same nodes,
     * relationships and properties as the writer ({@code r.store}, {@code r.identifier}, {@code r.has} come from
     * the same property functions).
     */
    static final String NAIVE_OBSERVATION = """
            MERGE (t:Tenant {id: $tenant})
            WITH t
            UNWIND $rows AS r
            MERGE (s:Store {uid: r.store.uid})
            ON CREATE SET s += r.store, s.createdAt = datetime(), s.tenant = $tenant,
                          s.status = coalesce(r.store.status, 'active'), s.version = 1
            MERGE (t)-[:OWNS]->(s)
            MERGE (i:Identifier {uid: r.identifier.uid})
            ON CREATE SET i += r.identifier
            MERGE (s)-[h:HAS]->(i)
            ON CREATE SET h += r.has
            """;

    /**
     * The clustering a user would write in Cypher, the analysis benchmark's baseline: every store's reach over
     * variable-length paths through shared identifiers (up to three store hops).
     */
    static final String NAIVE_REACH = """
            MATCH (s:Store {tenant: $tenant})
            OPTIONAL MATCH (s)-[:HAS*2..6]-(t:Store {tenant: $tenant})
            WITH s, collect(DISTINCT t.key) AS reach
            RETURN s.key AS store, reach
            """;

    // ---- import receipts: written in the transaction of the import they describe ----------------------

    static final String RECORD_IMPORT = """
            CREATE (r:ImportReceipt {id: $id, tenant: $tenant, idempotencyKey: $key, bodyHash: $bodyHash,
                                     validation: $validation, result: $result, committedAt: datetime()})
            """;

    /** Receipts answer retries and polls for a day; older ones go with the next import of the tenant. */
    static final String PRUNE_IMPORTS = """
            MATCH (r:ImportReceipt {tenant: $tenant})
            WHERE r.committedAt < datetime() - duration('P1D')
            DELETE r
            """;

    static final String IMPORT_RECEIPT = """
            MATCH (r:ImportReceipt {tenant: $tenant})
            WHERE r.id = $id OR ($key IS NOT NULL AND r.idempotencyKey = $key)
            RETURN r.id AS id, r.idempotencyKey AS key, r.bodyHash AS bodyHash, r.validation AS validation,
                   r.result AS result, toString(r.committedAt) AS committedAt
            ORDER BY r.committedAt DESC LIMIT 1
            """;

    // ---- stores -------------------------------------------------------------------------------------

    static final String STORE_FIELDS = """
            s.key AS key, s.platform AS platform, s.marketplace AS marketplace, s.storeId AS storeId,
            s.name AS name, s.legalEntity AS legalEntity, s.status AS status,
            s.monthlyRevenue AS monthlyRevenue, s.currency AS currency, s.monthlyRevenueUsd AS monthlyRevenueUsd,
            s.openedOn AS openedOn, s.clusterId AS clusterId, s.category AS category
            """;

    static final String LIST_STORES = "MATCH (s:Store {tenant: $tenant}) RETURN " + STORE_FIELDS + " ORDER BY s.key";

    static final String GET_STORE = "MATCH (s:Store {uid: $uid}) RETURN " + STORE_FIELDS;

    static final String STORE_ATTRIBUTES = """
            MATCH (s:Store {uid: $uid})-[h:HAS]->(i:Identifier)
            OPTIONAL MATCH (:Tenant {id: $tenant})-[g:MARKS_GENERIC]->(i)
            RETURN i.type AS type, i.display AS display, i.class AS class, i.provider AS provider,
                   h.firstSeen AS firstSeen, h.lastSeen AS lastSeen, h.current AS current, h.count AS count,
                   h.sources AS sources, g IS NOT NULL AS generic
            ORDER BY type, display
            """;

    /** Deletes a store, its status history, and identifiers no other store or tenant mark holds any more. */
    static final String DELETE_STORE = """
            MATCH (s:Store {uid: $uid})
            OPTIONAL MATCH (s)-[:HAS]->(i:Identifier)
            WITH s, collect(i) AS ids
            OPTIONAL MATCH (s)-[:STATUS_CHANGED]->(e:StatusEvent)
            DETACH DELETE e, s
            WITH DISTINCT ids
            UNWIND ids AS i
            WITH i WHERE NOT (i)<-[:HAS]-() AND NOT (i)<-[:MARKS_GENERIC]-()
            DETACH DELETE i
            RETURN count(i) AS orphans
            """;

    /** A store's status and identifiers, read in the transaction that changes it, for the announcement. */
    static final String STORE_IDENTIFIERS = """
            MATCH (s:Store {uid: $uid})
            OPTIONAL MATCH (s)-[:HAS]->(i:Identifier)
            RETURN s.status AS status, collect(i.uid) AS identifiers
            """;

    static final String RECORD_STATUS = """
            MATCH (s:Store {uid: $uid})
            WITH s, s.status AS previous
            MERGE (e:StatusEvent {uid: $eventUid})
            ON CREATE SET e.from = previous, e.to = $status, e.at = $at, e.note = $note
            MERGE (s)-[:STATUS_CHANGED]->(e)
            SET s.status = CASE WHEN $latest THEN $status ELSE s.status END
            RETURN previous, s.status AS status
            """;

    static final String STATUS_HISTORY = """
            MATCH (s:Store {uid: $uid})-[:STATUS_CHANGED]->(e:StatusEvent)
            RETURN e.from AS from, e.to AS to, e.at AS at, e.note AS note ORDER BY e.at
            """;

    static final String LATEST_STATUS_AT = """
            MATCH (s:Store {uid: $uid})
            OPTIONAL MATCH (s)-[:STATUS_CHANGED]->(e:StatusEvent)
            RETURN max(e.at) AS latest
            """;

    static final String SET_CLUSTER_IDS = """
            UNWIND $rows AS r
            MATCH (s:Store {uid: r.uid})
            WHERE s.clusterId IS NULL OR s.clusterId <> r.clusterId OR r.clusterId IS NULL
            SET s.clusterId = r.clusterId
            """;

    static final String TENANTS = "MATCH (t:Tenant) RETURN t.id AS id ORDER BY id";

    static final String TENANTS_HOLDING = """
            UNWIND $uids AS uid
            MATCH (:Identifier {uid: uid})<-[:HAS]-(s:Store)
            WHERE s.tenant <> $tenant
            RETURN DISTINCT s.tenant AS tenant
            """;

    /** Whole-graph totals, from the count store: constant time. */
    static final String GRAPH_TOTALS = """
            CALL () { MATCH (s:Store) RETURN count(s) AS stores }
            CALL () { MATCH (i:Identifier) RETURN count(i) AS identifiers }
            CALL () { MATCH ()-[h:HAS]->() RETURN count(h) AS observations }
            RETURN stores, identifiers, observations
            """;

    // ---- analysis snapshot (a few streaming queries per tenant, never one per store) --------------

    static final String SNAPSHOT_STORES = "MATCH (s:Store {tenant: $tenant}) RETURN s.uid AS uid, " + STORE_FIELDS;

    /**
     * One row per identifier with its uses here (store uid, firstSeen, lastSeen, current, count, and the notation's
     * keyed hash and masked display): the identifier's
     * fields and its degree (every store holding it, in every tenant, from the degree store) are read once, not once
     * per use.
     */
    static final String SNAPSHOT_USAGES = """
            MATCH (s:Store {tenant: $tenant})-[h:HAS]->(i:Identifier)
            WITH i, collect([s.uid, h.firstSeen, h.lastSeen, coalesce(h.current, false), coalesce(h.count, 1),
                             h.notation, h.notationDisplay]) AS uses
            RETURN i.uid AS identifier, i.type AS type, i.display AS display, i.class AS class, i.provider AS provider,
                   COUNT { (i)<-[:HAS]-() } AS degree, uses
            """;

    /** The stores written since a version, for an incremental analysis. */
    static final String DELTA_STORES = """
            MATCH (s:Store {tenant: $tenant}) WHERE s.version > $since
            RETURN s.uid AS uid, """ + STORE_FIELDS;

    /** Their observations, with each identifier's holders here ({@code local}) and everywhere ({@code degree}). */
    static final String DELTA_USAGES = """
            MATCH (s:Store {tenant: $tenant})-[h:HAS]->(i:Identifier) WHERE s.version > $since
            RETURN s.uid AS store, i.uid AS identifier, i.type AS type, i.display AS display, i.class AS class,
                   i.provider AS provider, h.firstSeen AS firstSeen, h.lastSeen AS lastSeen,
                   coalesce(h.current, false) AS current, coalesce(h.count, 1) AS count,
                   h.notation AS notation, h.notationDisplay AS notationDisplay,
                   COUNT { (i)<-[:HAS]-() } AS degree,
                   COUNT { (i)<-[:HAS]-(:Store {tenant: $tenant}) } AS local
            """;

    static final String SNAPSHOT_GENERICS = """
            MATCH (:Tenant {id: $tenant})-[:MARKS_GENERIC]->(i:Identifier) RETURN i.uid AS identifier
            """;

    static final String SNAPSHOT_DISCLOSURES = """
            MATCH (a:Store {tenant: $tenant})-[d:DISCLOSED_WITH]->(b:Store)
            RETURN a.key AS a, b.key AS b, d.reason AS reason
            """;

    /**
     * Other tenants' stores behind identifiers we share, and how many tenants they belong to: counts only, never
     * who. The reader turns them into what the exposure policy lets a tenant see.
     */
    static final String FOREIGN_EXPOSURE = """
            UNWIND $uids AS uid
            MATCH (i:Identifier {uid: uid})<-[:HAS]-(o:Store)
            WITH uid, o.tenant AS owner, o.status = 'suspended' AS suspended
            WHERE owner <> $tenant
            RETURN uid AS identifier, count(*) AS stores, count(DISTINCT owner) AS tenants,
                   sum(CASE WHEN suspended THEN 1 ELSE 0 END) AS suspended,
                   size(collect(DISTINCT CASE WHEN suspended THEN owner END)) AS suspendedTenants
            """;

    // ---- store management (PUT/DELETE/status): bump the version and ask for a full recompute -------

    static final String BUMP_TENANT = """
            MATCH (t:Tenant {id: $tenant})
            SET t.version = coalesce(t.version, 0) + 1, t.changedAt = datetime()
            SET t.fullVersion = t.version
            RETURN t.version AS version
            """;

    // ---- API keys: hashes only, never the key -------------------------------------------------------

    static final String KEY_FIELDS = " " + """
            k.id AS id, k.role AS role, coalesce(k.tenants, []) AS tenants, k.label AS label,
            toString(k.createdAt) AS createdAt, k.prefix AS prefix
            """;

    static final String CREATE_KEY = """
            CREATE (k:ApiKey {id: $id, hash: $hash, prefix: $prefix, role: $role, tenants: $tenants, label: $label,
                              createdAt: datetime()})
            """;

    static final String KEY_BY_HASH = "MATCH (k:ApiKey {hash: $hash}) RETURN " + KEY_FIELDS;

    static final String LIST_KEYS = "MATCH (k:ApiKey) RETURN " + KEY_FIELDS + " ORDER BY k.createdAt, k.id";

    static final String DELETE_KEY = """
            MATCH (k:ApiKey {id: $id}) DETACH DELETE k RETURN count(*) AS deleted
            """;

    static final String DELETE_KEYS_BY_LABEL = "MATCH (k:ApiKey {label: $label}) DETACH DELETE k";

    static final String ASSIGN_TENANT = """
            MATCH (k:ApiKey {id: $id})
            SET k.tenants = CASE WHEN $tenant IN coalesce(k.tenants, []) THEN k.tenants
                                 ELSE coalesce(k.tenants, []) + $tenant END
            RETURN """ + KEY_FIELDS;

    static final String UNASSIGN_TENANT = """
            MATCH (k:ApiKey {id: $id})
            SET k.tenants = [x IN coalesce(k.tenants, []) WHERE x <> $tenant]
            RETURN """ + KEY_FIELDS;

    // ---- pull sources and webhooks --------------------------------------------------------------------

    /** Written in the transaction of the batch it follows, so data and cursor never disagree. */
    static final String SET_SOURCE_CURSOR = """
            MERGE (c:SourceCursor {id: $id})
            SET c.tenant = $tenant, c.cursor = $cursor, c.updatedAt = datetime()
            """;

    static final String SOURCE_CURSOR = """
            OPTIONAL MATCH (c:SourceCursor {id: $id})
            RETURN c.cursor AS cursor
            """;

    static final String RISK_BASELINE = """
            OPTIONAL MATCH (b:RiskBaseline {tenant: $tenant})
            RETURN b.state AS state, coalesce(b.revision, 0) AS revision
            """;

    /** Optimistic: saves only over the revision the caller diffed against; returns 0 rows otherwise. */
    static final String SAVE_RISK_BASELINE = """
            MERGE (b:RiskBaseline {tenant: $tenant})
            WITH b WHERE coalesce(b.revision, 0) = $expected
            SET b.state = $state, b.revision = $expected + 1, b.updatedAt = datetime()
            RETURN b.revision AS revision
            """;

    static final String ENQUEUE_EVENTS = """
            UNWIND $events AS e
            MERGE (w:WebhookEvent {id: e.id})
            ON CREATE SET w.tenant = e.tenant, w.type = e.type, w.payload = e.payload, w.createdAt = datetime(),
                          w.pending = e.pending, w.delivered = [], w.failed = []
            """;

    static final String PENDING_EVENTS = """
            MATCH (w:WebhookEvent) WHERE size(w.pending) > 0
            RETURN w.id AS id, w.tenant AS tenant, w.type AS type, w.payload AS payload, w.pending AS pending
            ORDER BY w.createdAt LIMIT $limit
            """;

    /** {@code $outcome} is {@code delivered} or {@code failed}. */
    static final String SETTLE_EVENT = """
            MATCH (w:WebhookEvent {id: $id})
            SET w.pending = [h IN w.pending WHERE h <> $hook],
                w.delivered = CASE WHEN $outcome = 'delivered' THEN w.delivered + $hook ELSE w.delivered END,
                w.failed = CASE WHEN $outcome = 'failed' THEN w.failed + $hook ELSE w.failed END
            """;

    static final String EVENT_COUNTS = """
            MATCH (w:WebhookEvent)
            RETURN sum(size(w.pending)) AS pending, sum(size(w.delivered)) AS delivered, sum(size(w.failed)) AS failed
            """;
}
