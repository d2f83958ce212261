package io.linkscope.graph;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What pull sources and webhooks keep in the graph: the sources' incremental cursors (written with their
 * batches by {@link GraphWriter}), each tenant's risk baseline, and the webhook outbox. Blocking: call off the
 * event loop.
 */
public final class IntegrationStore {
    private final GraphClient graph;

    public IntegrationStore(GraphClient graph) {
        this.graph = graph;
    }

    public Optional<String> cursor(String id) {
        return graph.read(tx -> {
            var v = tx.run(Cypher.SOURCE_CURSOR, Map.of("id", id)).single().get("cursor");
            return v.isNull() ? Optional.<String>empty() : Optional.of(v.asString());
        });
    }

    /** @param state JSON of the baseline, or null when the tenant has none yet */
    public record Baseline(String state, long revision) {
    }

    public Baseline baseline(String tenant) {
        return graph.read(tx -> {
            var r = tx.run(Cypher.RISK_BASELINE, Map.of("tenant", tenant)).single();
            return new Baseline(r.get("state").isNull() ? null : r.get("state").asString(), r.get("revision").asLong());
        });
    }

    /** An event to enqueue: {@code pending} are the ids of the webhooks that should receive it. */
    public record OutgoingEvent(String id, String tenant, String type, String payload, List<String> pending) {
    }

    /**
     * Saves the new baseline over {@code expectedRevision} and enqueues its events in one transaction. False when
     * someone else saved a baseline first (nothing written; the caller diffs again).
     */
    public boolean advance(String tenant, long expectedRevision, String state, List<OutgoingEvent> events) {
        return graph.write(tx -> {
            var saved = tx.run(Cypher.SAVE_RISK_BASELINE, Map.of("tenant", tenant, "expected", expectedRevision, "state", state)).list();
            if (saved.isEmpty()) return false;
            if (!events.isEmpty()) {
                List<Map<String, Object>> rows = events.stream().map(e -> Map.<String, Object>of("id", e.id(), "tenant", e.tenant(),
                        "type", e.type(), "payload", e.payload(), "pending", e.pending())).toList();
                tx.run(Cypher.ENQUEUE_EVENTS, Map.of("events", rows)).consume();
            }
            return true;
        });
    }

    public List<OutgoingEvent> pending(int limit) {
        return graph.read(tx -> tx.run(Cypher.PENDING_EVENTS, Map.of("limit", limit)).list(r -> new OutgoingEvent(
                r.get("id").asString(), r.get("tenant").asString(), r.get("type").asString(), r.get("payload").asString(),
                r.get("pending").asList(org.neo4j.driver.Value::asString))));
    }

    /** Takes the webhook off the event's pending list, as delivered or as failed for good. */
    public void settle(String eventId, String hook, boolean delivered) {
        graph.write(tx -> tx.run(Cypher.SETTLE_EVENT, Map.of("id", eventId, "hook", hook,
                "outcome", delivered ? "delivered" : "failed")).consume());
    }

    public record Counts(long pending, long delivered, long failed) {
    }

    public Counts counts() {
        return graph.read(tx -> {
            var r = tx.run(Cypher.EVENT_COUNTS).single();
            return new Counts(r.get("pending").asLong(0), r.get("delivered").asLong(0), r.get("failed").asLong(0));
        });
    }
}
