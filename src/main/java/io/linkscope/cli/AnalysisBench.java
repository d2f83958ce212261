package io.linkscope.cli;

import io.linkscope.analysis.AnalysisService;
import io.linkscope.analysis.eval.BatchSnapshot;
import io.linkscope.analysis.linkage.LinkageConfig;
import io.linkscope.analysis.linkage.LinkageEngine;
import io.linkscope.analysis.model.LinkageResult;
import io.linkscope.analysis.model.Snapshot;
import io.linkscope.analysis.risk.Concentration;
import io.linkscope.collect.PortfolioValidator;
import io.linkscope.collect.SyntheticPortfolio;
import io.linkscope.collect.ValidatedImport;
import io.linkscope.config.AppConfig;
import io.linkscope.config.ConfigLoader;
import io.linkscope.graph.GraphReader;
import io.linkscope.graph.GraphWriter;
import io.linkscope.graph.WriteBatch;
import io.linkscope.normalize.IdentifierHasher;
import io.linkscope.normalize.Normalizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code bench analysis}: snapshot read, full analysis and the update after one new observation for one
 * tenant, against the clustering a user would write in Cypher (variable-length paths) on the same data.
 */
@Command(name = "analysis", description = "Snapshot, analysis and update latency against naive Cypher clustering.")
final class AnalysisBench implements Callable<Integer> {
    @Option(names = "--stores", defaultValue = "10000")
    int stores;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Option(names = "--naive-limit-s", defaultValue = "60", description = "server timeout for each naive run (default ${DEFAULT-VALUE} s)")
    int naiveLimitSeconds;

    @Option(names = "--skip-naive", description = "skip the naive Cypher baseline")
    boolean skipNaive;

    @Option(names = "--updates", defaultValue = "21", description = "single-observation updates to time (default ${DEFAULT-VALUE})")
    int updates;

    @Option(names = "--login-ips", defaultValue = "8", description = "mean login IPs per store (drives observations per store)")
    double loginIps;

    @Option(names = "--in-memory", description = "skip the database: build the snapshot from the validated import and time the engines and heap only")
    boolean inMemory;

    private final AppConfig config = ConfigLoader.with(ConfigLoader.load(), "limits.maxStoresPerDocument", Integer.toString(Integer.MAX_VALUE));
    private final PortfolioValidator validator = new PortfolioValidator(new Normalizer(),
            new IdentifierHasher("linkscope-bench-secret-0123456789".getBytes(StandardCharsets.UTF_8)), config);
    private final LinkageEngine engine = new LinkageEngine(LinkageConfig.defaults());
    private final Concentration concentration = new Concentration(Concentration.Bands.mergerGuidelines2023());
    private Progress progress;

    @Override
    public Integer call() {
        try (Progress p = Progress.start("bench analysis")) {
            progress = p;
            return inMemory ? inMemory() : withDatabase();
        }
    }

