package io.linkscope.cli;

import io.linkscope.App;
import io.linkscope.analysis.check.CandidateChecker;
import io.linkscope.collect.ImportProblem;
import io.linkscope.collect.ImportRequest;
import io.linkscope.collect.PortfolioParser;
import io.linkscope.collect.ValidatedImport;
import io.linkscope.config.AppConfig;
import io.linkscope.config.ConfigLoader;
import io.linkscope.report.CheckReport;
import io.linkscope.report.Messages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code check FILE --tenant T}: would the planned stores in FILE link, and to what, in a stored tenant;
 * {@code check FILE --against PORTFOLIO}: the same against a portfolio file on a throw-away database. Writes nothing.
 * Exit code 0: every candidate clean or only weakly linked; 1: one is linked or blocked; 2: usage; 3: invalid candidate.
 */
@Command(name = "check", description = "Check planned stores before they exist: would they link, and to what? Writes nothing.")
final class CheckCommand implements Callable<Integer> {
    static final int LINKED = 1;

    @Parameters(index = "0", description = "the planned stores, in portfolio format (.json, .csv, .ndjson)")
    Path file;

    @Option(names = "--tenant", description = "check against a stored tenant")
    String tenant;

    @Option(names = "--against", description = "check against this portfolio file, on a throw-away database")
    Path against;

    @Option(names = "--format", defaultValue = "txt", description = "txt, json or html (default ${DEFAULT-VALUE})")
    String format;

    @Option(names = {"-o", "--output"}, description = "write to this file instead of stdout")
    Path output;

    @Mixin
    Common common;

    @Override
    public Integer call() throws IOException {
        if ((tenant == null) == (against == null)) throw new Main.UserError("give either --tenant T or --against PORTFOLIO");
        if (!Set.of("txt", "json", "html").contains(format)) throw new Main.UserError("--format must be txt, json or html");
        Messages m = common.messages();
        ImportRequest candidates = ImportCommand.request(file, tenant == null ? "check" : tenant, "reject", null);
        if (against == null) {
            try (App app = App.start(common.config(), false)) {
                return check(app, tenant, candidates, m);
            }
        }
        ImportRequest portfolio = ImportCommand.request(against, "check", "reject", null);
        Path scratch = Files.createTempDirectory("linkscope-check-");
        AppConfig config = ConfigLoader.with(ConfigLoader.with(common.config(), "dataDir", scratch.toString()), "neo4j.uri", "");
        config = ConfigLoader.with(config, "analysis.debounceMs", Long.toString(java.util.concurrent.TimeUnit.DAYS.toMillis(1)));
        try (App app = App.start(config, false)) {
            int code = ImportCommand.report(app.importDocument(portfolio), System.err, System.err, m);
            if (code == ImportCommand.REJECTED) return code;
            return check(app, "check", candidates, m);
        } finally {
            org.apache.commons.io.FileUtils.deleteQuietly(scratch.toFile());
        }
    }

    private int check(App app, String tenant, ImportRequest candidates, Messages m) throws IOException {
        ValidatedImport v = app.validator().validate(tenant, new PortfolioParser().parse(candidates.body(), candidates.format()));
        if (!v.errors().isEmpty()) {
            System.err.println(m.t("cli.check.invalid", "count", v.errors().size()));
            for (ImportProblem p : v.errors()) System.err.println("  " + p.location() + ": " + p.reason());
            return ImportCommand.REJECTED;
        }
        if (v.batch().stores().isEmpty()) throw new Main.UserError(file + " names no store to check");
        CandidateChecker.Result result = app.analysis().check(tenant, v.batch().stores(), v.batch().observations());
        double minWeight = app.analysis().settings().linkage().minScore();
        String body = switch (format) {
            case "json" -> CheckReport.json(tenant, result, minWeight, m).encodePrettily() + "\n";
            case "html" -> CheckReport.html(result, minWeight, m);
            default -> CheckReport.text(result, minWeight, m);
        };
        if (output != null) {
            Files.writeString(output, body, StandardCharsets.UTF_8);
        } else {
            System.out.print(body);
        }
        boolean linked = result.candidates().stream().anyMatch(c -> c.verdict().equals(CandidateChecker.LINKED)
                || c.verdict().equals(CandidateChecker.BLOCKED));
        return linked ? LINKED : 0;
    }
}
