package io.linkscope.api;

import io.linkscope.analysis.AnalysisService;
import io.linkscope.analysis.check.CandidateChecker;
import io.linkscope.collect.ImportProblem;
import io.linkscope.collect.PortfolioParser;
import io.linkscope.collect.PortfolioValidator;
import io.linkscope.collect.ValidatedImport;
import io.linkscope.report.CheckReport;
import io.linkscope.report.Messages;
import io.linkscope.runtime.Metrics;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

import static io.linkscope.api.Reply.blocking;
import static io.linkscope.api.Reply.json;
import static io.linkscope.api.Reply.tenant;

/**
 * {@code POST …/checks}: would these planned stores link, and to what? The candidates go through the import's parser
 * and validator (so an invalid one gets the import's problem with every location) and then through the same linkage
 * update an import would run, in memory: nothing is written, no cache another request reads is touched, no webhook
 * fires. Checks are limited per key, because each one also says (as a band, above the threshold) whether other
 * portfolios hold the identifiers: without a limit that would be a free probe.
 */
final class CheckRoutes {
    private final Vertx vertx;
    private final PortfolioValidator validator;
    private final AnalysisService analysis;
    private final RateLimits limits;
    private final Metrics metrics;
    private final int maxCandidates;
    private final double minWeight;
    private final PortfolioParser parser = new PortfolioParser();

    CheckRoutes(Vertx vertx, PortfolioValidator validator, AnalysisService analysis, RateLimits limits, Metrics metrics,
                int maxCandidates, double minWeight) {
        this.vertx = vertx;
        this.validator = validator;
        this.analysis = analysis;
        this.limits = limits;
        this.metrics = metrics;
        this.maxCandidates = maxCandidates;
        this.minWeight = minWeight;
    }

    void check(RoutingContext ctx) {
        PortfolioParser.Format format = PortfolioParser.Format.detect(ctx.request().getHeader("Content-Type"));
        if (format == null) {
            Problem.send(ctx, 415, "Unsupported Media Type", "send application/json, application/x-ndjson or text/csv");
            return;
        }
        limits.take(ctx, "check");
        String tenant = tenant(ctx);
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        Messages words = Language.of(ctx);
        blocking(vertx, ctx, () -> {
            ValidatedImport v = validator.validate(tenant, parser.parse(body, format));
            if (!v.errors().isEmpty()) return Problem.document(words, 400, "Invalid portfolio", "", v.errors(),
                    new JsonObject().put("written", false), ctx.request().path());
            if (v.batch().stores().isEmpty()) return problem(words, ctx, "a check needs at least one planned store");
            if (v.batch().stores().size() > maxCandidates) {
                return problem(words, ctx, "a check takes at most " + maxCandidates + " planned stores (the limit maxCheckCandidates)");
            }
            CandidateChecker.Result result = analysis.check(tenant, v.batch().stores(), v.batch().observations());
            result.candidates().forEach(c -> metrics.checked(c.verdict()));
            return CheckReport.json(tenant, result, minWeight, words);
        }).onSuccess(doc -> {
            if (doc.containsKey("status") && doc.containsKey("type")) {
                metrics.checked("invalid");
                Problem.send(ctx, doc);
            } else {
                json(ctx, 200, doc);
            }
        });
    }

    private static JsonObject problem(Messages words, RoutingContext ctx, String detail) {
        return Problem.document(words, 400, "Bad Request", detail, List.<ImportProblem>of(), null, ctx.request().path());
    }
}
