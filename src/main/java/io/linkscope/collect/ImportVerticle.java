package io.linkscope.collect;

import io.linkscope.runtime.Addresses;
import io.linkscope.graph.WriteBatch;
import io.linkscope.graph.WriteResult;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one validation path: every collector sends an {@link ImportRequest} here. Parsing and validation
 * run off the event loop (this is deployed as a worker); a valid batch goes to the GraphWriter and the
 * reply waits for its commit.
 */
public final class ImportVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(ImportVerticle.class);
    /**
     * Long imports are legitimate; the writer answers when it committed or failed. An API client has had its 202
     * long before this; if even this passes, the outcome is unknown until the import's receipt shows up.
     */
    public static final DeliveryOptions WRITE_OPTIONS = new DeliveryOptions().setSendTimeout(6 * 3_600_000L);

    private final PortfolioParser parser = new PortfolioParser();
    private final PortfolioValidator validator;
    private final io.linkscope.runtime.Metrics metrics;

    public ImportVerticle(PortfolioValidator validator, io.linkscope.runtime.Metrics metrics) {
        this.validator = validator;
        this.metrics = metrics;
    }

    @Override
    public Future<?> start() {
        return vertx.eventBus().<ImportRequest>consumer(Addresses.IMPORT, this::handle).completion();
    }

    private void handle(Message<ImportRequest> message) {
        ImportRequest request = message.body();
        LOG.info("import accepted tenant={} origin={} bytes={}{}", request.tenant(), request.origin(), request.body().length,
                request.ticket() == null ? "" : " id=" + request.ticket().importId());
        ValidatedImport validated = validate(request);
        boolean write = validated.valid() || request.mode() == ImportMode.SKIP_INVALID;
        WriteBatch batch = request.replaceAttributes() ? validated.batch().replacingAttributes() : validated.batch();
        if (request.cursor() != null) batch = batch.withCursor(request.cursor());
        if (request.ticket() != null) {
            ImportRequest.Ticket t = request.ticket();
            batch = batch.withReceipt(new WriteBatch.Receipt(t.importId(), t.idempotencyKey(), t.bodyHash(),
                    io.vertx.core.json.JsonObject.mapFrom(outcome(validated, null)).encode()));
        }
        if (!write || (batch.size() == 0 && batch.cursor() == null)) {
            LOG.info("import tenant={} origin={} rejected: {} errors, nothing written", request.tenant(),
                    request.origin(), validated.errors().size());
            metrics.imported(request.origin(), "rejected", 0, 0);
            message.reply(outcome(validated, null));
            return;
        }
        WriteBatch toWrite = batch;
        vertx.eventBus().<WriteResult>request(Addresses.GRAPH_WRITE, toWrite, WRITE_OPTIONS)
                .onSuccess(reply -> {
                    metrics.imported(request.origin(), "written", toWrite.stores().size(), toWrite.observations().size());
                    message.reply(outcome(validated, reply.body()));
                })
                .onFailure(e -> {
                    metrics.imported(request.origin(), "failed", 0, 0);
                    int code = e instanceof ReplyException re && re.failureCode() > 0 ? re.failureCode() : 500;
                    message.fail(code, e.getMessage());
                });
    }

    /** Parse and validate only; used by the worker handler above and by the CLI's dry paths. */
    public ValidatedImport validate(ImportRequest request) {
        RawPortfolio raw = parser.parse(request.body(), request.format());
        return validator.validate(request.tenant(), raw);
    }

    private static ImportOutcome outcome(ValidatedImport v, WriteResult result) {
        return new ImportOutcome(result != null, result, v.batch().stores().size(), v.batch().observations().size(),
                v.storesRejected(), v.attributesRejected(), v.errors(), v.warnings(), v.addressesUnstructured());
    }
}
