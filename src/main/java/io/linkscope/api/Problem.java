package io.linkscope.api;

import io.linkscope.collect.ImportProblem;
import io.linkscope.report.Messages;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * RFC 9457 {@code application/problem+json}: every error of the API goes out through here, in the request's
 * language ({@link Language}): the title always, the detail of an invalid import and of the details that have a
 * catalog key. {@code type} is derived from the English title and never changes with the language; each
 * {@code errors[].location} stays machine-readable.
 */
public final class Problem {
    public static final String MEDIA_TYPE = "application/problem+json";

    private Problem() {
    }

    public static void send(RoutingContext ctx, int status, String title, String detail) {
        send(ctx, status, title, detail, List.of(), null);
    }

    public static void send(RoutingContext ctx, int status, String title, String detail, List<ImportProblem> errors,
                            JsonObject extra) {
        send(ctx, document(Language.of(ctx), status, title, detail, errors, extra, ctx.request().path()));
    }

    /** A problem document in a reader's language, for answers that are kept and sent again (an import's outcome). */
    public static JsonObject document(Messages m, int status, String title, String detail, List<ImportProblem> errors,
                                      JsonObject extra, String instance) {
        String slug = slug(title);
        if (!errors.isEmpty() && m.has("problem." + slug + ".detail")) {
            detail = m.t("problem." + slug + ".detail", "count", errors.size());
        }
        JsonObject body = new JsonObject()
                .put("type", "https://linkscope.dev/problems/" + slug)
                .put("title", m.has("problem." + slug) ? m.t("problem." + slug) : title)
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
        ctx.response().setStatusCode(problem.getInteger("status")).putHeader("Content-Type", MEDIA_TYPE)
                .putHeader("Content-Language", Language.of(ctx).tag()).end(problem.encode());
    }

    /** A problem whose detail is a catalog message ({@code problem.detail.<key>}), in the request's language. */
    public static void sendKey(RoutingContext ctx, int status, String title, String detailKey, Object... args) {
        send(ctx, status, title, Language.of(ctx).t("problem.detail." + detailKey, args));
    }

    private static String slug(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
