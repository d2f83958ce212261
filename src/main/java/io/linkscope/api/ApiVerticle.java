package io.linkscope.api;

import io.linkscope.analysis.AnalysisService;
import io.linkscope.collect.PortfolioValidator;
import io.linkscope.collect.pull.SourceStatus;
import io.linkscope.config.AppConfig;
import io.linkscope.graph.ApiKeyStore;
import io.linkscope.graph.GraphClient;
import io.linkscope.graph.GraphReader;
import io.linkscope.graph.IntegrationStore;
import io.linkscope.runtime.Metrics;
import io.linkscope.runtime.Readiness;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
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

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP face of linkscope, and only its router: routes come from {@code openapi.yaml} through the Vert.x OpenAPI
 * router, which validates parameters and JSON bodies against it, and each operation is a method of the route group
 * that owns its job (imports, stores, analysis, admin, operations). Cross-cutting handlers (headers, timeout, CORS,
 * body, request id, auth) run first; every error goes out through {@link Failures} as a {@link Problem}.
 */
public final class ApiVerticle extends VerticleBase {
    public static final String CONTRACT = "openapi.yaml";

    /** What the API needs from the rest of the process, passed in explicitly. */
    public record Services(AppConfig config, GraphClient graph, GraphReader reader, AnalysisService analysis,
                           ApiKeyStore keys, IntegrationStore integrations, SourceStatus sources, Metrics metrics,
                           Readiness readiness, PortfolioValidator validator) {
    }

    private final Services s;
    private final ImportJobs jobs = new ImportJobs();
    private HttpServer server;

    public ApiVerticle(Services services) {
        this.s = services;
    }

    public int port() {
        return server == null ? -1 : server.actualPort();
    }

    /** Imports accepted over HTTP and still running here: a graceful stop waits for them. */
    public long pendingImports() {
        return jobs.pending();
    }

