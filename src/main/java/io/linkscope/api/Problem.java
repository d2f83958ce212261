package io.linkscope.api;

import io.linkscope.collect.ImportProblem;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** RFC 9457 {@code application/problem+json}: every error of the API goes out through here. */
public final class Problem {
    public static final String MEDIA_TYPE = "application/problem+json";

    private Problem() {
    }

    public static void send(RoutingContext ctx, int status, String title, String detail) {
        send(ctx, status, title, detail, List.of(), null);
    }

    public static void send(RoutingContext ctx, int status, String title, String detail, List<ImportProblem> errors,
                            JsonObject extra) {
        send(ctx, document(status, title, detail, errors, extra, ctx.request().path()));
    }

    /** A problem document, for answers that are kept and sent again (an import's outcome). */
    public static JsonObject document(int status, String title, String detail, List<ImportProblem> errors,
                                      JsonObject extra, String instance) {
        JsonObject body = new JsonObject()
                .put("type", "https://linkscope.dev/problems/" + slug(title))
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", instance);
        if (!errors.isEmpty()) {
            JsonArray list = new JsonArray();
            errors.forEach(e -> list.add(new JsonObject().put("location", e.location()).put("reason", e.reason())));
            body.put("errors", list);
        }
        if (extra != null) extra.forEach(e -> body.put(e.getKey(), e.getValue()));
        return body;
    }

    /** Sends a problem document made by {@link #document}. */
    public static void send(RoutingContext ctx, JsonObject problem) {
        if (ctx.response().ended()) return;
        ctx.response().setStatusCode(problem.getInteger("status")).putHeader("Content-Type", MEDIA_TYPE).end(problem.encode());
    }

    private static String slug(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
