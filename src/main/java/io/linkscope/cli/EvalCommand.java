package io.linkscope.cli;

import io.linkscope.analysis.eval.BatchSnapshot;
import io.linkscope.analysis.eval.LinkageEval;
import io.linkscope.analysis.linkage.LinkageConfig;
import io.linkscope.analysis.linkage.LinkageEngine;
import io.linkscope.analysis.model.Snapshot;
import io.linkscope.collect.PortfolioValidator;
import io.linkscope.collect.SyntheticPortfolio;
import io.linkscope.collect.ValidatedImport;
import io.linkscope.config.AppConfig;
import io.linkscope.config.ConfigLoader;
import io.linkscope.normalize.IdentifierHasher;
import io.linkscope.normalize.Normalizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code eval}: linkage accuracy on seeded synthetic seller groups with ground truth. Each seed generates a
 * portfolio in the varied notations spec §1 equates, runs it through the real validation and normalization,
 * then the engines, and scores all pairs.
 */
@Command(name = "eval", description = "Linkage accuracy (ROC AUC, precision, recall, noise-pair rate) on synthetic seller groups.")
final class EvalCommand implements Callable<Integer> {
    @Option(names = "--stores", defaultValue = "2000", description = "stores per seed (default ${DEFAULT-VALUE})")
    int stores;

    @Option(names = "--seeds", defaultValue = "101,202,303,404,505", split = ",", description = "seeds (default ${DEFAULT-VALUE})")
    List<Long> seeds;

    @Option(names = "--variant-stores", defaultValue = "2000", description = "stores per seed of the variant-notation portfolio (spec §1a; default ${DEFAULT-VALUE}; 0 skips it)")
    int variantStores;

    @Override
    public Integer call() {
        try (Progress progress = Progress.start("eval")) {
            return run(progress);
        }
    }

    private Integer run(Progress progress) {
        AppConfig config = ConfigLoader.load();
        PortfolioValidator validator = new PortfolioValidator(new Normalizer(),
                new IdentifierHasher("linkscope-eval-secret-0123456789".getBytes(StandardCharsets.UTF_8)), config);
        LinkageEngine engine = new LinkageEngine(LinkageConfig.defaults());
        double auc = 0, precision = 0, recall = 0, noise = 0;
        double minAuc = 1, minRecall = 1, maxNoise = 0;
        int n = 0;
        for (long seed : seeds) {
            String of = String.format(Locale.ROOT, "seed %d (%d of %d): ", seed, ++n, seeds.size());
            progress.step(of + String.format(Locale.ROOT, "generating and validating %,d stores", stores));
            SyntheticPortfolio.Generated g = SyntheticPortfolio.generate(seed, SyntheticPortfolio.Options.forEval(stores));
            ValidatedImport v = validator.validate("eval", g.portfolio());
            if (!v.valid()) throw new IllegalStateException("generator produced invalid data: " + v.errors().get(0));
            Snapshot s = BatchSnapshot.of(v.batch(), Instant.parse("2026-11-01T00:00:00Z"));
            progress.step(of + "linkage");
            var result = engine.analyze(s);
            progress.step(of + "scoring all pairs");
            LinkageEval.Metrics m = LinkageEval.evaluate(s, result, g.operatorOfStore());
            progress.print(System.out, String.format(Locale.ROOT, "seed %d: %d stores, %d operators, %,d pairs, %,d related, %,d noise-only; "
                            + "AUC %.4f  precision %.4f  recall %.4f  noise pairs at strong/likely %.4f",
                    seed, s.stores().size(), g.operators(), m.pairs(), m.positives(), m.noisePairs(), m.auc(), m.precision(),
                    m.recall(), m.noisePairRate()));
            auc += m.auc();
            precision += m.precision();
            recall += m.recall();
            noise += m.noisePairRate();
            minAuc = Math.min(minAuc, m.auc());
            minRecall = Math.min(minRecall, m.recall());
            maxNoise = Math.max(maxNoise, m.noisePairRate());
        }
        int k = seeds.size();
        String variant = variantStores > 0 ? variants(progress, validator, engine) : "";
        progress.print(System.out, String.format(Locale.ROOT, "RESULT auc=%.4f precision=%.4f recall=%.4f noise_pair_rate=%.4f min_auc=%.4f min_recall=%.4f max_noise_pair_rate=%.4f seeds=%d stores=%d",
                auc / k, precision / k, recall / k, noise / k, minAuc, minRecall, maxNoise, k, stores) + variant);
        return 0;
    }

