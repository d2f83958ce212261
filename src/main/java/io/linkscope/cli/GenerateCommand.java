package io.linkscope.cli;

import io.linkscope.collect.PortfolioParser;
import io.linkscope.collect.PortfolioDocument;
import io.linkscope.collect.RawPortfolio;
import io.linkscope.collect.SyntheticPortfolio;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code generate}: a synthetic portfolio file (the generator behind {@code eval} and {@code bench}), for load
 * tests and trying the tool on realistic volumes. Identifiers are made up; no real person's data.
 */
@Command(name = "generate", description = "Write a synthetic portfolio document (JSON) with realistic linkage.")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--stores", defaultValue = "1000", description = "stores (default ${DEFAULT-VALUE})")
    int stores;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = {"-o", "--output"}, required = true, description = "file to write")
    Path output;

    @Override
    public Integer call() throws IOException {
        if (stores < 1 || stores > 1_000_000) throw new Main.UserError("--stores must be between 1 and 1,000,000");
        RawPortfolio p = SyntheticPortfolio.generate(seed, SyntheticPortfolio.Options.forEval(stores)).portfolio();
        Files.writeString(output, PortfolioDocument.of(p).encode(), StandardCharsets.UTF_8);
        System.err.printf("wrote %d stores to %s%n", p.stores().size(), output);
        return 0;
    }
}