    @Override
    public Future<?> start() {
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
                    .listen(s.config().server().port(), s.config().server().host())
                    .onSuccess(h -> server = h);
        });
    }

    /**
     * Stops taking new connections and lets requests in flight finish, for up to {@code grace}; the verticle's own
     * undeployment then closes what is left.
     */
    public Future<Void> shutdown(java.time.Duration grace) {
        return server == null ? Future.succeededFuture() : server.shutdown(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /**
     * A client's acknowledged write (a 2xx to anything but GET, HEAD or a check under a tenant) makes its own later
     * reads of that tenant wait for an analysis that includes it; see {@link AnalysisService#wrote}.
     */
    private static void readYourWrites(RoutingContext ctx, io.linkscope.analysis.AnalysisService analysis) {
        HttpMethod m = ctx.request().method();
        String path = ctx.normalizedPath();
        if (m == HttpMethod.GET || m == HttpMethod.HEAD || !path.startsWith("/api/v1/tenants/") || path.endsWith("/checks")) return;
        var key = Auth.principal(ctx);
        if (key == null) return;
        String rest = path.substring("/api/v1/tenants/".length());
        String tenant = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        // before the answer leaves: the client cannot read before its write is recorded
        ctx.addHeadersEndHandler(v -> {
            int status = ctx.response().getStatusCode();
            if (status >= 200 && status < 300) analysis.wrote(tenant, key.id());
        });
    }

    private Router router(OpenAPIContract contract, String contractText) {
        AppConfig config = s.config();
        Auth auth = new Auth(vertx, s.keys());
        ImportRoutes imports = new ImportRoutes(vertx, s.reader(), jobs, config.server().importWaitMs());
        StoreRoutes stores = new StoreRoutes(vertx, s.reader(), config.limits().maxTextLength());
        AnalysisRoutes analysis = new AnalysisRoutes(vertx, s.analysis(), config.limits().maxRiskTrials(),
                new RateLimits(config.limits().expensivePerMinute()));
        AdminRoutes admin = new AdminRoutes(vertx, s.reader(), s.keys(), auth, s.sources(), s.integrations(),
                !config.webhooks().isEmpty(), config.limits().maxTextLength());
        CheckRoutes checks = new CheckRoutes(vertx, s.validator(), s.analysis(), new RateLimits(config.limits().checksPerMinute()),
                s.metrics(), config.limits().maxCheckCandidates(), s.analysis().settings().linkage().minScore());
        OpsRoutes ops = new OpsRoutes(vertx, s.graph(), s.sources(), s.readiness(), contractText);

        RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler());
        RouteTemplates allowed = RouteTemplates.fromContract();
        // Vert.x Web orders handlers: platform (headers, timeout), then security policy (CORS), then body, then auth
        builder.rootHandler(new SecurityHeaders());
        builder.rootHandler(TimeoutHandler.create(config.server().requestTimeoutMs(), 503));
        List<String> origins = config.server().corsOrigins();
        if (!origins.isEmpty()) {
            CorsHandler cors = CorsHandler.create().allowedHeaders(Set.of("Authorization", "Content-Type", "Idempotency-Key"))
                    .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE))
                    .exposedHeaders(Set.of("Retry-After", "WWW-Authenticate", "Location", "ETag", "X-Request-Id"));
            if (origins.contains("*")) cors.addOrigin("*");
            else cors.addOrigins(origins);
            builder.rootHandler(cors);
        }
        builder.rootHandler(BodyHandler.create(false).setBodyLimit(config.limits().maxBodyBytes()));
        builder.rootHandler(new RequestIds());
        builder.rootHandler(Language.resolver(config.lang()));
        builder.rootHandler(auth::handle);
        builder.rootHandler(ctx -> {
            readYourWrites(ctx, s.analysis());
            ctx.next();
        });

        StaticHandler dashboard = StaticHandler.create("dashboard").setIndexPage("index.html");
        Map<String, Handler<RoutingContext>> operations = Map.ofEntries(
                Map.entry("health", ops::health),
                Map.entry("live", ops::live),
                Map.entry("ready", ops::ready),
                Map.entry("getMetrics", PrometheusScrapingHandler.create(s.metrics().registry())),
                Map.entry("getContract", ops::contract),
                Map.entry("getDashboard", dashboard),
                Map.entry("getCatalog", Language::catalog),
                Map.entry("listTenants", admin::listTenants),
                Map.entry("importPortfolio", imports::importPortfolio),
                Map.entry("getImport", imports::getImport),
                Map.entry("checkStores", checks::check),
                Map.entry("listStores", stores::listStores),
                Map.entry("getStore", stores::getStore),
                Map.entry("putStore", imports::putStore),
                Map.entry("deleteStore", stores::deleteStore),
                Map.entry("recordStatus", stores::recordStatus),
                Map.entry("addDisclosures", ctx -> imports.wrappedImport(ctx, "disclosures")),
                Map.entry("addGenericIdentifiers", ctx -> imports.wrappedImport(ctx, "genericIdentifiers")),
                Map.entry("getLinkage", analysis::linkage),
                Map.entry("getStoreLinks", analysis::storeLinks),
                Map.entry("getConcentration", analysis::concentration),
                Map.entry("getBlastRadius", analysis::blastRadius),
                Map.entry("getRisk", analysis::risk),
                Map.entry("getRecommendations", analysis::recommendations),
                Map.entry("getReport", analysis::report),
                Map.entry("getGraph", analysis::graph),
                Map.entry("listSources", admin::listSources),
                Map.entry("pollSource", admin::pollSource),
                Map.entry("listKeys", admin::listKeys),
                Map.entry("createKey", admin::createKey),
                Map.entry("revokeKey", admin::revokeKey),
                Map.entry("assignTenant", ctx -> admin.assign(ctx, true)),
                Map.entry("unassignTenant", ctx -> admin.assign(ctx, false)));
        for (OpenAPIRoute route : builder.getRoutes()) {
            String id = route.getOperation().getOperationId();
            Handler<RoutingContext> handler = operations.get(id);
            if (handler == null) throw new IllegalStateException("no handler for operation " + id);
            // authentication is the root handler above (it runs before validation, so a stranger gets 401, not 400)
            route.setDoSecurity(false);
            // the import body is CSV, NDJSON or JSON and is checked by the import rules of spec §3, with locations
            if (id.equals("importPortfolio") || id.equals("checkStores")) route.setDoValidation(false);
            route.addHandler(handler);
        }
        Router router = builder.createRouter();
        router.route("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars").setCachingEnabled(true));
        router.route("/*").handler(dashboard);
        router.route().last().handler(ctx -> {
            String allow = allowed.allow(ctx.normalizedPath());
            if (allow != null && !Arrays.asList(allow.split(", ")).contains(ctx.request().method().name())) {
                ctx.response().putHeader("Allow", allow);
                Problem.send(ctx, 405, "Method Not Allowed", ctx.request().method().name() + " is not allowed here; allowed: " + allow);
                return;
            }
            Problem.send(ctx, 404, "Not Found", "no such resource");
        });
        router.route().failureHandler(new Failures(config.limits().maxBodyBytes(), config.server().requestTimeoutMs()));
        return router;
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
}
