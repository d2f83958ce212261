package io.linkscope.cli;

import io.linkscope.App;
import io.linkscope.collect.ImportMode;
import io.linkscope.collect.ImportRequest;
import io.linkscope.collect.PortfolioDocument;
import io.linkscope.collect.PortfolioParser;
import io.linkscope.collect.SyntheticPortfolio;
import io.linkscope.config.AppConfig;
import io.linkscope.config.ConfigLoader;
import io.linkscope.graph.ApiKeyStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench check}: checks of one planned store over HTTP against a synthetic tenant (latency one at a time, then
 * throughput with concurrent clients), and the naive way in the same run: import the candidate, read the analysis,
 * delete it again.
 */
@Command(name = "check", description = "Checks of planned stores over HTTP against the naive import, analyse, delete.")
final class CheckBench implements Callable<Integer> {
    @Option(names = "--stores", defaultValue = "10000")
    int stores;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Option(names = "--checks", defaultValue = "400", description = "sequential checks timed one by one")
    int checks;

    @Option(names = "--seconds", defaultValue = "15", description = "duration of the throughput run")
    int seconds;

    @Option(names = "--clients", defaultValue = "4", description = "concurrent clients of the throughput run")
    int clients;

    @Option(names = "--naive", defaultValue = "20", description = "naive checks (import, analyse, delete)")
    int naive;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Override
    public Integer call() throws Exception {
        Path data = Files.createTempDirectory("linkscope-bench-check-");
        AppConfig config = ConfigLoader.load();
        for (String[] kv : new String[][]{{"dataDir", data.toString()}, {"neo4j.uri", ""}, {"server.port", "0"},
                {"limits.checksPerMinute", "100000000"}, {"neo4j.pageCache", "1g"},
                // the first analysis of a large tenant is not what is measured: it may take longer than a request normally may
                {"server.requestTimeoutMs", "600000"}}) {
            config = ConfigLoader.with(config, kv[0], kv[1]);
        }
        try (Progress progress = Progress.start("bench check"); App app = App.start(config, true)) {
            progress.step(String.format(Locale.ROOT, "generating and importing %,d stores", stores));
            JsonObject doc = PortfolioDocument.of(SyntheticPortfolio.generate(seed, SyntheticPortfolio.Options.forEval(stores)).portfolio());
            var outcome = app.importDocument(new ImportRequest("bench", doc.toBuffer().getBytes(), PortfolioParser.Format.JSON,
                    ImportMode.ALL_OR_NOTHING, "file:bench"));
            if (!outcome.written()) throw new IllegalStateException("the synthetic portfolio was not imported: " + outcome.errors());
            String key = app.keys().create(ApiKeyStore.Role.admin, List.of(), "bench check").secret();
            String base = "http://127.0.0.1:" + app.httpPort() + "/api/v1/tenants/bench";
            progress.step("analysis of the tenant");
            int links = new JsonObject(send(HttpRequest.newBuilder(URI.create(base + "/linkage")).GET(), key)).getJsonArray("links").size();

            Random random = new Random(seed);
            JsonArray pool = doc.getJsonArray("stores");
            List<byte[]> candidates = new ArrayList<>();
            for (int i = 0; i < Math.max(checks, 50); i++) candidates.add(candidate(pool, random, i, doc.getString("defaultPhoneRegion")));

            progress.step("warm-up");
            for (int i = 0; i < 50; i++) check(base, key, candidates.get(i));
            progress.step(String.format(Locale.ROOT, "%d checks one at a time", checks));
            double[] ms = new double[checks];
            for (int i = 0; i < checks; i++) {
                long t0 = System.nanoTime();
                check(base, key, candidates.get(i));
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(ms);
            progress.step(String.format(Locale.ROOT, "%d clients for %d s", clients, seconds));
            AtomicLong done = new AtomicLong();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            ExecutorService pool2 = Executors.newFixedThreadPool(clients);
            for (int c = 0; c < clients; c++) {
                int offset = c;
                pool2.submit(() -> {
                    for (int i = offset; System.nanoTime() < until; i += clients) {
                        check(base, key, candidates.get(i % candidates.size()));
                        done.incrementAndGet();
                    }
                    return null;
                });
            }
            pool2.shutdown();
            pool2.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
            double perSecond = done.get() / (double) seconds;

            progress.step(String.format(Locale.ROOT, "%d naive checks (import, analyse, delete)", naive));
            double[] naiveMs = new double[naive];
            for (int i = 0; i < naive; i++) {
                byte[] body = candidates.get(i);
                String storeKey = new JsonObject(new String(body, StandardCharsets.UTF_8)).getJsonArray("stores").getJsonObject(0).getString("platform")
                        + ":" + new JsonObject(new String(body, StandardCharsets.UTF_8)).getJsonArray("stores").getJsonObject(0).getString("marketplace")
                        + ":" + new JsonObject(new String(body, StandardCharsets.UTF_8)).getJsonArray("stores").getJsonObject(0).getString("storeId");
                long t0 = System.nanoTime();
                send(HttpRequest.newBuilder(URI.create(base + "/portfolio")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)), key);
                send(HttpRequest.newBuilder(URI.create(base + "/stores/" + URLEncoder.encode(storeKey, StandardCharsets.UTF_8) + "/links")).GET(), key);
                send(HttpRequest.newBuilder(URI.create(base + "/stores/" + URLEncoder.encode(storeKey, StandardCharsets.UTF_8))).DELETE(), key);
                naiveMs[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(naiveMs);
            double p50 = ms[ms.length / 2], p99 = ms[Math.min(ms.length - 1, (int) Math.ceil(ms.length * 0.99) - 1)];
            double naiveP50 = naiveMs[naiveMs.length / 2];
            progress.print(System.out, String.format(Locale.ROOT,
                    "RESULT check_p50_ms=%.1f check_p99_ms=%.1f checks_per_s=%.0f clients=%d naive_p50_ms=%.1f naive_per_s=%.1f speedup=%.1f stores=%d links=%d",
                    p50, p99, perSecond, clients, naiveP50, 1000 / naiveP50, naiveP50 / p50, stores, links));
            return 0;
        } finally {
            org.apache.commons.io.FileUtils.deleteQuietly(data.toFile());
        }
    }

    /** A planned store copying some identifiers of a random store, with two of its own. */
    private static byte[] candidate(JsonArray pool, Random random, int i, String region) {
        JsonObject model = pool.getJsonObject(random.nextInt(pool.size()));
        JsonArray attributes = new JsonArray();
        for (Object a : model.getJsonArray("attributes")) if (random.nextInt(3) == 0) attributes.add(a);
        attributes.add(new JsonObject().put("type", "email").put("value", "plan" + i + "@bench-check.example"));
        attributes.add(new JsonObject().put("type", "ip").put("value", "198.18." + (i / 200) + "." + (i % 200 + 1)));
        JsonObject store = new JsonObject().put("platform", model.getString("platform")).put("marketplace", model.getString("marketplace"))
                .put("storeId", "PLAN" + i).put("monthlyRevenue", 10_000).put("attributes", attributes);
        JsonObject doc = new JsonObject().put("stores", new JsonArray().add(store));
        if (region != null) doc.put("defaultPhoneRegion", region);
        return doc.encode().getBytes(StandardCharsets.UTF_8);
    }

    private void check(String base, String key, byte[] body) throws Exception {
        send(HttpRequest.newBuilder(URI.create(base + "/checks")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), key);
    }

    private String send(HttpRequest.Builder request, String key) throws Exception {
        HttpResponse<String> r = http.send(request.header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(600)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 400) throw new IllegalStateException(r.statusCode() + " " + r.body());
        return r.body();
    }
}
