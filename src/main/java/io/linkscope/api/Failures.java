package io.linkscope.api;

import io.linkscope.graph.GraphClient;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.openapi.validation.ValidatorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failure handler: every failed request becomes a problem document with a reason written for the client.
 * An unexpected failure is logged with its request id and answered 500 without its message.
 */
final class Failures implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

    private final long maxBodyBytes;
    private final long requestTimeoutMs;

    Failures(long maxBodyBytes, long requestTimeoutMs) {
        this.maxBodyBytes = maxBodyBytes;
        this.requestTimeoutMs = requestTimeoutMs;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        // the OpenAPI router reports a validation failure as an HttpException(400) around the ValidatorException
        if (failure instanceof HttpException he && he.getCause() != null) failure = he.getCause();
        int status = ctx.statusCode();
        if (failure instanceof GraphClient.GraphUnavailableException
                || (failure instanceof ReplyException re && re.failureCode() == 503)) {
            ctx.response().putHeader("Retry-After", "5");
            Problem.send(ctx, 503, "Service Unavailable", "the graph database is unreachable; nothing was changed; retry shortly");
            return;
        }
        if (failure instanceof ClientError ce) {
            if (ce.status == 429) ctx.response().putHeader("Retry-After", String.valueOf(ce.retryAfterSeconds));
            Problem.send(ctx, ce.status, ce.title(), ce.getMessage());
            return;
        }
        if (failure instanceof ValidatorException ve) {
            Problem.send(ctx, 400, "Bad Request", ve.getMessage());
            return;
        }
        if (failure instanceof DecodeException de) {
            Problem.send(ctx, 400, "Bad Request", de.getMessage() != null && de.getMessage().contains("Duplicate field")
                    ? "the JSON body has a key twice in one object" : "the body is not valid JSON");
            return;
        }
        if (failure instanceof ReplyException re && re.failureCode() == 400) {
            Problem.send(ctx, 400, "Bad Request", failure.getMessage());
            return;
        }
        if (failure instanceof IllegalArgumentException) {
            LOG.debug("request refused on {} {} rid={}", ctx.request().method(), ctx.request().path(), RequestIds.of(ctx), failure);
            Problem.send(ctx, 400, "Bad Request", "the request was not accepted: a parameter or the body is not valid");
            return;
        }
        if (status == 413) {
            Problem.send(ctx, 413, "Payload Too Large", "the body exceeds the limit maxBodyBytes=" + maxBodyBytes);
            return;
        }
        if (status == 503 && failure == null) {
            ctx.response().putHeader("Retry-After", "5");
            boolean read = ctx.request().method() == HttpMethod.GET || ctx.request().method() == HttpMethod.HEAD;
            Problem.send(ctx, 503, "Service Unavailable", "the request took longer than requestTimeoutMs=" + requestTimeoutMs
                    + (read ? "" : "; the change may still be applied: read the resource before repeating it"));
            return;
        }
        if (status >= 400 && status < 500) {
            Problem.send(ctx, status, status == 400 ? "Bad Request" : status == 405 ? "Method Not Allowed" : "Client Error",
                    "the request was not accepted");
            return;
        }
        LOG.error("unhandled failure on {} {} rid={}", ctx.request().method(), ctx.request().path(), RequestIds.of(ctx), failure);
        Problem.send(ctx, 500, "Internal Server Error", "an unexpected error occurred; it has been logged");
    }
}