    /**
     * Spec §1a: one company and one office written in many notations per seller group, beside hard negatives (one
     * syllable apart, another city or industry, another room or street number) and a virtual office many share.
     */
    private String variants(Progress progress, PortfolioValidator validator, LinkageEngine engine) {
        double auc = 0, recall = 0, recallAll = 0, hard = 0, minAuc = 1, minRecall = 1, maxHard = 0, naiveAuc = 0, naiveRecallSum = 0;
        PortfolioValidator naive = new PortfolioValidator(Normalizer.foldedOnly(),
                new IdentifierHasher("linkscope-eval-secret-0123456789".getBytes(StandardCharsets.UTF_8)), ConfigLoader.load());
        java.util.Map<String, double[]> byKind = new java.util.TreeMap<>();
        int n = 0;
        for (long seed : seeds) {
            String of = String.format(Locale.ROOT, "variant seed %d (%d of %d): ", seed, ++n, seeds.size());
            progress.step(of + String.format(Locale.ROOT, "generating and validating %,d stores", variantStores));
            io.linkscope.collect.VariantPortfolio.Generated g = io.linkscope.collect.VariantPortfolio.generate(seed, variantStores);
            ValidatedImport v = validator.validate("eval", g.portfolio());
            if (!v.valid()) throw new IllegalStateException("generator produced invalid data: " + v.errors().get(0));
            Snapshot s = BatchSnapshot.of(v.batch(), Instant.parse("2026-11-01T00:00:00Z"));
            progress.step(of + "linkage");
            var result = engine.analyze(s);
            LinkageEval.Metrics m = LinkageEval.evaluate(s, result, g.operatorOfStore());
            // the naive figure beside: the same portfolio with legal entities and addresses folded only, as before §1a
            Snapshot folded = BatchSnapshot.of(naive.validate("eval", g.portfolio()).batch(), Instant.parse("2026-11-01T00:00:00Z"));
            var naiveResult = engine.analyze(folded);
            LinkageEval.Metrics naiveMetrics = LinkageEval.evaluate(folded, naiveResult, g.operatorOfStore());
            double naiveRecall = LinkageEval.flaggedShare(naiveResult, g.sharingPairs());
            naiveAuc += naiveMetrics.auc();
            naiveRecallSum += naiveRecall;
            List<String[]> all = g.hardNegatives().values().stream().flatMap(List::stream).toList();
            double flagged = LinkageEval.flaggedShare(result, all);
            double sharingRecall = LinkageEval.flaggedShare(result, g.sharingPairs());
            StringBuilder kinds = new StringBuilder();
            g.hardNegatives().forEach((kind, pairs) -> {
                double share = LinkageEval.flaggedShare(result, pairs);
                byKind.computeIfAbsent(kind, x -> new double[2])[0] += share;
                byKind.get(kind)[1]++;
                kinds.append(String.format(Locale.ROOT, " %s %.4f (%d)", kind, share, pairs.size()));
            });
            progress.print(System.out, String.format(Locale.ROOT, "variant seed %d: %d stores, %d operators, %,d related pairs "
                            + "(%,d sharing a company or an office as written), %,d unstructured addresses; AUC %.4f  precision %.4f  "
                            + "recall of pairs sharing a company or office %.4f (of all related pairs %.4f)  hard negatives at strong/likely %.4f of %,d:%s",
                    seed, s.stores().size(), g.operators(), m.positives(), g.sharingPairs().size(), v.addressesUnstructured(), m.auc(),
                    m.precision(), sharingRecall, m.recall(), flagged, all.size(), kinds)
                    + String.format(Locale.ROOT, "; folded only (before §1a): AUC %.4f  recall %.4f", naiveMetrics.auc(), naiveRecall));
            auc += m.auc();
            recall += sharingRecall;
            recallAll += m.recall();
            hard += flagged;
            minAuc = Math.min(minAuc, m.auc());
            minRecall = Math.min(minRecall, sharingRecall);
            maxHard = Math.max(maxHard, flagged);
        }
        int k = seeds.size();
        StringBuilder kinds = new StringBuilder();
        byKind.forEach((kind, sum) -> kinds.append(String.format(Locale.ROOT, " hard_%s=%.4f", kind, sum[0] / sum[1])));
        return String.format(Locale.ROOT, " variant_auc=%.4f variant_recall=%.4f hard_negative_rate=%.4f variant_min_auc=%.4f "
                + "variant_min_recall=%.4f max_hard_negative_rate=%.4f variant_recall_all_related=%.4f variant_stores=%d "
                + "naive_variant_auc=%.4f naive_variant_recall=%.4f", auc / k,
                recall / k, hard / k, minAuc, minRecall, maxHard, recallAll / k, variantStores, naiveAuc / k, naiveRecallSum / k) + kinds;
    }
}