    private Integer withDatabase() {
        progress.step("starting a scratch database");
        try (ScratchGraph scratch = ScratchGraph.open(config, "2g")) {
            GraphReader reader = new GraphReader(scratch.graph, scratch.config.analysis().exposure());
            GraphWriter writer = new GraphWriter(scratch.graph, config.importing().batchRows());
            WriteBatch batch = load(writer, "bench", stores, seed);
            int observations = batch.observations().size();

            long[] snapshotMs = new long[3];
            Snapshot snapshot = null;
            progress.step("reading the snapshot", snapshotMs.length, "reads");
            for (int i = 0; i < snapshotMs.length; i++) {
                long t0 = System.nanoTime();
                snapshot = reader.snapshot("bench", Instant.now());
                snapshotMs[i] = ms(t0);
                progress.advance(1);
            }
            long[] analysisMs = new long[5];
            LinkageResult result = null;
            progress.step("analysing", analysisMs.length, "runs");
            for (int i = 0; i < analysisMs.length; i++) {
                long t0 = System.nanoTime();
                result = engine.analyze(snapshot);
                concentration.analyze(snapshot, result);
                analysisMs[i] = ms(t0);
                progress.advance(1);
            }
            progress.note(String.format(Locale.ROOT, "snapshot ms (cold, warm, warm): %s; analysis ms: %s; %d links, %d clusters",
                    Arrays.toString(snapshotMs), Arrays.toString(analysisMs), result.links().size(), result.clusters().size()));

            // one new observation at a time: another store starts using an existing payment account
            AnalysisService service = new AnalysisService(reader, io.linkscope.analysis.AnalysisSettings.defaults(), 4);
            service.result("bench");
            List<WriteBatch.ObservationRow> payments = batch.observations().stream().filter(o -> o.type().equals("payment")).toList();
            long[] writeMs = new long[Math.max(2, updates)];
            long[] updateMs = new long[Math.max(2, updates)];
            progress.step("single-observation updates", writeMs.length, "updates");
            for (int k = 0; k < writeMs.length; k++) {
                WriteBatch.ObservationRow template = payments.get(k * 97 % payments.size());
                WriteBatch.StoreRow other = batch.stores().get((k * 7919 + 13) % batch.stores().size());
                WriteBatch one = new WriteBatch("bench", List.of(other), List.of(new WriteBatch.ObservationRow(other.uid(),
                        template.identifier(), template.type(), template.hash(), template.display(), template.cls(),
                        template.provider(), Instant.now().atZone(ZoneOffset.UTC), null, true, 1, List.of("bench"))),
                        List.of(), List.of(), false);
                long w0 = System.nanoTime();
                writer.write(one);
                writeMs[k] = ms(w0);
                long u0 = System.nanoTime();
                service.result("bench");
                updateMs[k] = ms(u0);
                progress.advance(1);
            }
            long incremental = median(updateMs, 1);
            long incrementalP95 = percentile(updateMs, 1, 0.95);
            progress.note(String.format(Locale.ROOT, "one new observation at a time: write ms %s, analysis update ms %s (delta read, rescoring of affected pairs, clusters and risk of affected stores)",
                    Arrays.toString(writeMs), Arrays.toString(updateMs)));

            Naive naive = skipNaive ? new Naive(0, 0, 0) : naive(reader, writer);
            progress.print(System.out, String.format(Locale.ROOT, "RESULT snapshot_ms=%d analysis_ms=%d incremental_ms=%d incremental_p95_ms=%d naive_ms=%d naive_ratio=%.1f "
                            + "naive_stores=%d ours_at_naive_size_ms=%d stores=%d observations=%d links=%d clusters=%d",
                    median(snapshotMs, 1), median(analysisMs, 1), incremental, incrementalP95, naive.ms, naive.ms / (double) Math.max(1, naive.oursMs),
                    naive.stores, naive.oursMs, batch.stores().size(), observations, result.links().size(), result.clusters().size()));
        }
        return 0;
    }

    private record Naive(int stores, long ms, long oursMs) {
    }

    /** The largest size the naive Cypher clustering finishes within the limit, and ours on the same tenant. */
    private Naive naive(GraphReader reader, GraphWriter writer) {
        Naive best = new Naive(0, 0, 0);
        for (int size : new int[]{250, 500, 1000, 2000, 5000, stores}) {
            if (size > stores) break;
            String tenant = "naive-" + size;
            load(writer, tenant, size, seed + size);
            progress.step(String.format(Locale.ROOT, "naive Cypher clustering of %,d stores (limit %d s)", size, naiveLimitSeconds));
            long t0 = System.nanoTime();
            java.util.OptionalInt counted = reader.naiveClusterCount(tenant, Duration.ofSeconds(naiveLimitSeconds));
            if (counted.isPresent()) {
                int groups = counted.getAsInt();
                long naiveMs = ms(t0);
                long o0 = System.nanoTime();
                Snapshot s = reader.snapshot(tenant, Instant.now());
                LinkageResult r = engine.analyze(s);
                long ours = ms(o0);
                progress.note(String.format(Locale.ROOT, "naive Cypher clustering of %d stores: %d ms (%d groups); linkscope snapshot+analysis: %d ms (%d clusters)",
                        size, naiveMs, groups, ours, r.clusters().size()));
                best = new Naive(size, naiveMs, ours);
            } else {
                progress.note(String.format(Locale.ROOT, "naive Cypher clustering of %d stores did not finish in %d s", size,
                        naiveLimitSeconds));
                break;
            }
        }
        return best;
    }

