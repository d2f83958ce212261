package io.linkscope.api;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers every answer carries. The dashboard runs only its own scripts (no inline script, nothing from another
 * origin); it may not be framed; the browser must not guess content types; no referrer leaves with a key in a URL.
 * The HTML report is a document with inline styles and SVG and no script at all, so its policy is stricter still.
 */
final class SecurityHeaders implements io.vertx.ext.web.handler.PlatformHandler {
    static final String DASHBOARD_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";
    static final String REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";

    @Override
    public void handle(RoutingContext ctx) {
        ctx.addHeadersEndHandler(v -> {
            MultiMap h = ctx.response().headers();
            if (!h.contains("Content-Security-Policy")) h.set("Content-Security-Policy", DASHBOARD_POLICY);
            h.set("X-Content-Type-Options", "nosniff");
            h.set("X-Frame-Options", "DENY");
            h.set("Referrer-Policy", "no-referrer");
        });
        ctx.next();
    }

    /** For an answer that is a self-contained document (the HTML report). */
    static void document(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", REPORT_POLICY);
    }
}
