package io.linkscope.cli;

import io.linkscope.analysis.eval.BatchSnapshot;
import io.linkscope.analysis.model.Snapshot;
import io.linkscope.collect.PortfolioValidator;
import io.linkscope.collect.SyntheticPortfolio;
import io.linkscope.config.AppConfig;
import io.linkscope.normalize.IdentifierHasher;
import io.linkscope.normalize.Normalizer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/** A seeded synthetic portfolio through the real validation, as the snapshot the engines read, for benchmarks. */
final class BenchPortfolio {
    private BenchPortfolio() {
    }

    static Snapshot snapshot(AppConfig config, int stores, long seed, Progress progress) {
        var validator = new PortfolioValidator(new Normalizer(),
                new IdentifierHasher("linkscope-bench-secret-0123456789".getBytes(StandardCharsets.UTF_8)), config);
        progress.step(String.format(Locale.ROOT, "generating and validating %,d stores", stores));
        var v = validator.validate("bench", SyntheticPortfolio.generate(seed, SyntheticPortfolio.Options.forEval(stores)).portfolio());
        return BatchSnapshot.of(v.batch(), Instant.now());
    }
}
