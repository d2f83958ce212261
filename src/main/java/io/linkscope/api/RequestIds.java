package io.linkscope.api;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Echoes a client's {@code X-Request-Id} (or makes one) so a client can pair answers with requests, and writes the
 * access log with it: every write and every server error at info, reads at debug (a dashboard polls; a load test
 * would drown the log).
 */
final class RequestIds implements Handler<RoutingContext> {
    private static final Logger ACCESS = LoggerFactory.getLogger("io.linkscope.access");
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final String KEY = "linkscope.requestId";

    static String of(RoutingContext ctx) {
        Object id = ctx.get(KEY);
        return id == null ? "-" : id.toString();
    }

    @Override
    public void handle(RoutingContext ctx) {
        String id = ctx.request().getHeader("X-Request-Id");
        if (id == null || !VALID.matcher(id).matches()) id = UUID.randomUUID().toString();
        ctx.put(KEY, id);
        ctx.response().putHeader("X-Request-Id", id);
        long started = System.nanoTime();
        String rid = id;
        ctx.addEndHandler(v -> {
            int status = ctx.response().getStatusCode();
            boolean write = switch (ctx.request().method().name()) {
                case "GET", "HEAD", "OPTIONS" -> false;
                default -> true;
            };
            if (write || status >= 500 ? ACCESS.isInfoEnabled() : ACCESS.isDebugEnabled()) {
                String line = "{} {} {} {}ms rid={}";
                Object[] args = {ctx.request().method(), ctx.request().path(), status, (System.nanoTime() - started) / 1_000_000, rid};
                if (write || status >= 500) ACCESS.info(line, args);
                else ACCESS.debug(line, args);
            }
        });
        ctx.next();
    }
}
