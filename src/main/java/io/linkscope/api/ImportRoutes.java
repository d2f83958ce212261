package io.linkscope.api;

import io.linkscope.runtime.Addresses;
import io.linkscope.collect.ImportMode;
import io.linkscope.collect.ImportOutcome;
import io.linkscope.collect.ImportRequest;
import io.linkscope.collect.ImportVerticle;
import io.linkscope.collect.PortfolioParser;
import io.linkscope.graph.GraphReader;
import io.linkscope.graph.GraphReader.ImportReceiptView;
import io.linkscope.report.Messages;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every route that writes through the import path (portfolio, PUT of a store, disclosures, generic identifiers).
 * An answer is the truth: 200 only after the commit, 400/5xx only once nothing was written. An import that is still
 * running when {@code importWaitMs} has passed is answered 202 with its resource ({@code GET …/imports/{id}}), which
 * says committed only when the import's receipt, committed with its data, is in the graph. {@code Idempotency-Key}
 * makes a retried POST return the first attempt's answer instead of importing twice.
 */
final class ImportRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(ImportRoutes.class);
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final Vertx vertx;
    private final GraphReader reader;
    private final ImportJobs jobs;
    private final long waitMs;

    ImportRoutes(Vertx vertx, GraphReader reader, ImportJobs jobs, long waitMs) {
        this.vertx = vertx;
        this.reader = reader;
        this.jobs = jobs;
        this.waitMs = waitMs;
    }

    void importPortfolio(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("Content-Type");
        PortfolioParser.Format format = PortfolioParser.Format.detect(contentType);
        if (format == null) {
            Problem.send(ctx, 415, "Unsupported Media Type", "send application/json, application/x-ndjson or text/csv");
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
        submit(ctx, new ImportRequest(tenant(ctx), body, format, mode, "http"));
    }

    /** PUT of one store: a one-store document whose key must match the path, replacing the store's attributes. */
    void putStore(RoutingContext ctx) {
        String key = ctx.pathParam("storeKey");
        JsonObject store = ctx.body().asJsonObject();
        String bodyKey = str(store, "platform").toLowerCase(Locale.ROOT) + ":" + str(store, "marketplace").toUpperCase(Locale.ROOT)
                + ":" + str(store, "storeId");
        if (!bodyKey.equals(key)) {
            Problem.send(ctx, 400, "Bad Request", "the body describes store " + bodyKey + " but the path names " + key);
            return;
        }
        JsonObject doc = new JsonObject().put("format", PortfolioParser.FORMAT_TAG).put("stores", new JsonArray().add(store));
        submit(ctx, new ImportRequest(tenant(ctx), doc.toBuffer().getBytes(), PortfolioParser.Format.JSON,
                ImportMode.ALL_OR_NOTHING, "http", true));
    }

    /** {@code POST …/disclosures} and {@code …/generic-identifiers}: the same sections as in a portfolio document. */
    void wrappedImport(RoutingContext ctx, String section) {
        JsonObject doc = new JsonObject().put("format", PortfolioParser.FORMAT_TAG).put("stores", new JsonArray())
                .put(section, ctx.body().asJsonObject().getJsonArray(section));
        submit(ctx, new ImportRequest(tenant(ctx), doc.toBuffer().getBytes(), PortfolioParser.Format.JSON,
                ImportMode.ALL_OR_NOTHING, "http"));
    }

    /** {@code GET …/imports/{importId}}: pending, committed with its counts, rejected or failed with the problems. */
    void getImport(RoutingContext ctx) {
        String tenant = tenant(ctx);
        String id = ctx.pathParam("importId");
        Optional<ImportJobs.Job> job = jobs.byId(tenant, id);
        if (job.isPresent() && job.get().state() != ImportJobs.State.pending) {
            Reply.json(ctx, 200, job.get().status());
            return;
        }
        vertx.executeBlocking(() -> reader.importReceipt(tenant, id, null), false).onFailure(ctx::fail).onSuccess(receipt -> {
            if (receipt.isPresent()) {
                Reply.json(ctx, 200, committed(tenant, receipt.get()));
            } else if (job.isPresent()) {
                ctx.response().putHeader("Retry-After", "1");
                Reply.json(ctx, 200, job.get().status());
            } else {
                Problem.send(ctx, 404, "Not Found", "no import with this id in this tenant (imports are kept for a day)");
            }
        });
    }

    private void submit(RoutingContext ctx, ImportRequest request) {
        String tenant = request.tenant();
        String key = ctx.request().getHeader("Idempotency-Key");
        if (key != null && !IDEMPOTENCY_KEY.matcher(key).matches()) {
            Problem.send(ctx, 400, "Bad Request", "Idempotency-Key must be 1–255 visible ASCII characters");
            return;
        }
        String bodyHash = sha256(request.body());
        if (key == null) {
            start(ctx, request, jobs.create(tenant, null, bodyHash));
            return;
        }
        Optional<ImportJobs.Job> known = jobs.byKey(tenant, key);
        if (known.isPresent()) {
            replay(ctx, known.get().bodyHash, bodyHash, () -> answer(ctx, known.get(), true));
            return;
        }
        vertx.executeBlocking(() -> reader.importReceipt(tenant, null, key), false).onFailure(ctx::fail).onSuccess(receipt -> {
            if (receipt.isPresent()) {
                replay(ctx, receipt.get().bodyHash(), bodyHash, () -> {
                    ctx.response().putHeader("Idempotent-Replayed", "true");
                    Reply.json(ctx, 200, committed(tenant, receipt.get()).getJsonObject("outcome"));
                });
            } else {
                start(ctx, request, jobs.create(tenant, key, bodyHash));
            }
        });
    }

    private static void replay(RoutingContext ctx, String firstHash, String hash, Runnable send) {
        if (!firstHash.equals(hash)) {
            Problem.send(ctx, 422, "Unprocessable Content", "this Idempotency-Key was used with another body; use a new key for a new import");
            return;
        }
        send.run();
    }

    private void start(RoutingContext ctx, ImportRequest request, ImportJobs.Job job) {
        ImportRequest ticketed = request.withTicket(new ImportRequest.Ticket(job.id, job.idempotencyKey, job.bodyHash));
        String instance = ctx.request().path();
        Messages words = Language.of(ctx);
        vertx.eventBus().<ImportOutcome>request(Addresses.IMPORT, ticketed, ImportVerticle.WRITE_OPTIONS)
                .onComplete(ar -> {
                    finish(job, ar, instance, words);
                    answer(ctx, job, false);
                });
        // the answer window closes before the request timeout, so a slow import is never answered 503 while it commits
        vertx.setTimer(waitMs, t -> {
            if (job.state() == ImportJobs.State.pending) answer(ctx, job, false);
        });
    }

    /** The job's answer now: pending is 202 with the resource to poll; otherwise what the import came to. */
    private static void answer(RoutingContext ctx, ImportJobs.Job job, boolean replayed) {
        if (ctx.response().ended()) return;
        String location = "/api/v1/tenants/" + job.tenant + "/imports/" + job.id;
        if (job.state() == ImportJobs.State.pending) {
            ctx.response().putHeader("Location", location).putHeader("Retry-After", "1");
            Reply.json(ctx, 202, new JsonObject().put("id", job.id).put("state", "pending").put("location", location));
            return;
        }
        if (replayed) ctx.response().putHeader("Idempotent-Replayed", "true");
        ImportJobs.Answer a = job.answer();
        if (a.status() >= 400) {
            if (a.status() == 503) ctx.response().putHeader("Retry-After", "5");
            Problem.send(ctx, a.body());
        } else {
            ctx.response().putHeader("Content-Location", location);
            Reply.json(ctx, a.status(), a.body());
        }
    }

    private static void finish(ImportJobs.Job job, AsyncResult<Message<ImportOutcome>> ar, String instance, Messages words) {
        if (ar.succeeded()) {
            ImportOutcome outcome = ar.result().body();
            JsonObject json = JsonObject.mapFrom(outcome).put("importId", job.id);
            if (!outcome.written() && !outcome.errors().isEmpty()) {
                job.finish(ImportJobs.State.rejected, new ImportJobs.Answer(400, Problem.document(words, 400, "Invalid portfolio",
                        outcome.errors().size() + " problem(s) found; nothing was written", outcome.errors(),
                        new JsonObject().put("warnings", json.getJsonArray("warnings")).put("importId", job.id), instance)));
            } else {
                job.finish(ImportJobs.State.committed, new ImportJobs.Answer(200, json));
            }
            return;
        }
        Throwable e = ar.cause();
        int code = e instanceof ReplyException re && re.failureCode() > 0 ? re.failureCode() : 500;
        String detail = switch (code) {
            case 400 -> e.getMessage();
            case 503 -> "the graph database is unreachable; nothing was written; retry shortly";
            default -> "the import failed; nothing was written; it has been logged";
        };
        if (code >= 500 && code != 503) LOG.error("import {} for tenant={} failed: {}", job.id, job.tenant, e.toString());
        job.finish(ImportJobs.State.failed, new ImportJobs.Answer(code, Problem.document(words, code,
                code == 400 ? "Bad Request" : code == 503 ? "Service Unavailable" : "Internal Server Error", detail, List.of(),
                new JsonObject().put("importId", job.id), instance)));
    }

    /** The import resource of a committed import, rebuilt from its receipt. */
    private static JsonObject committed(String tenant, ImportReceiptView r) {
        JsonObject outcome = new JsonObject(r.validation()).put("written", true).put("result", JsonObject.mapFrom(r.result()))
                .put("importId", r.id());
        return new JsonObject().put("id", r.id()).put("tenant", tenant).put("state", "committed")
                .put("finishedAt", r.committedAt()).put("outcome", outcome);
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tenant(RoutingContext ctx) {
        return ctx.pathParam("tenant");
    }

    private static String str(JsonObject o, String field) {
        Object v = o.getValue(field);
        return v == null ? "" : v.toString().strip();
    }
}
