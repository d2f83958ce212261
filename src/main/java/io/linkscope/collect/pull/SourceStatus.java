package io.linkscope.collect.pull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each pull source last did, for {@code /health} and {@code GET /api/v1/sources}. Written by the collectors,
 * read by the API: every method is synchronized on the source's entry. Holds no source data and no credentials;
 * the URL is shown without its query and user info.
 */
public final class SourceStatus {
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public static final class Entry {
        private final String name;
        private final String kind;
        private final String tenant;
        private final String url;
        private String state = "idle";
        private Instant lastPollAt;
        private Instant lastSuccessAt;
        private Instant lastErrorAt;
        private String lastError;
        private int consecutiveFailures;
        private long recordsPulledTotal;
        private int lastRecords;
        private int lastStores;
        private int lastRejected;
        private List<String> lastProblems = List.of();
        private String cursor;
        private String breaker = "CLOSED";
        private Instant nextPollAt;

        Entry(String name, String kind, String tenant, String url) {
            this.name = name;
            this.kind = kind;
            this.tenant = tenant;
            this.url = url;
        }

        public synchronized void polling() {
            state = "polling";
            lastPollAt = Instant.now();
        }

        public synchronized void succeeded(int records, int stores, int rejected, List<String> problems, String cursor) {
            state = rejected > 0 ? "ok-with-rejections" : "ok";
            lastSuccessAt = Instant.now();
            consecutiveFailures = 0;
            recordsPulledTotal += records;
            lastRecords = records;
            lastStores = stores;
            lastRejected = rejected;
            lastProblems = List.copyOf(problems.subList(0, Math.min(problems.size(), 20)));
            if (cursor != null) this.cursor = cursor;
        }

        public synchronized void failed(String error, List<String> problems) {
            state = "failing";
            lastErrorAt = Instant.now();
            lastError = error;
            consecutiveFailures++;
            lastProblems = List.copyOf(problems.subList(0, Math.min(problems.size(), 20)));
        }

        public synchronized void breaker(String state) {
            this.breaker = state;
        }

        public synchronized void cursor(String cursor) {
            this.cursor = cursor;
        }

        public synchronized void nextPoll(Instant at) {
            nextPollAt = at;
        }

        public synchronized String state() {
            return state;
        }

        public synchronized JsonObject toJson() {
            return new JsonObject().put("name", name).put("kind", kind).put("tenant", tenant).put("url", url)
                    .put("state", state).put("circuit", breaker.toLowerCase(java.util.Locale.ROOT))
                    .put("lastPollAt", str(lastPollAt)).put("lastSuccessAt", str(lastSuccessAt))
                    .put("lastErrorAt", str(lastErrorAt)).put("lastError", lastError)
                    .put("consecutiveFailures", consecutiveFailures).put("recordsPulledTotal", recordsPulledTotal)
                    .put("lastPoll", new JsonObject().put("records", lastRecords).put("stores", lastStores)
                            .put("rejected", lastRejected).put("problems", new JsonArray(lastProblems)))
                    .put("cursor", cursor).put("nextPollAt", str(nextPollAt));
        }

        /** For the unauthenticated {@code /health}: no tenant, no URL. */
        public synchronized JsonObject summary() {
            return new JsonObject().put("state", state).put("circuit", breaker.toLowerCase(java.util.Locale.ROOT))
                    .put("lastSuccessAt", str(lastSuccessAt)).put("consecutiveFailures", consecutiveFailures);
        }

        private static String str(Instant i) {
            return i == null ? null : i.toString();
        }
    }

    public Entry register(String name, String kind, String tenant, String url) {
        Entry e = new Entry(name, kind, tenant, redact(url));
        entries.put(name, e);
        return e;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public boolean has(String name) {
        return entries.containsKey(name);
    }

    public JsonArray toJson() {
        JsonArray out = new JsonArray();
        entries.keySet().stream().sorted().forEach(n -> out.add(entries.get(n).toJson()));
        return out;
    }

    public JsonObject summary() {
        JsonObject out = new JsonObject();
        entries.keySet().stream().sorted().forEach(n -> out.put(n, entries.get(n).summary()));
        return out;
    }

    /** scheme://host:port/path: credentials often ride in the query or user info. */
    public static String redact(String url) {
        try {
            java.net.URI u = java.net.URI.create(url);
            return u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "")
                    + (u.getRawPath() == null ? "" : u.getRawPath());
        } catch (RuntimeException e) {
            return "(unparseable URL)";
        }
    }
}
