package io.linkscope.api;

import io.linkscope.report.Messages;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The reader's language for one request: {@code ?lang=zh-CN}, else the first supported language of
 * {@code Accept-Language}, else the configured default ({@code LINKSCOPE_LANG}). Resolved once per request by the
 * root handler; every answer with words names it in {@code Content-Language}. JSON field names and enum values
 * never depend on it, only the words in them.
 */
public final class Language {
    private static final String KEY = "linkscope.messages";
    /** The catalog prefixes the dashboard reads. */
    private static final java.util.List<String> DASHBOARD = java.util.List.of("ui.", "number.", "risk.", "link.", "band.", "status.", "idtype.", "dimension.", "check.verdict.");

    private Language() {
    }

    /** The root handler: resolves the language and, for API answers, says it in {@code Content-Language}. */
    public static Handler<RoutingContext> resolver(String defaultTag) {
        Messages fallback = Messages.of(defaultTag);
        return ctx -> {
            Messages m = resolve(ctx, fallback);
            ctx.put(KEY, m);
            if (ctx.normalizedPath().startsWith("/api/")) ctx.response().putHeader("Content-Language", m.tag());
            ctx.next();
        };
    }

    /** The request's language (resolved on the spot, English by default, when the root handler has not run). */
    public static Messages of(RoutingContext ctx) {
        Messages m = ctx.get(KEY);
        if (m == null) {
            m = resolve(ctx, Messages.english());
            ctx.put(KEY, m);
        }
        return m;
    }

    private static Messages resolve(RoutingContext ctx, Messages fallback) {
        String param = ctx.request().getParam("lang");
        String tag = param != null && !param.isBlank() ? Messages.match(param) : null;
        if (tag == null) {
            String header = ctx.request().getHeader("Accept-Language");
            tag = header == null || header.isBlank() ? null : Messages.match(header);
        }
        return tag == null ? fallback : Messages.of(tag);
    }

    /**
     * {@code GET /i18n/{lang}.json}: the dashboard's words ({@code ui.*} patterns, ICU MessageFormat) and the terms
     * it shares with the reports (risk and link levels, bands, statuses, identifier types, concentration dimensions,
     * check verdicts, money) in a supported language; public, like the dashboard's files, so the sign-in screen is
     * translated too.
     */
    public static void catalog(RoutingContext ctx) {
        String file = ctx.pathParam("file");
        String tag = file == null || !file.endsWith(".json") ? null : Messages.match(file.substring(0, file.length() - 5));
        if (tag == null) {
            Problem.send(ctx, 404, "Not Found", "no catalog " + file + "; there are " + Messages.TAGS);
            return;
        }
        Messages m = Messages.of(tag);
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").putHeader("Content-Language", m.tag())
                .putHeader("Cache-Control", "no-cache")
                .end(new JsonObject().put("lang", m.tag()).put("messages", new JsonObject(new java.util.LinkedHashMap<>(DASHBOARD.stream()
                        .flatMap(prefix -> m.patterns(prefix).entrySet().stream())
                        .collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue))))).encode());
    }
}
