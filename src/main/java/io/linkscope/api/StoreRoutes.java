package io.linkscope.api;

import io.linkscope.collect.TextRules;
import io.linkscope.graph.GraphReader;
import io.linkscope.graph.StoreCommand;
import io.linkscope.runtime.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import static io.linkscope.api.Reply.blocking;
import static io.linkscope.api.Reply.found;
import static io.linkscope.api.Reply.json;
import static io.linkscope.api.Reply.tenant;

/**
 * Reading stores, and the store changes that are not imports (delete, status). Those go to the one writer over the
 * event bus, which announces the store's identifiers so every tenant sharing them is refreshed.
 */
final class StoreRoutes {
    private static final DeliveryOptions WRITE = new DeliveryOptions().setSendTimeout(120_000);

    private final Vertx vertx;
    private final GraphReader reader;
    private final int maxTextLength;

    StoreRoutes(Vertx vertx, GraphReader reader, int maxTextLength) {
        this.vertx = vertx;
        this.reader = reader;
        this.maxTextLength = maxTextLength;
    }

    void listStores(RoutingContext ctx) {
        String tenant = tenant(ctx);
        blocking(vertx, ctx, () -> reader.stores(tenant)).onSuccess(stores -> json(ctx, 200,
                new JsonObject().put("tenant", tenant).put("stores", new JsonArray(stores.stream().map(JsonObject::mapFrom).toList()))));
    }

    void getStore(RoutingContext ctx) {
        String tenant = tenant(ctx);
        String key = ctx.pathParam("storeKey");
        blocking(vertx, ctx, () -> reader.store(tenant, key).map(s -> JsonObject.mapFrom(s)
                        .put("attributes", new JsonArray(reader.attributes(tenant, key).stream().map(JsonObject::mapFrom).toList()))
                        .put("statusHistory", new JsonArray(reader.statusHistory(tenant, key).stream().map(JsonObject::mapFrom).toList()))))
                .onSuccess(store -> found(ctx, store, "no store " + key + " in tenant " + tenant));
    }

    void deleteStore(RoutingContext ctx) {
        String tenant = tenant(ctx);
        String key = ctx.pathParam("storeKey");
        send(ctx, new StoreCommand.Delete(tenant, key), r -> ctx.response().setStatusCode(204).end());
    }

    void recordStatus(RoutingContext ctx) {
        String tenant = tenant(ctx);
        String key = ctx.pathParam("storeKey");
        JsonObject body = ctx.body().asJsonObject();
        Instant at;
        try {
            at = body.getString("at") == null ? Instant.now() : Instant.parse(body.getString("at"));
        } catch (DateTimeParseException e) {
            throw ClientError.badRequest("at must be an ISO-8601 instant such as 2026-11-01T00:00:00Z");
        }
        String note = body.getString("note");
        String problem = TextRules.problem(note, maxTextLength);
        if (problem != null) throw ClientError.badRequest("note " + problem);
        send(ctx, new StoreCommand.RecordStatus(tenant, key, body.getString("status"), at, note), r ->
                json(ctx, 200, new JsonObject().put("store", key).put("previous", r.previous()).put("status", r.status())));
    }

    private void send(RoutingContext ctx, StoreCommand command, java.util.function.Consumer<StoreCommand.Result> ok) {
        vertx.eventBus().<StoreCommand.Result>request(Addresses.GRAPH_WRITE, command, WRITE).onFailure(ctx::fail).onSuccess(m -> {
            if (!m.body().found()) {
                Problem.send(ctx, 404, "Not Found", "no store " + command.storeKey() + " in tenant " + command.tenant());
                return;
            }
            ok.accept(m.body());
        });
    }
}
