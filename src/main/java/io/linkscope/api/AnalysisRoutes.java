package io.linkscope.api;

import io.linkscope.analysis.AnalysisService;
import io.linkscope.analysis.TenantAnalysis;
import io.linkscope.report.Messages;
import io.linkscope.report.ReportFormat;
import io.linkscope.report.ReportJson;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import static io.linkscope.api.Reply.blocking;
import static io.linkscope.api.Reply.found;
import static io.linkscope.api.Reply.integerParam;
import static io.linkscope.api.Reply.tenant;

/** The analysis views of a tenant: linkage, exposure, concentration, blast radius, risk, recommendations, report. */
final class AnalysisRoutes {
    private final Vertx vertx;
    private final AnalysisService analysis;
    private final int maxRiskTrials;
    private final RateLimits expensive;
    private final ResponseCache responses = new ResponseCache(512);

    AnalysisRoutes(Vertx vertx, AnalysisService analysis, int maxRiskTrials, RateLimits expensive) {
        this.vertx = vertx;
        this.analysis = analysis;
        this.maxRiskTrials = maxRiskTrials;
        this.expensive = expensive;
    }

    void linkage(RoutingContext ctx) {
        cached(ctx, "linkage", ReportJson::linkage);
    }

    void concentration(RoutingContext ctx) {
        cached(ctx, "concentration", (t, m) -> ReportJson.concentration(t));
    }

    void recommendations(RoutingContext ctx) {
        cached(ctx, "recommendations", ReportJson::recommendations);
    }

    void graph(RoutingContext ctx) {
        String minLevel = ctx.request().getParam("minLevel", "weak");
        cached(ctx, "graph?" + minLevel, (t, m) -> GraphView.of(t, minLevel, m));
    }

    /**
     * Analysis results for an existing tenant; a tenant with no stores is a 404, not an empty analysis. The view
     * runs off the event loop too: some views (revenue at risk, worst blast radius) compute on first use.
     */
    private void analysed(RoutingContext ctx, Function<TenantAnalysis, JsonObject> view) {
        revisionHeaders(ctx);
        String tenant = tenant(ctx);
        blocking(vertx, ctx, () -> {
            TenantAnalysis t = served(ctx, tenant);
            return t.snapshot().stores().isEmpty() ? Optional.<JsonObject>empty() : Optional.of(view.apply(t));
        }).onSuccess(doc -> found(ctx, doc, "tenant " + tenant + " has no stores; import a portfolio first"));
    }

    /**
     * A cacheable analysis view: answered from memory on the event loop when the analysis is known current and
     * its encoding is cached; otherwise computed off the loop, encoded once, and cached.
     */
    private void cached(RoutingContext ctx, String view, BiFunction<TenantAnalysis, Messages, JsonObject> render) {
        revisionHeaders(ctx);
        String tenant = tenant(ctx);
        Messages words = Language.of(ctx);
        String key = tenant + "\u0000" + view + "\u0000" + words.tag();
        Optional<TenantAnalysis> fresh = analysis.fresh(tenant);
        if (fresh.isPresent() && !fresh.get().snapshot().stores().isEmpty()) {
            ResponseCache.Entry hit = responses.get(key, fresh.get());
            if (hit != null) {
                ctx.put(SERVED, new AnalysisService.Served(fresh.get(), false, 0, false));
                ResponseCache.send(ctx, hit);
                return;
            }
        }
        blocking(vertx, ctx, () -> {
            TenantAnalysis t = served(ctx, tenant);
            if (t.snapshot().stores().isEmpty()) return Optional.<ResponseCache.Entry>empty();
            ResponseCache.Entry e = responses.get(key, t);
            if (e != null) return Optional.of(e);
            AnalysisService.Served s = ctx.get(SERVED);
            if (!responses.claim(key, t)) {
                // another request is encoding this answer: a client that need not read its own write gets the last
                // one encoded, marked stale, instead of encoding it again
                ResponseCache.Entry last = responses.latest(key);
                if (last != null && !s.mustBeCurrent() && last.analysis().version() <= t.version()) {
                    ctx.put(SERVED, new AnalysisService.Served(last.analysis(), true, analysis.ageOf(last.analysis()), false));
                    return Optional.of(last);
                }
                return Optional.of(responses.put(key, t, render.apply(t, words)));
            }
            try {
                return Optional.of(responses.put(key, t, render.apply(t, words)));
            } finally {
                responses.encoded(key);
            }
        }).onSuccess(e -> e.ifPresentOrElse(entry -> ResponseCache.send(ctx, entry), () -> Problem.send(ctx, 404, "Not Found",
                "tenant " + tenant + " has no stores; import a portfolio first")));
    }

