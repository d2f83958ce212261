package io.linkscope.cli;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * {@code bench ingest}: loads a synthetic portfolio into a fresh embedded database the linkscope way (validated,
 * normalized, hashed; the whole import in one transaction, as an API or CLI import is written) and, in the same
 * run, the naive way (a MERGE chain per row, 10k-row transactions, the same properties) into another fresh
 * database. Then re-imports the whole file (nothing may change, not even the tenant's version) and runs two imports
 * at once into two tenants that share every identifier (nothing may be lost; retries are counted).
 */
@Command(name = "ingest", description = "Ingest throughput against the naive MERGE-per-row baseline.")
final class IngestBench implements Callable<Integer> {
    private static final int NAIVE_ROWS_PER_TX = 10_000;

    @Option(names = "--observations", defaultValue = "1000000", description = "observations to load (default ${DEFAULT-VALUE})")
    int observations;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Option(names = "--naive-observations", description = "rows for the naive baseline (default: the same as --observations)")
    Integer naiveObservations;

    @Option(names = "--tx-observations", defaultValue = "0",
            description = "observations per transaction; 0 (default) writes the import in one transaction, as the app does")
    int txObservations;

    @Option(names = "--statement-rows", description = "rows per UNWIND statement (default: the configured importing.batchRows)")
    Integer statementRows;

    @Option(names = "--concurrent-observations", defaultValue = "-1",
            description = "observations of each of the two concurrent imports (default: a tenth of --observations, 0 skips)")
    int concurrentObservations = -1;

    @Option(names = "--page-cache", defaultValue = "2g")
    String pageCache;

    @Override
    public Integer call() {
        try (Progress progress = Progress.start("bench ingest")) {
            return run(progress);
        }
    }

    private Integer run(Progress progress) {
        AppConfig config = ConfigLoader.with(ConfigLoader.load(), "limits.maxStoresPerDocument", Integer.toString(Integer.MAX_VALUE));
        int rowsPerStatement = statementRows != null ? statementRows : config.importing().batchRows();
        progress.step(String.format(Locale.ROOT, "generating a synthetic portfolio of about %,d observations (seed %d)", observations, seed));
        long t0 = System.nanoTime();
        SyntheticPortfolio.Generated generated = SyntheticPortfolio.generate(seed, SyntheticPortfolio.Options.forObservations(observations));
        long t1 = System.nanoTime();
        progress.step("validating, normalizing and hashing");
        PortfolioValidator validator = new PortfolioValidator(new Normalizer(),
                new IdentifierHasher(("linkscope-bench-secret-" + seed).getBytes(StandardCharsets.UTF_8)), config);
        ValidatedImport validated = validator.validate("bench", generated.portfolio());
        long t2 = System.nanoTime();
        if (!validated.valid()) throw new IllegalStateException("generator produced invalid data: " + validated.errors().get(0));
        WriteBatch batch = validated.batch();
        int rows = batch.observations().size();
        progress.note(String.format(Locale.ROOT, "generated %d stores, %d attributes in %.1f s; validated+normalized+hashed into %d observations in %.1f s",
                batch.stores().size(), generated.attributes(), sec(t1 - t0), rows, sec(t2 - t1)));
        // both writers first load the same small portfolio into their database, so that neither measures the JIT
        // compiling the driver and Neo4j for it (the one measured second would otherwise inherit a warm JVM)
        WriteBatch warmup = validator.validate("warmup", SyntheticPortfolio.generate(seed + 2,
                SyntheticPortfolio.Options.forObservations(Math.max(2_000, Math.min(30_000, observations / 10)))).portfolio()).batch();
        int concurrent = concurrentObservations < 0 ? observations / 10 : concurrentObservations;
        List<WriteBatch> pair = concurrent == 0 ? List.of() : List.of("bench-a", "bench-b").stream()
                .map(t -> validator.validate(t, SyntheticPortfolio.generate(seed + 1, SyntheticPortfolio.Options.forObservations(concurrent)).portfolio()).batch())
                .toList();

        double fast;
        double fastCpu;
        double naiveCpu;
        double reimportSeconds;
        double naiveReimportSeconds;
        GraphReader.Totals totals;
        Concurrent both = null;
        progress.step("starting a scratch database");
        try (ScratchGraph scratch = ScratchGraph.open(config, pageCache)) {
            GraphWriter writer = new GraphWriter(scratch.graph, rowsPerStatement);
            GraphReader reader = new GraphReader(scratch.graph, scratch.config.analysis().exposure());
            progress.step(String.format(Locale.ROOT, "warm-up: %,d observations into another tenant", warmup.observations().size()));
            writer.write(warmup);
            GraphReader.Totals base = reader.totals();
            List<WriteBatch> parts = txObservations > 0 ? batch.split(txObservations) : List.of(batch);
            progress.step(String.format(Locale.ROOT, "linkscope writer, %s, %,d rows per statement",
                    parts.size() == 1 ? "one transaction" : parts.size() + " transactions", rowsPerStatement), rows, "observations");
            long w0 = System.nanoTime();
            long cpu0 = cpuNanos();
            for (WriteBatch part : parts) {
                writer.write(part);
                progress.advance(part.observations().size());
            }
            long w1 = System.nanoTime();
            fastCpu = sec(cpuNanos() - cpu0);
            fast = rows / sec(w1 - w0);
            totals = minus(reader.totals(), base);
            if (totals.observations() != rows) {
                throw new IllegalStateException("graph holds " + totals.observations() + " observations, expected " + rows);
            }
            progress.note(String.format(Locale.ROOT, "  linkscope writer: %,d observations in %.1f s (%,.0f/s), %.1f s of CPU (this process, database included)",
                    rows, sec(w1 - w0), fast, fastCpu));

            progress.step("re-importing the whole portfolio");
            long versionBefore = reader.tenantVersion("bench").version();
            long r0 = System.nanoTime();
            var again = writer.write(batch);
            reimportSeconds = sec(System.nanoTime() - r0);
            if (!minus(reader.totals(), base).equals(totals) || reader.tenantVersion("bench").version() != versionBefore
                    || again.storesCreated() + again.identifiersCreated() + again.relationshipsCreated() + again.propertiesSet() != 0) {
                throw new IllegalStateException("re-import changed the graph: " + again + ", version " + versionBefore
                        + " -> " + reader.tenantVersion("bench").version());
            }
            progress.note(String.format(Locale.ROOT, "  re-import of all %,d observations: no change (graph version %d kept), %.1f s",
                    rows, versionBefore, reimportSeconds));
            if (!pair.isEmpty()) both = concurrent(progress, writer, reader, pair);
        }

        int naiveRows = naiveObservations == null ? rows : Math.min(rows, naiveObservations);
        double naive;
        progress.step("starting a second scratch database");
        try (ScratchGraph scratch = ScratchGraph.open(config, pageCache)) {
            GraphWriter writer = new GraphWriter(scratch.graph, NAIVE_ROWS_PER_TX);
            Map<String, WriteBatch.StoreRow> stores = new HashMap<>();
            batch.stores().forEach(s -> stores.put(s.uid(), s));
            warmup.stores().forEach(s -> stores.put(s.uid(), s));
            progress.step(String.format(Locale.ROOT, "warm-up: %,d observations into another tenant", warmup.observations().size()));
            writer.writeNaive("warmup", stores, warmup.observations());
            GraphReader reader = new GraphReader(scratch.graph, scratch.config.analysis().exposure());
            GraphReader.Totals base = reader.totals();
            List<WriteBatch.ObservationRow> naiveInput = batch.observations().subList(0, naiveRows);
            progress.step("naive MERGE per row, same properties", naiveRows, "rows");
            long n0 = System.nanoTime();
            long cpu0 = cpuNanos();
            // the naive writer commits every 10,000 rows either way; handing it 10,000 at a time lets progress follow
            for (int from = 0; from < naiveRows; from += NAIVE_ROWS_PER_TX) {
                List<WriteBatch.ObservationRow> chunk = naiveInput.subList(from, Math.min(naiveRows, from + NAIVE_ROWS_PER_TX));
                writer.writeNaive("bench", stores, chunk);
                progress.advance(chunk.size());
            }
            long n1 = System.nanoTime();
            naiveCpu = sec(cpuNanos() - cpu0);
            naive = naiveRows / sec(n1 - n0);
            GraphReader.Totals naiveTotals = minus(reader.totals(), base);
            if (naiveRows == rows && !naiveTotals.equals(totals)) {
                throw new IllegalStateException("the naive baseline wrote another graph: " + naiveTotals + " against " + totals);
            }
            progress.note(String.format(Locale.ROOT, "  naive MERGE per row: %,d rows in %.1f s (%,.0f/s), %.1f s of CPU", naiveRows, sec(n1 - n0), naive, naiveCpu));
            progress.step("naive re-import of the same rows");
            long n2 = System.nanoTime();
            for (int from = 0; from < naiveRows; from += NAIVE_ROWS_PER_TX) {
                writer.writeNaive("bench", stores, naiveInput.subList(from, Math.min(naiveRows, from + NAIVE_ROWS_PER_TX)));
            }
            naiveReimportSeconds = sec(System.nanoTime() - n2);
            progress.note(String.format(Locale.ROOT, "  naive re-import: %.1f s", naiveReimportSeconds));
        }
        progress.print(System.out, String.format(Locale.ROOT, "RESULT obs_per_s=%.0f naive_obs_per_s=%.0f ratio=%.2f cpu_ratio=%.2f observations=%d naive_observations=%d stores=%d identifiers=%d reimport_s=%.2f naive_reimport_s=%.2f%s prepare_obs_per_s=%.0f",
                fast, naive, fast / naive, (naiveCpu / naiveRows) / (fastCpu / rows), rows, naiveRows, totals.stores(), totals.identifiers(), reimportSeconds, naiveReimportSeconds,
                both == null ? "" : String.format(Locale.ROOT, " concurrent_obs_per_s=%.0f concurrent_retries=%d concurrent_lost=%d",
                        both.observationsPerSecond(), both.retries(), both.lost()),
                rows / sec(t2 - t1)));
        return 0;
    }

    private static GraphReader.Totals minus(GraphReader.Totals a, GraphReader.Totals b) {
        return new GraphReader.Totals(a.stores() - b.stores(), a.identifiers() - b.identifiers(), a.observations() - b.observations());
    }

    private record Concurrent(double observationsPerSecond, long retries, long lost) {
    }

    /** Two imports at once into two tenants that share every identifier; each must arrive whole. */
    private static Concurrent concurrent(Progress progress, GraphWriter writer, GraphReader reader, List<WriteBatch> pair) {
        int total = pair.stream().mapToInt(b -> b.observations().size()).sum();
        progress.step(String.format(Locale.ROOT, "two concurrent imports sharing every identifier (%,d observations each)",
                pair.get(0).observations().size()));
        long retriesBefore = writer.retries();
        long before = reader.totals().observations();
        long c0 = System.nanoTime();
        List<CompletableFuture<?>> running = new ArrayList<>();
        for (WriteBatch b : pair) running.add(CompletableFuture.runAsync(() -> writer.write(b)));
        running.forEach(CompletableFuture::join);
        double seconds = sec(System.nanoTime() - c0);
        long lost = total - (reader.totals().observations() - before);
        long retries = writer.retries() - retriesBefore;
        progress.note(String.format(Locale.ROOT, "  concurrent imports: %,d observations in %.1f s (%,.0f/s), %d retries, %d lost",
                total, seconds, total / seconds, retries, lost));
        if (lost != 0) throw new IllegalStateException(lost + " observations lost by the concurrent imports");
        return new Concurrent(total / seconds, retries, lost);
    }

    /** CPU time of this process (the embedded database runs in it): less at the mercy of other load than the wall clock. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double sec(long nanos) {
        return nanos / 1e9;
    }
}
