package io.linkscope.cli;

import io.linkscope.analysis.linkage.LinkageConfig;
import io.linkscope.analysis.linkage.LinkageEngine;
import io.linkscope.analysis.model.Link;
import io.linkscope.analysis.model.LinkageResult;
import io.linkscope.analysis.model.Snapshot;
import io.linkscope.analysis.model.Usage;
import io.linkscope.analysis.risk.RevenueAtRisk;
import io.linkscope.analysis.risk.RiskConfig;
import io.linkscope.config.ConfigLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code bench risk}: the revenue-at-risk Monte Carlo against the same model written the obvious way (collections
 * per trial, lookups by store key), on one synthetic portfolio.
 */
@Command(name = "risk", description = "Revenue-at-risk Monte Carlo throughput against a naive implementation.")
final class RiskBench implements Callable<Integer> {
    @Option(names = "--stores", defaultValue = "1000")
    int stores;

    @Option(names = "--trials", defaultValue = "100000")
    int trials;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Override
    public Integer call() {
        try (Progress progress = Progress.start("bench risk")) {
            var config = ConfigLoader.load();
            Snapshot s = BenchPortfolio.snapshot(config, stores, seed, progress);
            progress.step("linkage");
            LinkageResult linkage = new LinkageEngine(LinkageConfig.defaults()).analyze(s);
            RiskConfig rc = config.risk().withRun(trials, seed);
            RevenueAtRisk rar = new RevenueAtRisk(rc, LinkageConfig.defaults().likely());
            progress.step(String.format(Locale.ROOT, "warm-up Monte Carlo (%,d trials)", trials));
            rar.simulate(s, linkage);
            progress.step(String.format(Locale.ROOT, "timed Monte Carlo (%,d trials)", trials));
            long t0 = System.nanoTime();
            RevenueAtRisk.Result r = rar.simulate(s, linkage);
            long fastMs = (System.nanoTime() - t0) / 1_000_000;
            progress.step(String.format(Locale.ROOT, "naive Monte Carlo (%,d trials)", trials));
            long n0 = System.nanoTime();
            double naiveExpected = naive(s, linkage, rc);
            long naiveMs = (System.nanoTime() - n0) / 1_000_000;
            progress.note(String.format(Locale.ROOT, "expected annual loss %.0f USD (naive %.0f), VaR95 %.0f, CVaR95 %.0f, SE %.0f",
                    r.expectedAnnualLossUsd(), naiveExpected, r.var95Usd(), r.cvar95Usd(), r.standardError()));
            progress.print(System.out, String.format(Locale.ROOT, "RESULT risk_ms=%d naive_ms=%d ratio=%.1f stores=%d trials=%d links=%d",
                    fastMs, naiveMs, naiveMs / (double) Math.max(1, fastMs), s.stores().size(), trials, linkage.links().size()));
            return 0;
        }
    }

    /** The same model with per-trial collections and key lookups: what one writes first. */
    private static double naive(Snapshot s, LinkageResult linkage, RiskConfig rc) {
        Map<String, List<Link>> links = new HashMap<>();
        for (Link l : linkage.links()) {
            if (!l.samePlatform() || "weak".equals(l.level())) continue;
            links.computeIfAbsent(l.a(), k -> new ArrayList<>()).add(l);
            links.computeIfAbsent(l.b(), k -> new ArrayList<>()).add(l);
        }
        Map<String, Set<String>> sharers = new HashMap<>();
        Map<Integer, List<String>> holders = new HashMap<>();
        for (Usage u : s.usages()) {
            if (s.identifiers().get(u.identifier()).type().receivesFunds()) {
                holders.computeIfAbsent(u.identifier(), k -> new ArrayList<>()).add(s.stores().get(u.store()).key());
            }
        }
        holders.values().forEach(h -> h.forEach(a -> h.forEach(b -> {
            if (!a.equals(b)) sharers.computeIfAbsent(a, k -> new HashSet<>()).add(b);
        })));
        Map<String, Double> revenue = new HashMap<>();
        s.stores().forEach(st -> revenue.put(st.key(), st.suspended() ? 0 : 12 * st.monthlyRevenueUsd()));
        Random rng = new Random(rc.seed());
        double sum = 0;
        for (int t = 0; t < rc.trials(); t++) {
            Set<String> lost = new HashSet<>();
            ArrayDeque<String> queue = new ArrayDeque<>();
            for (var st : s.stores()) {
                double h = revenue.get(st.key()) > 0 ? rc.hazard(st.platform(), linkage.storeRisk().get(st.key()).risk()) : 0;
                if (rng.nextDouble() < h && lost.add(st.key())) queue.add(st.key());
            }
            double loss = 0;
            while (!queue.isEmpty()) {
                String k = queue.poll();
                loss += revenue.get(k);
                for (Link l : links.getOrDefault(k, List.of())) {
                    String other = l.a().equals(k) ? l.b() : l.a();
                    if (!lost.contains(other) && revenue.get(other) > 0 && rng.nextDouble() < rc.contagionScale() * l.score()) {
                        lost.add(other);
                        queue.add(other);
                    }
                }
                if (rng.nextDouble() < rc.freezeProbability()) {
                    for (String other : sharers.getOrDefault(k, Set.of())) if (lost.add(other)) loss += revenue.get(other);
                }
            }
            sum += loss;
        }
        return sum / rc.trials();
    }
}
