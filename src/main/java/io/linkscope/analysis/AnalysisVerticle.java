package io.linkscope.analysis;

import io.linkscope.runtime.Addresses;
import io.linkscope.graph.GraphChanged;
import io.linkscope.graph.GraphReader;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * Keeps tenants' analyses warm: on {@code graph.changed} it waits {@code debounceMs} for the burst of writes
 * to settle, then recomputes the tenant off the event loop, and so every other tenant holding one of the changed
 * identifiers (their exposure and taint changed although their own stores did not). Requests never wait for this:
 * the {@link AnalysisService} recomputes on demand when a result is stale. Each recomputation is announced on
 * {@link Addresses#ANALYSIS_UPDATED} with the tenant id (the webhooks listen).
 */
public final class AnalysisVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(AnalysisVerticle.class);

    private final AnalysisService service;
    private final GraphReader reader;
    private final long debounceMs;
    private final Map<String, Long> timers = new HashMap<>();

    public AnalysisVerticle(AnalysisService service, GraphReader reader, long debounceMs) {
        this.service = service;
        this.reader = reader;
        this.debounceMs = debounceMs;
    }

    @Override
    public Future<?> start() {
        return vertx.eventBus().<GraphChanged>consumer(Addresses.GRAPH_CHANGED, this::changed).completion();
    }

    private void changed(Message<GraphChanged> message) {
        String tenant = message.body().tenant();
        var identifiers = message.body().identifiers();
        service.foreignChange(tenant, identifiers);
        schedule(tenant);
        if (identifiers.isEmpty()) return;
        vertx.executeBlocking(() -> reader.tenantsHolding(identifiers, tenant), false)
                .onSuccess(others -> {
                    service.foreignChanged(others);
                    others.forEach(this::schedule);
                })
                .onFailure(e -> LOG.warn("could not find the tenants sharing identifiers changed by tenant={}: {}", tenant, e.toString()));
    }

    private void schedule(String tenant) {
        Long pending = timers.remove(tenant);
        if (pending != null) vertx.cancelTimer(pending);
        timers.put(tenant, vertx.setTimer(Math.max(1, debounceMs), id -> {
            timers.remove(tenant);
            vertx.executeBlocking(() -> service.result(tenant), false)
                    .onSuccess(r -> vertx.eventBus().publish(Addresses.ANALYSIS_UPDATED, tenant))
                    .onFailure(e -> LOG.warn("background analysis of tenant={} failed: {}", tenant, e.toString()));
        }));
    }
}
