package io.linkscope.support;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A local Vert.x HTTP server on a random port standing in for an outside system (an ERP, AdsPower, a login
 * feed, a webhook receiver). Records every request it gets.
 */
public final class FakeServer implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private final Router router = Router.router(vertx);
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private int port;

    public record Request(String method, String uri, String path, io.vertx.core.MultiMap headers, String body) {
        public String param(String name) {
            List<String> v = new io.netty.handler.codec.http.QueryStringDecoder(uri).parameters().get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    public FakeServer() {
        router.route().handler(io.vertx.ext.web.handler.BodyHandler.create());
        router.route().handler(ctx -> {
            requests.add(new Request(ctx.request().method().name(), ctx.request().uri(), ctx.request().path(),
                    io.vertx.core.MultiMap.caseInsensitiveMultiMap().addAll(ctx.request().headers()),
                    ctx.body() == null || ctx.body().buffer() == null ? "" : ctx.body().asString()));
            ctx.next();
        });
    }

    public FakeServer route(String path, Consumer<RoutingContext> handler) {
        router.route(path).handler(handler::accept);
        return this;
    }

    public FakeServer start() {
        try {
            port = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS).actualPort();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    public Vertx vertx() {
        return vertx;
    }

    @Override
    public void close() {
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // a test server; the JVM ends soon
        }
    }
}