    private WriteBatch load(GraphWriter writer, String tenant, int n, long seed) {
        progress.step(String.format(Locale.ROOT, "generating and validating %,d stores for tenant %s", n, tenant));
        SyntheticPortfolio.Generated g = SyntheticPortfolio.generate(seed, new SyntheticPortfolio.Options(n, loginIps, true));
        ValidatedImport v = validator.validate(tenant, g.portfolio());
        if (!v.valid()) throw new IllegalStateException("generator produced invalid data: " + v.errors().get(0));
        long t0 = System.nanoTime();
        progress.step("loading tenant " + tenant, v.batch().observations().size(), "observations");
        for (WriteBatch part : v.batch().split(50_000)) {
            writer.write(part);
            progress.advance(part.observations().size());
        }
        progress.note(String.format(Locale.ROOT, "loaded tenant %s: %d stores, %d observations in %d ms", tenant,
                v.batch().stores().size(), v.batch().observations().size(), ms(t0)));
        return v.batch();
    }

    /** Engines only, on a snapshot built in memory: for whole-graph sizes the database load would dominate. */
    private int inMemory() {
        progress.step(String.format(Locale.ROOT, "generating, validating and indexing %,d stores in memory", stores));
        long t0 = System.nanoTime();
        SyntheticPortfolio.Generated g = SyntheticPortfolio.generate(seed, new SyntheticPortfolio.Options(stores, loginIps, true));
        ValidatedImport v = validator.validate("bench", g.portfolio());
        Snapshot s = BatchSnapshot.of(v.batch(), Instant.now());
        g = null;
        v = null;
        progress.note(String.format(Locale.ROOT, "built snapshot of %d stores, %d observations, %d identifiers in %d ms",
                s.stores().size(), s.usages().size(), s.identifiers().size(), ms(t0)));
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        long[] runs = new long[stores > 100_000 ? 1 : 5];
        LinkageResult r = null;
        long after = 0;
        progress.step("analysing", runs.length, "runs");
        for (int i = 0; i < runs.length; i++) {
            long a0 = System.nanoTime();
            r = engine.analyze(s);
            concentration.analyze(s, r);
            runs[i] = ms(a0);
            if (i == 0) after = rt.totalMemory() - rt.freeMemory();
            progress.advance(1);
        }
        long analysis = runs.length == 1 ? runs[0] : median(runs, 1);
        progress.note("analysis ms per run: " + Arrays.toString(runs));
        progress.print(System.out, String.format(Locale.ROOT, "RESULT analysis_ms=%d stores=%d observations=%d links=%d clusters=%d heap_snapshot_mb=%d heap_after_analysis_mb=%d max_heap_mb=%d",
                analysis, s.stores().size(), s.usages().size(), r.links().size(), r.clusters().size(), before >> 20, after >> 20, rt.maxMemory() >> 20));
        return 0;
    }

    /** The {@code q} quantile (nearest rank) after skipping the first {@code skip} (warm-up) values. */
    private static long percentile(long[] values, int skip, double q) {
        long[] tail = Arrays.copyOfRange(values, skip, values.length);
        Arrays.sort(tail);
        return tail[Math.min(tail.length - 1, (int) Math.ceil(q * tail.length) - 1)];
    }

    private static long median(long[] values, int skip) {
        long[] tail = Arrays.copyOfRange(values, skip, values.length);
        Arrays.sort(tail);
        return tail[tail.length / 2];
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
