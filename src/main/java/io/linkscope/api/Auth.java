package io.linkscope.api;

import io.linkscope.graph.ApiKeyStore;
import io.linkscope.graph.ApiKeyStore.KeyInfo;
import io.linkscope.graph.ApiKeyStore.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bearer API keys for everything under {@code /api/}: 401 without a known key, 403 for a tenant the key may
 * not see or an admin path without the admin role. Lookups are cached by key hash for {@link #TTL_NANOS};
 * revoking or re-assigning through this process drops the cache at once, other processes within the TTL.
 * Neither the key nor its hash is ever logged.
 */
public final class Auth {
    public static final String PRINCIPAL = "linkscope.principal";
    static final long TTL_NANOS = 10_000_000_000L;
    private static final Pattern TENANT_PATH = Pattern.compile("^/api/v1/tenants/([^/]+)(?:/.*)?$");

    private record Cached(Optional<KeyInfo> key, long expires) {
    }

    private final Vertx vertx;
    private final ApiKeyStore keys;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    public Auth(Vertx vertx, ApiKeyStore keys) {
        this.vertx = vertx;
        this.keys = keys;
    }

    public static KeyInfo principal(RoutingContext ctx) {
        return ctx.get(PRINCIPAL);
    }

    public void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (!path.startsWith("/api/")) {
            ctx.next();
            return;
        }
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            unauthorized(ctx, "missing");
            return;
        }
        String secret = header.substring(7).strip();
        lookup(secret).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            if (ar.result().isEmpty()) {
                unauthorized(ctx, "invalid");
                return;
            }
            KeyInfo key = ar.result().get();
            ctx.put(PRINCIPAL, key);
            if (malformedTenant(ctx.request().path())) {
                Problem.sendKey(ctx, 400, "Bad Request", "tenant.pattern");
                return;
            }
            Denial denied = denied(key, path);
            if (denied != null) {
                Problem.sendKey(ctx, 403, "Forbidden", denied.key(), denied.args());
                return;
            }
            ctx.next();
        });
    }

    /**
     * Every route names its tenant the same way, the import included; a tenant that breaks the pattern is a 400
     * before any access decision, so it can neither be created nor forge a log line.
     */
    static boolean malformedTenant(String rawPath) {
        Matcher m = TENANT_PATH.matcher(rawPath);
        if (!m.matches()) return false;
        String tenant;
        try {
            tenant = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            tenant = "";
        }
        return !io.linkscope.collect.PortfolioValidator.TENANT.matcher(tenant).matches();
    }

    /** Why a key may not call a path: a catalog key ({@code problem.detail.<key>}) and its arguments. */
    record Denial(String key, Object... args) {
    }

    /** Why this key may not call this path, or null. */
    static Denial denied(KeyInfo key, String path) {
        if (path.startsWith("/api/v1/admin/") || path.equals("/api/v1/sources") || path.startsWith("/api/v1/sources/")) {
            return key.role() == Role.admin ? null : new Denial("admin");
        }
        Matcher m = TENANT_PATH.matcher(path);
        if (m.matches()) {
            String tenant = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
            if (!key.mayAccess(tenant)) return new Denial("tenant", "tenant", safe(tenant));
        }
        return null;
    }

    private Future<Optional<KeyInfo>> lookup(String secret) {
        String hash = ApiKeyStore.hash(secret);
        Cached c = cache.get(hash);
        long now = System.nanoTime();
        if (c != null && now - c.expires() < 0) return Future.succeededFuture(c.key());
        return vertx.executeBlocking(() -> keys.authenticate(secret), false).onSuccess(found -> {
            if (cache.size() > 10_000) cache.clear();
            cache.put(hash, new Cached(found, System.nanoTime() + (found.isPresent() ? TTL_NANOS : TTL_NANOS / 10)));
        });
    }

    /** After a revoke or a tenant assignment in this process. */
    public void invalidate() {
        cache.clear();
    }

    /** @param why {@code missing} or {@code invalid}: the key of the detail in the catalog */
    private static void unauthorized(RoutingContext ctx, String why) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"linkscope\"");
        Problem.sendKey(ctx, 401, "Unauthorized", "key." + why);
    }

    /** A tenant from a path, shortened and stripped to printable characters before it goes into a message. */
    private static String safe(String s) {
        String clean = s.replaceAll("[^\\p{Alnum}_-]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }
}
