package io.linkscope.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;
import java.util.concurrent.Callable;

/** Small answers every route group sends the same way. */
final class Reply {
    private Reply() {
    }

    static void json(RoutingContext ctx, int status, JsonObject body) {
        if (ctx.response().ended()) return;
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }

    static void found(RoutingContext ctx, Optional<JsonObject> doc, String notFound) {
        doc.ifPresentOrElse(d -> json(ctx, 200, d), () -> Problem.send(ctx, 404, "Not Found", notFound));
    }

    /** Blocking work (the driver, the engines) off the event loop; a failure goes to the failure handler. */
    static <T> Future<T> blocking(Vertx vertx, RoutingContext ctx, Callable<T> work) {
        return vertx.executeBlocking(work, false).onFailure(ctx::fail);
    }

    static String tenant(RoutingContext ctx) {
        return ctx.pathParam("tenant");
    }

    /** A numeric query parameter within bounds, or null when absent; anything else is a 400 with {@code message}. */
    static Long integerParam(RoutingContext ctx, String name, long min, long max, String message) {
        String raw = ctx.request().getParam(name);
        if (raw == null) return null;
        try {
            long v = Long.parseLong(raw.strip());
            if (v < min || v > max) throw ClientError.badRequest(message);
            return v;
        } catch (NumberFormatException e) {
            throw ClientError.badRequest(message);
        }
    }
}
