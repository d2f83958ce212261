package io.linkscope.api;

import io.linkscope.collect.TextRules;
import io.linkscope.collect.pull.CollectorVerticle;
import io.linkscope.collect.pull.SourceStatus;
import io.linkscope.graph.ApiKeyStore;
import io.linkscope.graph.GraphReader;
import io.linkscope.graph.IntegrationStore;
import io.linkscope.notify.WebhookVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import static io.linkscope.api.Reply.blocking;
import static io.linkscope.api.Reply.found;
import static io.linkscope.api.Reply.json;
import static io.linkscope.api.Reply.tenant;

/** Tenants a key sees; for admin keys: keys, consultant assignments, pull sources and webhook delivery. */
final class AdminRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(AdminRoutes.class);

    private final Vertx vertx;
    private final GraphReader reader;
    private final ApiKeyStore keys;
    private final Auth auth;
    private final SourceStatus sources;
    private final IntegrationStore integrations;
    private final boolean webhooks;
    private final int maxTextLength;

    AdminRoutes(Vertx vertx, GraphReader reader, ApiKeyStore keys, Auth auth, SourceStatus sources,
                IntegrationStore integrations, boolean webhooks, int maxTextLength) {
        this.vertx = vertx;
        this.reader = reader;
        this.keys = keys;
        this.auth = auth;
        this.sources = sources;
        this.integrations = integrations;
        this.webhooks = webhooks;
        this.maxTextLength = maxTextLength;
    }

    void listTenants(RoutingContext ctx) {
        ApiKeyStore.KeyInfo key = Auth.principal(ctx);
        if (key.role() != ApiKeyStore.Role.admin) {
            json(ctx, 200, new JsonObject().put("tenants", new JsonArray(key.tenants().stream().sorted().toList())));
            return;
        }
        blocking(vertx, ctx, reader::tenants).onSuccess(t -> json(ctx, 200, new JsonObject().put("tenants", new JsonArray(t))));
    }

    void listKeys(RoutingContext ctx) {
        blocking(vertx, ctx, keys::list).onSuccess(list -> json(ctx, 200,
                new JsonObject().put("keys", new JsonArray(list.stream().map(JsonObject::mapFrom).toList()))));
    }

    void createKey(RoutingContext ctx) {
        JsonObject body = ctx.body().asJsonObject();
        ApiKeyStore.Role role = ApiKeyStore.Role.parse(body.getString("role"));
        List<String> tenants = new ArrayList<>();
        if (body.getString("tenant") != null) tenants.add(body.getString("tenant"));
        if (body.getJsonArray("tenants") != null) body.getJsonArray("tenants").forEach(t -> tenants.add((String) t));
        String label = body.getString("label");
        String problem = TextRules.problem(label, maxTextLength);
        if (problem != null) throw ClientError.badRequest("label " + problem);
        blocking(vertx, ctx, () -> {
            try {
                return keys.create(role, List.copyOf(new LinkedHashSet<>(tenants)), label);
            } catch (IllegalArgumentException e) {
                throw ClientError.badRequest(e.getMessage());
            }
        }).onSuccess(created -> {
            LOG.info("created API key id={} role={} tenants={}", created.info().id(), role, created.info().tenants());
            json(ctx, 201, JsonObject.mapFrom(created.info()).put("key", created.secret()));
        });
    }

    void revokeKey(RoutingContext ctx) {
        String id = ctx.pathParam("keyId");
        blocking(vertx, ctx, () -> keys.revoke(id)).onSuccess(revoked -> {
            auth.invalidate();
            if (!revoked) {
                Problem.send(ctx, 404, "Not Found", "no key " + id);
                return;
            }
            LOG.info("revoked API key id={}", id);
            ctx.response().setStatusCode(204).end();
        });
    }

    void assign(RoutingContext ctx, boolean add) {
        String id = ctx.pathParam("keyId");
        String tenant = tenant(ctx);
        blocking(vertx, ctx, () -> {
            Optional<ApiKeyStore.KeyInfo> key = keys.list().stream().filter(k -> k.id().equals(id)).findFirst();
            if (key.isPresent() && key.get().role() != ApiKeyStore.Role.consultant) {
                throw ClientError.badRequest("only consultant keys are assigned tenants; " + id + " is " + key.get().role());
            }
            return key.isEmpty() ? Optional.<ApiKeyStore.KeyInfo>empty() : keys.assign(id, tenant, add);
        }).onSuccess(key -> {
            auth.invalidate();
            found(ctx, key.map(JsonObject::mapFrom), "no key " + id);
        });
    }

    void listSources(RoutingContext ctx) {
        Future<JsonObject> hooks = !webhooks
                ? Future.succeededFuture(new JsonObject().put("hooks", new JsonArray()))
                : vertx.eventBus().<JsonObject>request(WebhookVerticle.ADDRESS_STATUS, null).map(m -> m.body());
        hooks.compose(h -> vertx.executeBlocking(integrations::counts, false).map(c -> h.copy()
                        .put("pending", c.pending()).put("delivered", c.delivered()).put("failed", c.failed())))
                .onSuccess(h -> json(ctx, 200, new JsonObject().put("sources", sources.toJson()).put("webhooks", h)))
                .onFailure(ctx::fail);
    }

    void pollSource(RoutingContext ctx) {
        String name = ctx.pathParam("source");
        if (!sources.has(name)) {
            Problem.send(ctx, 404, "Not Found", "no source named " + name + " is configured");
            return;
        }
        vertx.eventBus().<String>request(CollectorVerticle.POLL_ADDRESS + name, null)
                .onSuccess(m -> json(ctx, 202, new JsonObject().put("source", name).put("poll", m.body())))
                .onFailure(ctx::fail);
    }
}
