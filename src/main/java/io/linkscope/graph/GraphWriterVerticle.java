package io.linkscope.graph;

import io.linkscope.runtime.Addresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The single consumer of {@link Addresses#GRAPH_WRITE}. Deploy it as a worker: the driver calls block.
 * Replies only after the transaction committed, then publishes {@link GraphChanged}.
 */
public final class GraphWriterVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(GraphWriterVerticle.class);
    private final GraphWriter writer;

    public GraphWriterVerticle(GraphWriter writer) {
        this.writer = writer;
    }

    @Override
    public Future<?> start() {
        return vertx.eventBus().<Object>consumer(Addresses.GRAPH_WRITE, message -> {
            if (message.body() instanceof StoreCommand command) apply(message, command);
            else write(message, (WriteBatch) message.body());
        }).completion();
    }

    private void apply(Message<Object> message, StoreCommand command) {
        try {
            StoreCommand.Result result = writer.apply(command);
            if (result.found()) {
                vertx.eventBus().publish(Addresses.GRAPH_CHANGED, new GraphChanged(command.tenant(), List.of(command.storeKey()),
                        result.identifiers()));
            }
            message.reply(result);
        } catch (GraphClient.GraphUnavailableException e) {
            LOG.warn("store change for tenant={} failed: Neo4j unavailable", command.tenant());
            message.fail(503, "the graph database is unreachable");
        } catch (RuntimeException e) {
            LOG.error("store change for tenant={} failed", command.tenant(), e);
            message.fail(500, "graph write failed");
        }
    }

    private void write(Message<Object> message, WriteBatch batch) {
        long started = System.nanoTime();
        try {
            WriteResult result = writer.write(batch);
            LOG.info("committed tenant={} stores={} observations={} identifiersCreated={} relationshipsCreated={} in {} ms",
                    batch.tenant(), result.stores(), result.observations(), result.identifiersCreated(),
                    result.relationshipsCreated(), (System.nanoTime() - started) / 1_000_000);
            // announce before replying, so a client that reads right after its import never sees a stale analysis
            if (!batch.stores().isEmpty() || !batch.disclosures().isEmpty() || !batch.generics().isEmpty()) {
                // identifiers this write created are held by no other tenant: only the others are announced
                java.util.Set<String> identifiers = new java.util.HashSet<>(writer.preexistingOfLastWrite());
                batch.generics().forEach(g -> identifiers.add(g.identifier()));
                vertx.eventBus().publish(Addresses.GRAPH_CHANGED, new GraphChanged(batch.tenant(), batch.storeKeys(), identifiers));
            }
            message.reply(result);
        } catch (GraphClient.GraphUnavailableException e) {
            LOG.warn("write for tenant={} failed: Neo4j unavailable", batch.tenant());
            message.fail(503, e.getMessage());
        } catch (GraphWriter.MissingStoresException e) {
            message.fail(400, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("write for tenant={} failed", batch.tenant(), e);
            message.fail(500, "graph write failed");
        }
    }
}
