package io.linkscope.cli;

import picocli.CommandLine.Command;

/** {@code bench …}: benchmarks that compare linkscope with the naive approach in the same run. */
@Command(name = "bench", description = "Benchmarks; each prints a RESULT k=v … line last.",
        subcommands = {IngestBench.class, AnalysisBench.class, RiskBench.class, RecommendBench.class, CheckBench.class})
final class BenchCommand {
}
