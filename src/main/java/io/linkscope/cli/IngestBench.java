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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code bench ingest}: loads a synthetic portfolio into a fresh embedded database the linkscope way
 * (validated, normalized, hashed; UNWIND batches that MERGE identifiers once, then the HAS edges) and, in the
 * same run, the naive way (three MERGEs per row, 10k-row batches) into another fresh database.
 */
@Command(name = "ingest", description = "Ingest throughput against the naive MERGE-per-row baseline.")
final class IngestBench implements Callable<Integer> {
    @Option(names = "--observations", defaultValue = "1000000", description = "observations to load (default ${DEFAULT-VALUE})")
    int observations;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Option(names = "--naive-observations", description = "rows for the naive baseline (default: the same as --observations)")
    Integer naiveObservations;

    @Option(names = "--tx-observations", defaultValue = "100000", description = "observations per transaction (default ${DEFAULT-VALUE})")
    int txObservations;

    @Option(names = "--page-cache", defaultValue = "2g")
    String pageCache;

    @Override
    public Integer call() {
        AppConfig config = ConfigLoader.with(ConfigLoader.load(), "limits.maxStoresPerDocument", Integer.toString(Integer.MAX_VALUE));
        long t0 = System.nanoTime();
        SyntheticPortfolio.Generated generated = SyntheticPortfolio.generate(seed, SyntheticPortfolio.Options.forObservations(observations));
        long t1 = System.nanoTime();
        PortfolioValidator validator = new PortfolioValidator(new Normalizer(),
                new IdentifierHasher(("linkscope-bench-secret-" + seed).getBytes(StandardCharsets.UTF_8)), config);
        ValidatedImport validated = validator.validate("bench", generated.portfolio());
        long t2 = System.nanoTime();
        if (!validated.valid()) throw new IllegalStateException("generator produced invalid data: " + validated.errors().get(0));
        WriteBatch batch = validated.batch();
        int rows = batch.observations().size();
        System.err.printf(Locale.ROOT, "generated %d stores, %d attributes in %.1f s; validated+normalized+hashed into %d observations in %.1f s%n",
                batch.stores().size(), generated.attributes(), sec(t1 - t0), rows, sec(t2 - t1));

        double fast;
        GraphReader.Totals totals;
        try (ScratchGraph scratch = ScratchGraph.open(config, pageCache)) {
            GraphWriter writer = new GraphWriter(scratch.graph, config.importing().batchRows());
            List<WriteBatch> parts = batch.split(txObservations);
            long w0 = System.nanoTime();
            int done = 0;
            for (WriteBatch part : parts) {
                writer.write(part);
                done += part.observations().size();
                System.err.printf(Locale.ROOT, "\r  linkscope writer: %,d / %,d observations (%.0f/s)", done, rows, done / sec(System.nanoTime() - w0));
            }
            long w1 = System.nanoTime();
            System.err.println();
            fast = rows / sec(w1 - w0);
            totals = new GraphReader(scratch.graph).totals();
            if (totals.observations() != rows) {
                throw new IllegalStateException("graph holds " + totals.observations() + " observations, expected " + rows);
            }
            long r0 = System.nanoTime();
            writer.write(parts.get(0));
            long reimport = System.nanoTime() - r0;
            if (new GraphReader(scratch.graph).totals().observations() != rows) throw new IllegalStateException("re-import changed the graph");
            System.err.printf(Locale.ROOT, "  re-import of the first batch (%,d observations): no change, %.1f s%n",
                    parts.get(0).observations().size(), sec(reimport));
        }

        int naiveRows = naiveObservations == null ? rows : Math.min(rows, naiveObservations);
        double naive;
        try (ScratchGraph scratch = ScratchGraph.open(config, pageCache)) {
            GraphWriter writer = new GraphWriter(scratch.graph, 10_000);
            List<WriteBatch.ObservationRow> naiveInput = batch.observations().subList(0, naiveRows);
            long n0 = System.nanoTime();
            writer.writeNaive(naiveInput);
            long n1 = System.nanoTime();
            naive = naiveRows / sec(n1 - n0);
            System.err.printf(Locale.ROOT, "  naive MERGE per row: %,d rows in %.1f s%n", naiveRows, sec(n1 - n0));
        }
        System.out.printf(Locale.ROOT, "RESULT obs_per_s=%.0f naive_obs_per_s=%.0f ratio=%.2f observations=%d naive_observations=%d stores=%d identifiers=%d prepare_obs_per_s=%.0f%n",
                fast, naive, fast / naive, rows, naiveRows, totals.stores(), totals.identifiers(), rows / sec(t2 - t1));
        return 0;
    }

    private static double sec(long nanos) {
        return nanos / 1e9;
    }
}
