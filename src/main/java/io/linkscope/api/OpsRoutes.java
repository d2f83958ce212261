package io.linkscope.api;

import io.linkscope.collect.pull.SourceStatus;
import io.linkscope.graph.GraphClient;
import io.linkscope.runtime.Readiness;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Operations: liveness (the process answers), readiness (migrated, started, not held or draining, Neo4j
 * reachable), the combined health document with the pull sources, and the contract itself.
 */
final class OpsRoutes {
    private final Vertx vertx;
    private final GraphClient graph;
    private final SourceStatus sources;
    private final Readiness readiness;
    private final String contractText;

    OpsRoutes(Vertx vertx, GraphClient graph, SourceStatus sources, Readiness readiness, String contractText) {
        this.vertx = vertx;
        this.graph = graph;
        this.sources = sources;
        this.readiness = readiness;
        this.contractText = contractText;
    }

    void health(RoutingContext ctx) {
        vertx.executeBlocking(graph::healthy, false).otherwise(false).onSuccess(up -> Reply.json(ctx, up ? 200 : 503,
                new JsonObject().put("status", up ? "up" : "down")
                        .put("neo4j", new JsonObject().put("reachable", up).put("embedded", graph.embedded()))
                        .put("sources", sources.summary())));
    }

    void live(RoutingContext ctx) {
        Reply.json(ctx, 200, new JsonObject().put("status", "alive"));
    }

    void ready(RoutingContext ctx) {
        Readiness.State state = readiness.state();
        if (state != Readiness.State.ready) {
            ctx.response().putHeader("Retry-After", "1");
            Reply.json(ctx, 503, new JsonObject().put("status", state.name()));
            return;
        }
        vertx.executeBlocking(graph::healthy, false).otherwise(false).onSuccess(up -> {
            if (!up) ctx.response().putHeader("Retry-After", "5");
            Reply.json(ctx, up ? 200 : 503, new JsonObject().put("status", up ? "ready" : "neo4j-unreachable"));
        });
    }

    void contract(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "application/yaml").end(contractText);
    }
}