    private static final String SERVED = "linkscope.served";

    /**
     * Blocking: the analysis a read answers from. Its revision goes on the answer ({@code X-Linkscope-Analysis-Revision},
     * the tenant's graph version it was computed at) and, when a newer one is still being built, {@code Age}: the
     * headers are written on the event loop as the answer's headers end.
     */
    private TenantAnalysis served(RoutingContext ctx, String tenant) {
        var key = Auth.principal(ctx);
        AnalysisService.Served s = analysis.serve(tenant, key == null ? null : key.id());
        ctx.put(SERVED, s);
        return s.analysis();
    }

    /** On the event loop, before the work: the revision headers of whatever analysis the answer comes from. */
    private static void revisionHeaders(RoutingContext ctx) {
        ctx.addHeadersEndHandler(v -> {
            AnalysisService.Served s = ctx.get(SERVED);
            if (s == null || ctx.response().getStatusCode() >= 300 && ctx.response().getStatusCode() != 304) return;
            ctx.response().putHeader("X-Linkscope-Analysis-Revision", Long.toString(s.analysis().version()));
            if (s.stale()) ctx.response().putHeader("Age", Long.toString(Math.max(0, s.ageMillis() / 1000)));
        });
    }

    void storeLinks(RoutingContext ctx) {
        revisionHeaders(ctx);
        String tenant = tenant(ctx);
        String key = ctx.pathParam("storeKey");
        blocking(vertx, ctx, () -> ReportJson.storeLinks(served(ctx, tenant), key, Language.of(ctx)))
                .onSuccess(doc -> found(ctx, doc, "no store " + key + " in tenant " + tenant));
    }

    void risk(RoutingContext ctx) {
        Long trialsParam = integerParam(ctx, "trials", 100, maxRiskTrials,
                "trials must be an integer from 100 to " + maxRiskTrials + " (the limit maxRiskTrials)");
        Long seed = integerParam(ctx, "seed", Long.MIN_VALUE, Long.MAX_VALUE, "seed must be a 64-bit integer");
        Integer trials = trialsParam == null ? null : trialsParam.intValue();
        if (trials != null || seed != null) expensive.take(ctx, "Monte Carlo");
        analysed(ctx, t -> ReportJson.risk(trials == null && seed == null ? t.risk()
                : analysis.risk(t, trials == null ? t.risk().trials() : trials, seed == null ? t.risk().seed() : seed)));
    }

    void blastRadius(RoutingContext ctx) {
        String store = ctx.request().getParam("store");
        if (store == null || store.isBlank()) {
            cached(ctx, "blast-radius", (t, m) -> ReportJson.worstBlastRadius(t));
            return;
        }
        revisionHeaders(ctx);
        String tenant = tenant(ctx);
        blocking(vertx, ctx, () -> analysis.blastRadius(served(ctx, tenant), store).map(JsonObject::mapFrom))
                .onSuccess(doc -> found(ctx, doc, "no store " + store + " in tenant " + tenant));
    }

    void report(RoutingContext ctx) {
        String format = ctx.request().getParam("format", "json");
        if (!ReportFormat.supported(format)) {
            Problem.send(ctx, 400, "Bad Request", "format must be one of " + ReportFormat.SUPPORTED);
            return;
        }
        expensive.take(ctx, "report");
        revisionHeaders(ctx);
        String tenant = tenant(ctx);
        blocking(vertx, ctx, () -> {
            TenantAnalysis t = served(ctx, tenant);
            return t.snapshot().stores().isEmpty() ? Optional.<ReportFormat.Rendered>empty()
                    : Optional.of(ReportFormat.render(t, format, Language.of(ctx)));
        }).onSuccess(r -> r.ifPresentOrElse(rendered -> {
                    if (rendered.contentType().startsWith("text/html")) SecurityHeaders.document(ctx);
                    ctx.response().putHeader("Content-Type", rendered.contentType())
                            .putHeader("Content-Language", Language.of(ctx).tag()).end(rendered.body());
                },
                () -> Problem.send(ctx, 404, "Not Found", "tenant " + tenant + " has no stores; import a portfolio first")));
    }
}
