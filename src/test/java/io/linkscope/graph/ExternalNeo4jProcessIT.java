package io.linkscope.graph;

import io.linkscope.App;
import io.linkscope.support.Eventually;
import io.linkscope.support.Http;
import io.linkscope.support.Neo4jProcess;
import io.linkscope.support.SharedNeo4j;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code NEO4J_URI} against Neo4j in another OS process, killed (SIGKILL) and started again while imports and reads
 * keep coming from other threads. Unlike {@code api/FaultIT}, the database is not in the test JVM: the app sees
 * exactly what it would see of a server that crashed.
 */
@DisplayName("NEO4J_URI against a separate Neo4j process: killed and restarted mid-traffic, no hang, no 500, nothing lost or invented")
class ExternalNeo4jProcessIT {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalNeo4jProcessIT.class);
    private static final String T = "extproc";
    private static final String BASE = "/api/v1/tenants/" + T;
    /** Well above the app's request timeout (30 s): a request that gets no answer by then hangs. */
    private static final Duration NO_ANSWER = Duration.ofSeconds(60);
    private static final Duration PROCESS_START = Duration.ofSeconds(180);

    private enum Phase { before, outage, restarting, after }

    /** One request and what came back; status -1 is no answer within {@link #NO_ANSWER}. */
    private record Exchange(Phase phase, String what, String storeId, int status, String retryAfter, String body) {
        @Override
        public String toString() {
            return phase + " " + what + (storeId == null ? "" : " " + storeId) + " -> " + status
                    + (retryAfter == null ? "" : " Retry-After " + retryAfter)
                    + (status == 200 ? "" : " " + body.substring(0, Math.min(200, body.length())));
        }
    }

    private static byte[] store(String id) {
        return ("{\"stores\":[{\"platform\":\"ebay\",\"marketplace\":\"US\",\"storeId\":\"" + id
                + "\",\"attributes\":[{\"type\":\"email\",\"value\":\"" + id.toLowerCase() + "@extproc.example\"}]}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("imports and reads in a loop; SIGKILL the Neo4j process, start it again: 503 with Retry-After meanwhile, recovery by itself, every 200 import stored, no 503 import stored")
    void killAndRestartMidTraffic() throws Exception {
        Path dir = SharedNeo4j.tempDir("linkscope-neo4j-process-");
        int port = Neo4jProcess.freePort();
        try (Neo4jProcess neo4j = Neo4jProcess.start(dir, port, PROCESS_START)) {
            exercise(neo4j, port);
        } finally {
            org.apache.commons.io.FileUtils.deleteQuietly(dir.toFile());
        }
    }

    private void exercise(Neo4jProcess neo4j, int port) throws InterruptedException {
        Map<String, String> env = Map.of("NEO4J_URI", "bolt://127.0.0.1:" + port, "NEO4J_USER", EmbeddedNeo4j.USER,
                "NEO4J_PASSWORD", neo4j.password(), "NEO4J_MAX_RETRY_MS", "500");
        try (App app = App.start(SharedNeo4j.appConfig(env), true)) {
            assertNull(app.graph().boltUri(), "the app must not start a database of its own");
            Traffic traffic = new Traffic(app.httpPort(), SharedNeo4j.adminKey(app));
            traffic.seed(); // reads of a tenant without stores are 404
            traffic.start();
            try {
                traffic.await("imports answered 200 before the outage", () -> traffic.count(Phase.before, "import", 200) >= 5);

                traffic.phase.set(Phase.outage);
                neo4j.kill();
                assertFalse(neo4j.alive());
                traffic.await("imports, reads and health answered 503 while the process is gone",
                        () -> traffic.count(Phase.outage, "import", 503) >= 3 && traffic.count(Phase.outage, "read", 503) >= 3
                                && traffic.count(Phase.outage, "health", 503) >= 1);

                traffic.phase.set(Phase.restarting);
                neo4j.restart();
                traffic.phase.set(Phase.after);
                traffic.await("an import and a read answered 200 after the restart, without restarting the app",
                        () -> traffic.count(Phase.after, "import", 200) >= 3 && traffic.count(Phase.after, "read", 200) >= 3);
            } finally {
                traffic.stop();
            }

            List<Exchange> all = List.copyOf(traffic.log);
            Map<String, Long> tally = all.stream().collect(Collectors.groupingBy(
                    e -> e.phase + " " + e.what + " " + e.status, TreeMap::new, Collectors.counting()));
            LOG.info("answers by phase: {}", tally);
            List<Exchange> wrong = all.stream().filter(e -> e.status != 200 && e.status != 503).toList();
            assertEquals(List.of(), wrong, "every answer is 200 or 503 (no 500, no hang); the log of the Neo4j process: " + neo4j.log());
            List<Exchange> no503Header = all.stream()
                    .filter(e -> e.status == 503 && !e.what.equals("health") && !"5".equals(e.retryAfter)).toList();
            assertEquals(List.of(), no503Header, "every 503 of the API carries Retry-After");
            assertTrue(all.stream().filter(e -> e.what.equals("health") && e.status == 503)
                    .allMatch(e -> e.body.contains("\"status\":\"down\"")), "health says down while the database is gone");

            Set<String> acknowledged = storeIds(all, 200);
            Set<String> refused = storeIds(all, 503);
            Set<String> stored = storedIds(neo4j);
            assertEquals(new TreeSet<>(acknowledged), new TreeSet<>(stored),
                    "the graph holds exactly the imports answered 200 (refused with 503 and stored: "
                            + intersection(refused, stored) + ")");

            Http http = new Http(app.httpPort()).bearer(SharedNeo4j.adminKey(app)).timeout(NO_ANSWER);
            assertEquals(200, http.get("/health").status());
            Http.Response linkage = Eventually.get(() -> http.get(BASE + "/linkage"),
                    r -> r.status() == 200 && r.json().getInteger("storeCount") == stored.size(), Duration.ofSeconds(30));
            assertEquals(stored.size(), linkage.json().getInteger("storeCount"), "the analysis sees every stored import");
        }
    }

    private static Set<String> storeIds(List<Exchange> log, int status) {
        return log.stream().filter(e -> e.what.equals("import") && e.status == status).map(Exchange::storeId)
                .collect(Collectors.toSet());
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> both = new TreeSet<>(a);
        both.retainAll(b);
        return both;
    }

    private static Set<String> storedIds(Neo4jProcess neo4j) {
        try (Driver d = GraphDatabase.driver(neo4j.boltUri(), neo4j.authToken())) {
            return new HashSet<>(d.executableQuery("MATCH (s:Store {tenant: $t}) RETURN s.storeId AS id")
                    .withParameters(Map.of("t", T)).execute().records().stream().map(r -> r.get("id").asString()).toList());
        }
    }

    /** One thread importing one new store per request, one reading linkage and health, until stopped. */
    private static final class Traffic {
        /** How long the whole exercise may take at most, whatever happens. */
        private static final Duration LIMIT = Duration.ofMinutes(8);
        final AtomicReference<Phase> phase = new AtomicReference<>(Phase.before);
        final ConcurrentLinkedQueue<Exchange> log = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final long deadline = System.nanoTime() + LIMIT.toNanos();
        private final List<Thread> threads;

        private final Http importer;

        Traffic(int port, String key) {
            importer = new Http(port).bearer(key).timeout(NO_ANSWER);
            Http reader = new Http(port).bearer(key).timeout(NO_ANSWER);
            threads = List.of(new Thread(() -> loop(i -> {
                String id = "X" + i;
                record("import", id, () -> importer.post(BASE + "/portfolio", "application/json", store(id)));
            }), "extproc-importer"), new Thread(() -> loop(i ->
                    record(i % 4 == 0 ? "health" : "read", null, () -> reader.get(i % 4 == 0 ? "/health" : BASE + "/linkage"))),
                    "extproc-reader"));
        }

        private void record(String what, String storeId, java.util.function.Supplier<Http.Response> request) {
            Phase at = phase.get();
            try {
                Http.Response r = request.get();
                log.add(new Exchange(at, what, storeId, r.status(), r.header("Retry-After"), r.body()));
            } catch (UncheckedIOException e) {
                log.add(new Exchange(at, what, storeId, -1, null, "no answer: " + e.getCause()));
            }
        }

        private void loop(java.util.function.IntConsumer step) {
            for (int i = 0; running.get() && System.nanoTime() < deadline; i++) {
                step.accept(i);
                LockSupport.parkNanos(Duration.ofMillis(25).toNanos());
            }
        }

        void seed() {
            record("import", "X-seed", () -> importer.post(BASE + "/portfolio", "application/json", store("X-seed")));
            assertEquals(200, log.peek().status, () -> "the first import: " + log.peek());
        }

        void start() {
            threads.forEach(Thread::start);
        }

        long count(Phase p, String what, int status) {
            return log.stream().filter(e -> e.phase == p && e.what.equals(what) && e.status == status).count();
        }

        /** Waits for a condition of the traffic, failing with what was seen when it does not come in time. */
        void await(String what, java.util.function.BooleanSupplier condition) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            boolean met = Eventually.get(condition::getAsBoolean, Boolean::booleanValue, left.compareTo(Duration.ofMinutes(3)) < 0 ? left : Duration.ofMinutes(3));
            assertTrue(met, () -> "not seen in time: " + what + "; last answers: "
                    + log.stream().skip(Math.max(0, log.size() - 10)).toList());
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(NO_ANSWER.plusSeconds(10).toMillis());
                assertFalse(t.isAlive(), t.getName() + " is stuck in a request");
            }
        }
    }
}
