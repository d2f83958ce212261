package io.linkscope.api;

import io.linkscope.Addresses;
import io.linkscope.analysis.AnalysisService;
import io.linkscope.analysis.TenantAnalysis;
import io.linkscope.report.ReportFormat;
import io.linkscope.report.ReportJson;
import io.linkscope.collect.ImportMode;
import io.linkscope.collect.ImportOutcome;
import io.linkscope.collect.ImportRequest;
import io.linkscope.collect.ImportVerticle;
import io.linkscope.collect.PortfolioParser;
import io.linkscope.collect.PortfolioValidator;
import io.linkscope.config.AppConfig;
import io.linkscope.graph.GraphClient;
import io.linkscope.graph.GraphReader;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Callable;

/**
 * The HTTP face of linkscope: a thin router. Handlers read the request, hand work to the event bus or a
 * blocking call off the loop, and answer; errors go out through {@link Problem}.
 */
public final class ApiVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(ApiVerticle.class);
    private static final String TENANT_PATH = "/api/v1/tenants/:tenant";

    private final AppConfig config;
    private final GraphClient graph;
    private final GraphReader reader;
    private final AnalysisService analysis;
    private HttpServer server;

    public ApiVerticle(AppConfig config, GraphClient graph, GraphReader reader, AnalysisService analysis) {
        this.config = config;
        this.graph = graph;
        this.reader = reader;
        this.analysis = analysis;
    }

    public int port() {
        return server == null ? -1 : server.actualPort();
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.get("/health").handler(this::health);
        router.route(TENANT_PATH + "/*").handler(this::checkTenant);
        router.post(TENANT_PATH + "/portfolio")
                .handler(BodyHandler.create(false).setBodyLimit(config.limits().maxBodyBytes()))
                .handler(this::importPortfolio);
        router.get(TENANT_PATH + "/stores").handler(this::listStores);
        router.get(TENANT_PATH + "/stores/:storeKey").handler(this::getStore);
        router.get(TENANT_PATH + "/stores/:storeKey/links").handler(this::storeLinks);
        router.get(TENANT_PATH + "/linkage").handler(ctx -> analysed(ctx, ReportJson::linkage));
        router.get(TENANT_PATH + "/concentration").handler(ctx -> analysed(ctx, ReportJson::concentration));
        router.get(TENANT_PATH + "/report").handler(this::report);
        router.get(TENANT_PATH + "/risk").handler(this::risk);
        router.get(TENANT_PATH + "/recommendations").handler(ctx -> analysed(ctx, ReportJson::recommendations));
        router.get(TENANT_PATH + "/blast-radius").handler(this::blastRadius);
        router.route().last().handler(ctx -> Problem.send(ctx, 404, "Not Found", "no such resource: " + ctx.request().path()));
        router.route().failureHandler(this::failure);
        return vertx.createHttpServer()
                .requestHandler(router)
                .listen(config.server().port(), config.server().host())
                .onSuccess(s -> server = s);
    }

    private void health(RoutingContext ctx) {
        blocking(ctx, graph::healthy).onSuccess(up -> ctx.response()
                .setStatusCode(up ? 200 : 503)
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("status", up ? "up" : "down")
                        .put("neo4j", new JsonObject().put("reachable", up).put("embedded", graph.embedded())).encode()));
    }

    private void checkTenant(RoutingContext ctx) {
        String tenant = ctx.pathParam("tenant");
        if (tenant == null || !PortfolioValidator.TENANT.matcher(tenant).matches()) {
            Problem.send(ctx, 400, "Bad Request", "tenant must match " + PortfolioValidator.TENANT.pattern());
            return;
        }
        ctx.next();
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
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        ImportRequest request = new ImportRequest(ctx.pathParam("tenant"), body, format, mode, "http");
        vertx.eventBus().<ImportOutcome>request(Addresses.IMPORT, request, ImportVerticle.WRITE_OPTIONS)
                .onSuccess(reply -> {
                    ImportOutcome outcome = reply.body();
                    JsonObject json = JsonObject.mapFrom(outcome);
                    if (!outcome.written() && !outcome.errors().isEmpty()) {
                        Problem.send(ctx, 400, "Invalid portfolio", outcome.errors().size()
                                        + " problem(s) found; nothing was written", outcome.errors(),
                                new JsonObject().put("warnings", json.getJsonArray("warnings")));
                    } else {
                        ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(json.encode());
                    }
                })
                .onFailure(ctx::fail);
    }

    private void listStores(RoutingContext ctx) {
        String tenant = ctx.pathParam("tenant");
        blocking(ctx, () -> reader.stores(tenant)).onSuccess(stores -> json(ctx, 200,
                new JsonObject().put("tenant", tenant).put("stores", new JsonArray(stores.stream().map(JsonObject::mapFrom).toList()))));
    }

    private void getStore(RoutingContext ctx) {
        String tenant = ctx.pathParam("tenant");
        String key = ctx.pathParam("storeKey");
        blocking(ctx, () -> reader.store(tenant, key).map(s -> JsonObject.mapFrom(s)
                        .put("attributes", new JsonArray(reader.attributes(tenant, key).stream().map(JsonObject::mapFrom).toList()))
                        .put("statusHistory", new JsonArray(reader.statusHistory(tenant, key).stream().map(JsonObject::mapFrom).toList()))))
                .onSuccess(store -> store.ifPresentOrElse(s -> json(ctx, 200, s),
                        () -> Problem.send(ctx, 404, "Not Found", "no store " + key + " in tenant " + tenant)));
    }

    /**
     * Analysis results for an existing tenant; a tenant with no stores is a 404, not an empty analysis. The view
     * runs off the event loop too: some views (revenue at risk, worst blast radius) compute on first use.
     */
    private void analysed(RoutingContext ctx, java.util.function.Function<TenantAnalysis, JsonObject> view) {
        String tenant = ctx.pathParam("tenant");
        blocking(ctx, () -> {
            TenantAnalysis t = analysis.result(tenant);
            return t.snapshot().stores().isEmpty() ? java.util.Optional.<JsonObject>empty() : java.util.Optional.of(view.apply(t));
        }).onSuccess(doc -> doc.ifPresentOrElse(d -> json(ctx, 200, d),
                () -> Problem.send(ctx, 404, "Not Found", "tenant " + tenant + " has no stores; import a portfolio first")));
    }

    private void storeLinks(RoutingContext ctx) {
        String tenant = ctx.pathParam("tenant");
        String key = ctx.pathParam("storeKey");
        blocking(ctx, () -> ReportJson.storeLinks(analysis.result(tenant), key)).onSuccess(doc -> doc.ifPresentOrElse(
                d -> json(ctx, 200, d), () -> Problem.send(ctx, 404, "Not Found", "no store " + key + " in tenant " + tenant)));
    }

    private void risk(RoutingContext ctx) {
        Integer trials;
        Long seed;
        try {
            trials = ctx.request().getParam("trials") == null ? null : Integer.valueOf(ctx.request().getParam("trials"));
            seed = ctx.request().getParam("seed") == null ? null : Long.valueOf(ctx.request().getParam("seed"));
        } catch (NumberFormatException e) {
            Problem.send(ctx, 400, "Bad Request", "trials and seed must be integers");
            return;
        }
        if (trials != null && (trials < 100 || trials > 1_000_000)) {
            Problem.send(ctx, 400, "Bad Request", "trials must be between 100 and 1,000,000");
            return;
        }
        analysed(ctx, t -> ReportJson.risk(trials == null && seed == null ? t.risk()
                : analysis.risk(t, trials == null ? t.risk().trials() : trials, seed == null ? t.risk().seed() : seed)));
    }

    private void blastRadius(RoutingContext ctx) {
        String store = ctx.request().getParam("store");
        if (store == null || store.isBlank()) {
            analysed(ctx, ReportJson::worstBlastRadius);
            return;
        }
        String tenant = ctx.pathParam("tenant");
        blocking(ctx, () -> analysis.blastRadius(analysis.result(tenant), store)).onSuccess(r -> r.ifPresentOrElse(
                b -> json(ctx, 200, JsonObject.mapFrom(b)), () -> Problem.send(ctx, 404, "Not Found", "no store " + store + " in tenant " + tenant)));
    }

    private void report(RoutingContext ctx) {
        String format = ctx.request().getParam("format", "json");
        if (!ReportFormat.supported(format)) {
            Problem.send(ctx, 400, "Bad Request", "format must be one of " + ReportFormat.SUPPORTED);
            return;
        }
        String tenant = ctx.pathParam("tenant");
        blocking(ctx, () -> {
            TenantAnalysis t = analysis.result(tenant);
            return t.snapshot().stores().isEmpty() ? java.util.Optional.<ReportFormat.Rendered>empty()
                    : java.util.Optional.of(ReportFormat.render(t, format));
        }).onSuccess(r -> r.ifPresentOrElse(rendered -> ctx.response().putHeader("Content-Type", rendered.contentType()).end(rendered.body()),
                () -> Problem.send(ctx, 404, "Not Found", "tenant " + tenant + " has no stores; import a portfolio first")));
    }

    private <T> Future<T> blocking(RoutingContext ctx, Callable<T> work) {
        return vertx.executeBlocking(work, false).onFailure(ctx::fail);
    }

    static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    private void failure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        int status = ctx.statusCode();
        if (failure instanceof GraphClient.GraphUnavailableException
                || (failure instanceof ReplyException re && re.failureCode() == 503)) {
            ctx.response().putHeader("Retry-After", "5");
            Problem.send(ctx, 503, "Service Unavailable", "the graph database is unreachable; retry shortly");
            return;
        }
        if (failure instanceof ReplyException re && re.failureCode() == 400) {
            Problem.send(ctx, 400, "Bad Request", re.getMessage());
            return;
        }
        if (status == 413) {
            Problem.send(ctx, 413, "Payload Too Large", "the body exceeds the limit maxBodyBytes="
                    + config.limits().maxBodyBytes());
            return;
        }
        if (status >= 400 && status < 500) {
            Problem.send(ctx, status, status == 400 ? "Bad Request" : "Client Error", "the request was not accepted");
            return;
        }
        LOG.error("unhandled failure on {} {}", ctx.request().method(), ctx.request().path(), failure);
        Problem.send(ctx, 500, "Internal Server Error", "an unexpected error occurred; it has been logged");
    }
}
