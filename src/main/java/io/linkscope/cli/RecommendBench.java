package io.linkscope.cli;

import io.linkscope.App;
import io.linkscope.analysis.AnalysisSettings;
import io.linkscope.analysis.linkage.LinkageEngine;
import io.linkscope.analysis.model.LinkageResult;
import io.linkscope.analysis.model.Snapshot;
import io.linkscope.analysis.risk.Concentration;
import io.linkscope.analysis.risk.Recommender;
import io.linkscope.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code bench recommend}: the whole list of recommendations on one synthetic portfolio, every action's effect
 * measured (linkage re-analysed per action), with the configured costs and catalog.
 */
@Command(name = "recommend", description = "Time to compute every recommendation and its effect on a synthetic portfolio.")
final class RecommendBench implements Callable<Integer> {
    @Option(names = "--stores", defaultValue = "1000")
    int stores;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Option(names = "--runs", defaultValue = "3", description = "timed runs after one warm-up; the median is reported")
    int runs;

    @Override
    public Integer call() {
        try (Progress progress = Progress.start("bench recommend")) {
            var config = ConfigLoader.load();
            AnalysisSettings settings = App.settings(config);
            Snapshot s = BenchPortfolio.snapshot(config, stores, seed, progress);
            progress.step("linkage");
            LinkageEngine engine = new LinkageEngine(settings.linkage());
            long l0 = System.nanoTime();
            LinkageResult linkage = engine.analyze(s);
            long linkageMs = (System.nanoTime() - l0) / 1_000_000;
            Recommender recommender = new Recommender(settings.recommend(), engine, settings.risk(), new Concentration(settings.bands()));
            progress.step("warm-up");
            List<Recommender.Action> actions = recommender.recommend(s, linkage).actions();
            long[] ms = new long[Math.max(1, runs)];
            for (int i = 0; i < ms.length; i++) {
                progress.step(String.format(Locale.ROOT, "timed run %d of %d", i + 1, ms.length));
                long t0 = System.nanoTime();
                actions = recommender.recommend(s, linkage).actions();
                ms[i] = (System.nanoTime() - t0) / 1_000_000;
            }
            java.util.Arrays.sort(ms);
            Map<String, Integer> kinds = new TreeMap<>();
            actions.forEach(a -> kinds.merge(a.kind(), 1, Integer::sum));
            io.linkscope.report.ActionText words = new io.linkscope.report.ActionText(io.linkscope.report.Messages.english(), Map.of());
            actions.stream().filter(a -> a.kind().equals(Recommender.DIVERSIFY)).findFirst()
                    .ifPresent(a -> progress.note("diversify: " + words.title(a)));
            if (!actions.isEmpty()) progress.note("top: " + words.title(actions.get(0)));
            progress.print(System.out, String.format(Locale.ROOT,
                    "RESULT recommend_ms=%d linkage_ms=%d per_action_ms=%.1f stores=%d links=%d actions=%d %s",
                    ms[ms.length / 2], linkageMs, ms[ms.length / 2] / (double) Math.max(1, actions.size()), s.stores().size(),
                    linkage.links().size(), actions.size(), String.join(" ", kinds.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())));
            return 0;
        }
    }
}
