package io.linkscope.api;

import io.linkscope.Addresses;
import io.linkscope.App;
import io.linkscope.analysis.AnalysisService;
import io.linkscope.analysis.TenantAnalysis;
import io.linkscope.collect.ImportMode;
import io.linkscope.collect.ImportOutcome;
import io.linkscope.collect.ImportRequest;
import io.linkscope.collect.ImportVerticle;
import io.linkscope.collect.PortfolioParser;
import io.linkscope.config.AppConfig;
import io.linkscope.graph.ApiKeyStore;
import io.linkscope.graph.GraphChanged;
import io.linkscope.graph.GraphClient;
import io.linkscope.graph.GraphReader;
import io.linkscope.graph.GraphWriter;
import io.linkscope.report.ReportFormat;
import io.linkscope.report.ReportJson;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.TimeoutHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.ValidatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The HTTP face of linkscope. Routes come from {@code openapi.yaml} through the Vert.x OpenAPI router, which
 * validates parameters and JSON bodies against it; handlers read the request, hand work to the event bus or a
 * blocking call off the loop, and answer. Every error goes out through {@link Problem}.
 */
public final class ApiVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(ApiVerticle.class);
    public static final String CONTRACT = "openapi.yaml";

    private final AppConfig config;
    private final GraphClient graph;
    private final GraphReader reader;
    private final GraphWriter writer;
    private final AnalysisService analysis;
    private final ApiKeyStore keys;
    private final App app;
    private Auth auth;
    private final ResponseCache responses = new ResponseCache(512);
    private HttpServer server;

    public ApiVerticle(App app) {
        this.app = app;
        this.config = app.config();
        this.graph = app.graph();
        this.reader = app.reader();
        this.writer = app.writer();
        this.analysis = app.analysis();
        this.keys = app.keys();
    }

    public int port() {
        return server == null ? -1 : server.actualPort();
    }

    @Override
    public Future<?> start() {
        auth = new Auth(vertx, keys);
        String contractText;
        try (var in = ApiVerticle.class.getClassLoader().getResourceAsStream(CONTRACT)) {
            contractText = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException | NullPointerException e) {
            return Future.failedFuture(new IllegalStateException("the OpenAPI contract " + CONTRACT + " is missing"));
        }
        return OpenAPIContract.from(vertx, routable(contractText)).recover(e -> Future.failedFuture(
                new IllegalStateException(CONTRACT + " is not a valid contract: " + causes(e), e))).compose(contract -> {
            Router router = router(contract, contractText);
            return vertx.createHttpServer()
                    .requestHandler(router)
                    .listen(config.server().port(), config.server().host())
                    .onSuccess(s -> server = s);
        });
    }

    private Router router(OpenAPIContract contract, String contractText) {
        RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
        // Vert.x Web orders handlers: platform (timeout), then security policy (CORS), then body, then auth
        builder.rootHandler(TimeoutHandler.create(config.server().requestTimeoutMs(), 503));
        List<String> origins = config.server().corsOrigins();
        if (!origins.isEmpty()) {
            CorsHandler cors = CorsHandler.create().allowedHeaders(Set.of("Authorization", "Content-Type"))
                    .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE))
                    .exposedHeaders(Set.of("Retry-After", "WWW-Authenticate"));
            if (origins.contains("*")) cors.addOrigin("*");
            else cors.addOrigins(origins);
            builder.rootHandler(cors);
        }
        builder.rootHandler(BodyHandler.create(false).setBodyLimit(config.limits().maxBodyBytes()));
        builder.rootHandler(ApiVerticle::requestId);
        builder.rootHandler(Language.resolver(config.lang()));
        builder.rootHandler(auth::handle);

        Map<String, Handler<RoutingContext>> ops = Map.ofEntries(
                Map.entry("health", this::health),
                Map.entry("listTenants", this::listTenants),
                Map.entry("importPortfolio", this::importPortfolio),
                Map.entry("listStores", this::listStores),
                Map.entry("getStore", this::getStore),
                Map.entry("putStore", this::putStore),
                Map.entry("deleteStore", this::deleteStore),
                Map.entry("recordStatus", this::recordStatus),
                Map.entry("addDisclosures", ctx -> wrappedImport(ctx, "disclosures")),
                Map.entry("addGenericIdentifiers", ctx -> wrappedImport(ctx, "genericIdentifiers")),
                Map.entry("getLinkage", ctx -> cached(ctx, "linkage", ReportJson::linkage)),
                Map.entry("getStoreLinks", this::storeLinks),
                Map.entry("getConcentration", ctx -> cached(ctx, "concentration", (t, m) -> ReportJson.concentration(t))),
                Map.entry("getBlastRadius", this::blastRadius),
                Map.entry("getRisk", this::risk),
                Map.entry("getRecommendations", ctx -> cached(ctx, "recommendations", ReportJson::recommendations)),
                Map.entry("getReport", this::report),
                Map.entry("getGraph", ctx -> {
                    String minLevel = ctx.request().getParam("minLevel", "weak");
                    cached(ctx, "graph?" + minLevel, (t, m) -> GraphView.of(t, minLevel, m));
                }),
                Map.entry("listSources", this::listSources),
                Map.entry("pollSource", this::pollSource),
                Map.entry("listKeys", this::listKeys),
                Map.entry("createKey", this::createKey),
                Map.entry("revokeKey", this::revokeKey),
                Map.entry("assignTenant", ctx -> assign(ctx, true)),
                Map.entry("unassignTenant", ctx -> assign(ctx, false)));
        for (OpenAPIRoute route : builder.getRoutes()) {
            String id = route.getOperation().getOperationId();
            Handler<RoutingContext> handler = ops.get(id);
            if (handler == null) throw new IllegalStateException("no handler for operation " + id);
            // authentication is the root handler above (it runs before validation, so a stranger gets 401, not 400)
            route.setDoSecurity(false);
            // the import body is CSV, NDJSON or JSON and is checked by the import rules of spec §3, with locations
            if (id.equals("importPortfolio")) route.setDoValidation(false);
            route.addHandler(handler);
        }
        Router router = builder.createRouter();
        router.get("/i18n/:file").handler(Language::catalog);
        router.get("/openapi.yaml").handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml").end(contractText));
        router.get("/metrics").handler(PrometheusScrapingHandler.create(app.metrics().registry()));
        router.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars").setCachingEnabled(true));
        router.route("/*").handler(StaticHandler.create("dashboard").setIndexPage("index.html"));
        router.route().last().handler(ctx -> Problem.send(ctx, 404, "Not Found", "no such resource: " + ctx.request().path()));
        router.route().failureHandler(this::failure);
        return router;
    }

    // ---- operations ---------------------------------------------------------------------------------

    private void health(RoutingContext ctx) {
        vertx.executeBlocking(graph::healthy, false).otherwise(false).onSuccess(up -> ctx.response()
                .setStatusCode(up ? 200 : 503)
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("status", up ? "up" : "down")
                        .put("neo4j", new JsonObject().put("reachable", up).put("embedded", graph.embedded()))
                        .put("sources", app.sources().summary()).encode()));
    }

    private void listSources(RoutingContext ctx) {
        Future<JsonObject> hooks = app.config().webhooks().isEmpty()
                ? Future.succeededFuture(new JsonObject().put("hooks", new JsonArray()))
                : vertx.eventBus().<JsonObject>request(WebhookVerticle.ADDRESS_STATUS, null).map(m -> m.body());
        hooks.compose(h -> vertx.executeBlocking(() -> app.integrations().counts(), false).map(c -> h.copy()
                        .put("pending", c.pending()).put("delivered", c.delivered()).put("failed", c.failed())))
                .onSuccess(h -> json(ctx, 200, new JsonObject().put("sources", app.sources().toJson()).put("webhooks", h)))
                .onFailure(ctx::fail);
    }

    private void pollSource(RoutingContext ctx) {
        String name = ctx.pathParam("source");
        if (!app.sources().has(name)) {
            Problem.send(ctx, 404, "Not Found", "no source named " + name + " is configured");
            return;
        }
        vertx.eventBus().<String>request(io.linkscope.collect.pull.CollectorVerticle.POLL_ADDRESS + name, null)
                .onSuccess(m -> json(ctx, 202, new JsonObject().put("source", name).put("poll", m.body())))
                .onFailure(ctx::fail);
    }

    private void listTenants(RoutingContext ctx) {
        ApiKeyStore.KeyInfo key = Auth.principal(ctx);
        if (key.role() != ApiKeyStore.Role.admin) {
            json(ctx, 200, new JsonObject().put("tenants", new JsonArray(key.tenants().stream().sorted().toList())));
            return;
        }
        blocking(ctx, reader::tenants).onSuccess(t -> json(ctx, 200, new JsonObject().put("tenants", new JsonArray(t))));
    }

    private void importPortfolio(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("Content-Type");
        PortfolioParser.Format format = PortfolioParser.Format.detect(contentType);
        if (format == null) {
            Problem.send(ctx, 415, "Unsupported Media Type",
                    "send application/json, application/x-ndjson or text/csv (got " + contentType + ")");
            return;
        }
        ImportMode mode;
        try {
            mode = ImportMode.parse(ctx.request().getParam("onInvalid"));
        } catch (IllegalArgumentException e) {
            Problem.send(ctx, 400, "Bad Request", e.getMessage());
            return;
        }
        submit(ctx, new ImportRequest(tenant(ctx), body(ctx), format, mode, "http"), 200);
    }

    /** PUT of one store: a one-store document whose key must match the path, replacing the store's attributes. */
    private void putStore(RoutingContext ctx) {
        String key = ctx.pathParam("storeKey");
        JsonObject store = ctx.body().asJsonObject();
        String bodyKey = str(store, "platform").toLowerCase(Locale.ROOT) + ":" + str(store, "marketplace").toUpperCase(Locale.ROOT)
                + ":" + str(store, "storeId");
        if (!bodyKey.equals(key)) {
            Problem.send(ctx, 400, "Bad Request", "the body describes store " + bodyKey + " but the path names " + key);
            return;
        }
        JsonObject doc = new JsonObject().put("format", PortfolioParser.FORMAT_TAG).put("stores", new JsonArray().add(store));
        submit(ctx, new ImportRequest(tenant(ctx), doc.toBuffer().getBytes(), PortfolioParser.Format.JSON, ImportMode.ALL_OR_NOTHING,
                "http", true), 200);
    }

    /** {@code POST …/disclosures} and {@code …/generic-identifiers}: the same sections as in a portfolio document. */
    private void wrappedImport(RoutingContext ctx, String section) {
        JsonObject doc = new JsonObject().put("format", PortfolioParser.FORMAT_TAG).put("stores", new JsonArray())
                .put(section, ctx.body().asJsonObject().getJsonArray(section));
        submit(ctx, new ImportRequest(tenant(ctx), doc.toBuffer().getBytes(), PortfolioParser.Format.JSON, ImportMode.ALL_OR_NOTHING, "http"), 200);
    }

    /** Replies only after the commit: a client never sees an acknowledgement for data that is not in the graph. */
    private void submit(RoutingContext ctx, ImportRequest request, int status) {
        vertx.eventBus().<ImportOutcome>request(Addresses.IMPORT, request, ImportVerticle.WRITE_OPTIONS)
                .onSuccess(reply -> {
                    ImportOutcome outcome = reply.body();
                    JsonObject json = JsonObject.mapFrom(outcome);
                    if (!outcome.written() && !outcome.errors().isEmpty()) {
                        Problem.send(ctx, 400, "Invalid portfolio", outcome.errors().size()
                                        + " problem(s) found; nothing was written", outcome.errors(),
                                new JsonObject().put("warnings", json.getJsonArray("warnings")));
                    } else {
                        json(ctx, status, json);
                    }
                })
                .onFailure(ctx::fail);
    }

    private void listStores(RoutingContext ctx) {
        String tenant = tenant(ctx);
        blocking(ctx, () -> reader.stores(tenant)).onSuccess(stores -> json(ctx, 200,
                new JsonObject().put("tenant", tenant).put("stores", new JsonArray(stores.stream().map(JsonObject::mapFrom).toList()))));
    }

    private void getStore(RoutingContext ctx) {
        String tenant = tenant(ctx);
        String key = ctx.pathParam("storeKey");
        blocking(ctx, () -> reader.store(tenant, key).map(s -> JsonObject.mapFrom(s)
                        .put("attributes", new JsonArray(reader.attributes(tenant, key).stream().map(JsonObject::mapFrom).toList()))
                        .put("statusHistory", new JsonArray(reader.statusHistory(tenant, key).stream().map(JsonObject::mapFrom).toList()))))
                .onSuccess(store -> found(ctx, store, "no store " + key + " in tenant " + tenant));
    }

    private void deleteStore(RoutingContext ctx) {
        String tenant = tenant(ctx);
        String key = ctx.pathParam("storeKey");
        blocking(ctx, () -> writer.deleteStore(tenant, key)).onSuccess(deleted -> {
            if (!deleted) {
                Problem.send(ctx, 404, "Not Found", "no store " + key + " in tenant " + tenant);
                return;
            }
            changed(tenant, key);
            ctx.response().setStatusCode(204).end();
        });
    }

    private void recordStatus(RoutingContext ctx) {
        String tenant = tenant(ctx);
        String key = ctx.pathParam("storeKey");
        JsonObject body = ctx.body().asJsonObject();
        Instant at;
        try {
            at = body.getString("at") == null ? Instant.now() : Instant.parse(body.getString("at"));
        } catch (DateTimeParseException e) {
            Problem.send(ctx, 400, "Bad Request", "at must be an ISO-8601 instant such as 2026-11-01T00:00:00Z");
            return;
        }
        String status = body.getString("status");
        blocking(ctx, () -> writer.recordStatus(tenant, key, status, at, body.getString("note"))).onSuccess(change -> {
            if (change.isEmpty()) {
                Problem.send(ctx, 404, "Not Found", "no store " + key + " in tenant " + tenant);
                return;
            }
            changed(tenant, key);
            json(ctx, 200, new JsonObject().put("store", key).put("previous", change.get().previous())
                    .put("status", change.get().status()));
        });
    }

    /**
     * Analysis results for an existing tenant; a tenant with no stores is a 404, not an empty analysis. The view
     * runs off the event loop too: some views (revenue at risk, worst blast radius) compute on first use.
     */
    private void analysed(RoutingContext ctx, Function<TenantAnalysis, JsonObject> view) {
        String tenant = tenant(ctx);
        blocking(ctx, () -> {
            TenantAnalysis t = analysis.result(tenant);
            return t.snapshot().stores().isEmpty() ? Optional.<JsonObject>empty() : Optional.of(view.apply(t));
        }).onSuccess(doc -> found(ctx, doc, "tenant " + tenant + " has no stores; import a portfolio first"));
    }

    /**
     * A cacheable analysis view: answered from memory on the event loop when the analysis is known current and
     * its encoding is cached; otherwise computed off the loop, encoded once, and cached.
     */
    private void cached(RoutingContext ctx, String view, java.util.function.BiFunction<TenantAnalysis, io.linkscope.report.Messages, JsonObject> render) {
        String tenant = tenant(ctx);
        io.linkscope.report.Messages words = Language.of(ctx);
        String key = tenant + "\u0000" + view + "\u0000" + words.tag();
        Optional<TenantAnalysis> fresh = analysis.fresh(tenant);
        if (fresh.isPresent() && !fresh.get().snapshot().stores().isEmpty()) {
            ResponseCache.Entry hit = responses.get(key, fresh.get());
            if (hit != null) {
                ResponseCache.send(ctx, hit);
                return;
            }
        }
        blocking(ctx, () -> {
            TenantAnalysis t = analysis.result(tenant);
            if (t.snapshot().stores().isEmpty()) return Optional.<ResponseCache.Entry>empty();
            ResponseCache.Entry e = responses.get(key, t);
            return Optional.of(e != null ? e : responses.put(key, t, render.apply(t, words)));
        }).onSuccess(e -> e.ifPresentOrElse(entry -> ResponseCache.send(ctx, entry), () -> Problem.send(ctx, 404, "Not Found",
                "tenant " + tenant + " has no stores; import a portfolio first")));
    }

    private void storeLinks(RoutingContext ctx) {
        String tenant = tenant(ctx);
        String key = ctx.pathParam("storeKey");
        blocking(ctx, () -> ReportJson.storeLinks(analysis.result(tenant), key, Language.of(ctx)))
                .onSuccess(doc -> found(ctx, doc, "no store " + key + " in tenant " + tenant));
    }

    private void risk(RoutingContext ctx) {
        String trialsParam = ctx.request().getParam("trials");
        String seedParam = ctx.request().getParam("seed");
        Integer trials = trialsParam == null ? null : Integer.valueOf(trialsParam);
        Long seed = seedParam == null ? null : Long.valueOf(seedParam);
        analysed(ctx, t -> ReportJson.risk(trials == null && seed == null ? t.risk()
                : analysis.risk(t, trials == null ? t.risk().trials() : trials, seed == null ? t.risk().seed() : seed)));
    }

    private void blastRadius(RoutingContext ctx) {
        String store = ctx.request().getParam("store");
        if (store == null || store.isBlank()) {
            cached(ctx, "blast-radius", (t, m) -> ReportJson.worstBlastRadius(t));
            return;
        }
        String tenant = tenant(ctx);
        blocking(ctx, () -> analysis.blastRadius(analysis.result(tenant), store).map(JsonObject::mapFrom))
                .onSuccess(doc -> found(ctx, doc, "no store " + store + " in tenant " + tenant));
    }

    private void report(RoutingContext ctx) {
        String format = ctx.request().getParam("format", "json");
        if (!ReportFormat.supported(format)) {
            Problem.send(ctx, 400, "Bad Request", "format must be one of " + ReportFormat.SUPPORTED);
            return;
        }
        String tenant = tenant(ctx);
        blocking(ctx, () -> {
            TenantAnalysis t = analysis.result(tenant);
            return t.snapshot().stores().isEmpty() ? Optional.<ReportFormat.Rendered>empty() : Optional.of(ReportFormat.render(t, format, Language.of(ctx)));
        }).onSuccess(r -> r.ifPresentOrElse(rendered -> ctx.response().putHeader("Content-Type", rendered.contentType())
                        .putHeader("Content-Language", Language.of(ctx).tag()).end(rendered.body()),
                () -> Problem.send(ctx, 404, "Not Found", "tenant " + tenant + " has no stores; import a portfolio first")));
    }

    // ---- admin: keys and consultant assignment -----------------------------------------------------------

    private void listKeys(RoutingContext ctx) {
        blocking(ctx, keys::list).onSuccess(list -> json(ctx, 200,
                new JsonObject().put("keys", new JsonArray(list.stream().map(JsonObject::mapFrom).toList()))));
    }

    private void createKey(RoutingContext ctx) {
        JsonObject body = ctx.body().asJsonObject();
        ApiKeyStore.Role role = ApiKeyStore.Role.parse(body.getString("role"));
        List<String> tenants = new java.util.ArrayList<>();
        if (body.getString("tenant") != null) tenants.add(body.getString("tenant"));
        if (body.getJsonArray("tenants") != null) body.getJsonArray("tenants").forEach(t -> tenants.add((String) t));
        blocking(ctx, () -> keys.create(role, List.copyOf(new java.util.LinkedHashSet<>(tenants)), body.getString("label")))
                .onSuccess(created -> {
                    LOG.info("created API key id={} role={} tenants={}", created.info().id(), role, created.info().tenants());
                    json(ctx, 201, JsonObject.mapFrom(created.info()).put("key", created.secret()));
                });
    }

    private void revokeKey(RoutingContext ctx) {
        String id = ctx.pathParam("keyId");
        blocking(ctx, () -> keys.revoke(id)).onSuccess(revoked -> {
            auth.invalidate();
            if (!revoked) {
                Problem.send(ctx, 404, "Not Found", "no key " + id);
                return;
            }
            LOG.info("revoked API key id={}", id);
            ctx.response().setStatusCode(204).end();
        });
    }

    private void assign(RoutingContext ctx, boolean add) {
        String id = ctx.pathParam("keyId");
        String tenant = tenant(ctx);
        blocking(ctx, () -> {
            Optional<ApiKeyStore.KeyInfo> key = keys.list().stream().filter(k -> k.id().equals(id)).findFirst();
            if (key.isPresent() && key.get().role() != ApiKeyStore.Role.consultant) {
                throw new IllegalArgumentException("only consultant keys are assigned tenants; " + id + " is "
                        + key.get().role());
            }
            return key.isEmpty() ? Optional.<ApiKeyStore.KeyInfo>empty() : keys.assign(id, tenant, add);
        }).onSuccess(key -> {
            auth.invalidate();
            found(ctx, key.map(JsonObject::mapFrom), "no key " + id);
        });
    }

    /**
     * The contract as the Vert.x OpenAPI router can load it. The router validates JSON only, and refuses a
     * contract naming other media types; so {@code problem+json}, CSV, HTML and Markdown responses and the CSV and
     * NDJSON import bodies are left out of the copy it loads. /openapi.yaml serves the whole document, and those
     * bodies are checked by the import rules of spec §3 instead.
     */
    @SuppressWarnings("unchecked")
    static JsonObject routable(String yaml) {
        Map<String, Object> doc = new org.yaml.snakeyaml.Yaml().load(yaml);
        JsonObject contract = new JsonObject(doc);
        contract.remove("webhooks"); // documents what linkscope sends; nothing to route
        java.util.function.Consumer<JsonObject> prune = holder -> {
            JsonObject content = holder.getJsonObject("content");
            if (content == null) return;
            content.fieldNames().removeIf(type -> !io.vertx.openapi.contract.MediaType.isMediaTypeSupported(type));
            if (content.isEmpty()) holder.remove("content");
        };
        JsonObject responses = contract.getJsonObject("components").getJsonObject("responses");
        responses.fieldNames().forEach(name -> prune.accept(responses.getJsonObject(name)));
        JsonObject paths = contract.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(path);
            for (String method : item.fieldNames()) {
                if (!(item.getValue(method) instanceof JsonObject op)) continue;
                if (op.getJsonObject("requestBody") != null) prune.accept(op.getJsonObject("requestBody"));
                JsonObject opResponses = op.getJsonObject("responses");
                if (opResponses != null) opResponses.fieldNames().forEach(code -> {
                    if (opResponses.getValue(code) instanceof JsonObject r && !r.containsKey("$ref")) prune.accept(r);
                });
            }
        }
        return contract;
    }

    private static String causes(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null && out.length() < 2000; t = t.getCause()) {
            out.append(t.getMessage());
            if (t instanceof io.vertx.json.schema.JsonSchemaValidationException j) out.append(" at ").append(j.location());
            out.append("; ");
        }
        return out.toString();
    }

    private static final java.util.regex.Pattern REQUEST_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** Echoes a client's X-Request-Id (or makes one) so a client can pair answers with requests, and logs with both. */
    private static void requestId(RoutingContext ctx) {
        String id = ctx.request().getHeader("X-Request-Id");
        if (id == null || !REQUEST_ID.matcher(id).matches()) id = java.util.UUID.randomUUID().toString();
        ctx.response().putHeader("X-Request-Id", id);
        ctx.next();
    }

    // ---- plumbing ---------------------------------------------------------------------------------------

    private static String tenant(RoutingContext ctx) {
        return ctx.pathParam("tenant");
    }

    private static byte[] body(RoutingContext ctx) {
        return ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    }

    private static String str(JsonObject o, String field) {
        Object v = o.getValue(field);
        return v == null ? "" : v.toString().strip();
    }

    /** A write outside the import path (delete, status) tells analysis like the GraphWriter does. */
    private void changed(String tenant, String key) {
        vertx.eventBus().publish(Addresses.GRAPH_CHANGED, new GraphChanged(tenant, List.of(key), Set.of()));
    }

    private static void found(RoutingContext ctx, Optional<JsonObject> doc, String notFound) {
        doc.ifPresentOrElse(d -> json(ctx, 200, d), () -> Problem.send(ctx, 404, "Not Found", notFound));
    }

    private <T> Future<T> blocking(RoutingContext ctx, Callable<T> work) {
        return vertx.executeBlocking(work, false).onFailure(ctx::fail);
    }

    static void json(RoutingContext ctx, int status, JsonObject body) {
        if (ctx.response().ended()) return;
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    private void failure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        // the OpenAPI router reports a validation failure as an HttpException(400) around the ValidatorException
        if (failure instanceof io.vertx.ext.web.handler.HttpException he && he.getCause() != null) failure = he.getCause();
        int status = ctx.statusCode();
        if (failure instanceof GraphClient.GraphUnavailableException
                || (failure instanceof ReplyException re && re.failureCode() == 503)) {
            ctx.response().putHeader("Retry-After", "5");
            Problem.send(ctx, 503, "Service Unavailable", "the graph database is unreachable; nothing was changed; retry shortly");
            return;
        }
        if (failure instanceof ValidatorException ve) {
            Problem.send(ctx, 400, "Bad Request", ve.getMessage());
            return;
        }
        if (failure instanceof IllegalArgumentException || failure instanceof DecodeException
                || (failure instanceof ReplyException re && re.failureCode() == 400)) {
            Problem.send(ctx, 400, "Bad Request", failure.getMessage());
            return;
        }
        if (status == 413) {
            Problem.send(ctx, 413, "Payload Too Large", "the body exceeds the limit maxBodyBytes="
                    + config.limits().maxBodyBytes());
            return;
        }
        if (status == 503 && failure == null) {
            ctx.response().putHeader("Retry-After", "5");
            Problem.send(ctx, 503, "Service Unavailable", "the request took longer than requestTimeoutMs="
                    + config.server().requestTimeoutMs());
            return;
        }
        if (status >= 400 && status < 500) {
            Problem.send(ctx, status, status == 400 ? "Bad Request" : status == 405 ? "Method Not Allowed" : "Client Error",
                    "the request was not accepted");
            return;
        }
        LOG.error("unhandled failure on {} {}", ctx.request().method(), ctx.request().path(), failure);
        Problem.send(ctx, 500, "Internal Server Error", "an unexpected error occurred; it has been logged");
    }
}
