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
        try (Progress progress = Progress.start("bench ingest")) {
            return run(progress);
        }
    }

    private Integer run(Progress progress) {
        AppConfig config = ConfigLoader.with(ConfigLoader.load(), "limits.maxStoresPerDocument", Integer.toString(Integer.MAX_VALUE));
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

        double fast;
        GraphReader.Totals totals;
        progress.step("starting a scratch database");
        try (ScratchGraph scratch = ScratchGraph.open(config, pageCache)) {
            GraphWriter writer = new GraphWriter(scratch.graph, config.importing().batchRows());
            List<WriteBatch> parts = batch.split(txObservations);
            progress.step("linkscope writer", rows, "observations");
            long w0 = System.nanoTime();
            for (WriteBatch part : parts) {
                writer.write(part);
                progress.advance(part.observations().size());
            }
            long w1 = System.nanoTime();
            fast = rows / sec(w1 - w0);
            totals = new GraphReader(scratch.graph, scratch.config.analysis().exposure()).totals();
            if (totals.observations() != rows) {
                throw new IllegalStateException("graph holds " + totals.observations() + " observations, expected " + rows);
            }
            progress.note(String.format(Locale.ROOT, "  linkscope writer: %,d observations in %.1f s (%,.0f/s)", rows, sec(w1 - w0), fast));
            progress.step("re-importing the first batch");
            long r0 = System.nanoTime();
            writer.write(parts.get(0));
            long reimport = System.nanoTime() - r0;
            if (new GraphReader(scratch.graph, scratch.config.analysis().exposure()).totals().observations() != rows) throw new IllegalStateException("re-import changed the graph");
            progress.note(String.format(Locale.ROOT, "  re-import of the first batch (%,d observations): no change, %.1f s",
                    parts.get(0).observations().size(), sec(reimport)));
        }

        int naiveRows = naiveObservations == null ? rows : Math.min(rows, naiveObservations);
        double naive;
        progress.step("starting a second scratch database");
        try (ScratchGraph scratch = ScratchGraph.open(config, pageCache)) {
            GraphWriter writer = new GraphWriter(scratch.graph, 10_000);
            List<WriteBatch.ObservationRow> naiveInput = batch.observations().subList(0, naiveRows);
            progress.step("naive MERGE per row", naiveRows, "rows");
            long n0 = System.nanoTime();
            // the writer commits every 10,000 rows either way; handing it 10,000 at a time lets progress follow
            for (int from = 0; from < naiveRows; from += 10_000) {
                List<WriteBatch.ObservationRow> chunk = naiveInput.subList(from, Math.min(naiveRows, from + 10_000));
                writer.writeNaive(chunk);
                progress.advance(chunk.size());
            }
            long n1 = System.nanoTime();
            naive = naiveRows / sec(n1 - n0);
            progress.note(String.format(Locale.ROOT, "  naive MERGE per row: %,d rows in %.1f s", naiveRows, sec(n1 - n0)));
        }
        progress.print(System.out, String.format(Locale.ROOT, "RESULT obs_per_s=%.0f naive_obs_per_s=%.0f ratio=%.2f observations=%d naive_observations=%d stores=%d identifiers=%d prepare_obs_per_s=%.0f",
                fast, naive, fast / naive, rows, naiveRows, totals.stores(), totals.identifiers(), rows / sec(t2 - t1)));
        return 0;
    }

    private static double sec(long nanos) {
        return nanos / 1e9;
    }
}
