package io.linkscope.api;

import io.linkscope.analysis.TenantAnalysis;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Encoded analysis answers, kept while their analysis is the current one: the JSON is written once, gzipped
 * once, and then served as bytes, with an ETag so a polling dashboard gets 304. An entry belongs to one
 * {@link TenantAnalysis} object, so any new analysis (a write, or another tenant changing shared identifiers)
 * makes it stale by identity, not by a version number.
 */
final class ResponseCache {
    record Entry(TenantAnalysis analysis, Buffer identity, Buffer gzip, String etag) {
    }

    private final Map<String, Entry> entries;

    ResponseCache(int maxEntries) {
        this.entries = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ResponseCache.Entry> eldest) {
                return size() > maxEntries;
            }
        });
    }

    Entry get(String key, TenantAnalysis current) {
        Entry e = entries.get(key);
        return e != null && e.analysis() == current ? e : null;
    }

    /** The last answer encoded for this key, of whatever analysis, or null. */
    Entry latest(String key) {
        return entries.get(key);
    }

    /** Keys whose answer is being encoded now, and for which analysis. */
    private final java.util.concurrent.ConcurrentHashMap<String, TenantAnalysis> encoding = new java.util.concurrent.ConcurrentHashMap<>();

    /** Whether this caller encodes the answer of {@code t} for {@code key} (then it must call {@link #encoded}). */
    boolean claim(String key, TenantAnalysis t) {
        return encoding.putIfAbsent(key, t) == null;
    }

    void encoded(String key) {
        encoding.remove(key);
    }

    Entry put(String key, TenantAnalysis t, JsonObject doc) {
        Buffer identity = doc.toBuffer();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(256, identity.length() / 6));
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes, 64 * 1024)) {
            gz.write(identity.getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String etag = "\"" + Integer.toHexString(key.hashCode()) + "-" + t.version() + "-"
                + Integer.toHexString(System.identityHashCode(t)) + "\"";
        Entry e = new Entry(t, identity, Buffer.buffer(bytes.toByteArray()), etag);
        entries.put(key, e);
        return e;
    }

    static void send(RoutingContext ctx, Entry e) {
        if (ctx.response().ended()) return;
        var response = ctx.response().putHeader("ETag", e.etag()).putHeader("Vary", "Accept-Encoding, Accept-Language")
                .putHeader("Cache-Control", "private, no-cache");
        if (e.etag().equals(ctx.request().getHeader("If-None-Match"))) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader("Content-Type", "application/json");
        if (acceptsGzip(ctx.request().getHeader("Accept-Encoding"))) {
            response.putHeader("Content-Encoding", "gzip").end(e.gzip());
        } else {
            response.end(e.identity());
        }
    }

    static boolean acceptsGzip(String header) {
        if (header == null) return false;
        for (String part : header.split(",")) {
            String[] p = part.strip().split(";");
            if (!p[0].strip().equalsIgnoreCase("gzip") && !p[0].strip().equals("*")) continue;
            return p.length < 2 || !p[1].replace(" ", "").equalsIgnoreCase("q=0");
        }
        return false;
    }
}
