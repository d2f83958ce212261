package io.linkscope.api;

import io.linkscope.graph.ApiKeyStore;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per API key token buckets for the requests that cost real CPU (a report rendered, a Monte Carlo run with its own
 * trials or seed): one key cannot take the service for itself. Over the limit is 429 with {@code Retry-After}.
 * Counted per process; behind a load balancer each instance grants its own share.
 */
final class RateLimits {
    private final double perSecond;
    private final double burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    RateLimits(int perMinute) {
        this.perSecond = perMinute / 60.0;
        this.burst = Math.max(1, perMinute);
    }

    /** Takes one token of {@code kind} for the request's key, or refuses with 429 naming when to come back. */
    void take(RoutingContext ctx, String kind) {
        ApiKeyStore.KeyInfo key = Auth.principal(ctx);
        if (key == null || perSecond <= 0) return;
        long now = System.nanoTime();
        Bucket b = buckets.computeIfAbsent(key.id() + "\u0000" + kind, k -> new Bucket(burst, now));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.at) / 1e9 * perSecond);
            b.at = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return;
            }
            long wait = (long) Math.ceil((1 - b.tokens) / perSecond);
            throw ClientError.tooManyRequests("this key has used its " + (int) burst + " " + kind
                    + " requests a minute; retry in " + wait + " s", Math.max(1, wait));
        }
    }
}
