package io.linkscope.cli;

import io.linkscope.App;
import io.linkscope.analysis.AnalysisService;
import io.linkscope.analysis.TenantAnalysis;
import io.linkscope.config.AppConfig;
import io.linkscope.config.ConfigLoader;
import io.linkscope.report.Messages;
import io.linkscope.report.ReportFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code report FILE --format …} analyses a portfolio file on a throw-away embedded database;
 * {@code report --tenant T --format …} reports a stored tenant.
 */
@Command(name = "report", description = "Linkage and concentration report for a portfolio file or a stored tenant.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", description = "portfolio file (analysed on a throw-away database)")
    Path file;

    @Option(names = "--tenant", description = "report a stored tenant instead of a file")
    String tenant;

    @Option(names = "--format", defaultValue = "json", description = "json, html, csv, md or txt (default ${DEFAULT-VALUE})")
    String format;

    @Option(names = {"-o", "--output"}, description = "write to this file instead of stdout")
    Path output;

    @Mixin
    Common common;

    @Override
    public Integer call() throws IOException {
        if ((file == null) == (tenant == null)) throw new Main.UserError("give either a portfolio FILE or --tenant T");
        if (!ReportFormat.supported(format)) throw new Main.UserError("--format must be one of " + ReportFormat.SUPPORTED);
        ReportFormat.Rendered rendered;
        Messages m = common.messages();
        try (Progress progress = Progress.start("report", m)) {
            if (file != null) {
                progress.step(m.t("cli.step.reading", "file", file.getFileName().toString()));
                var request = ImportCommand.request(file, "report", "reject", null);
                Path scratch = Files.createTempDirectory("linkscope-report-");
                AppConfig config = ConfigLoader.with(ConfigLoader.with(common.config(), "dataDir", scratch.toString()), "neo4j.uri", "");
                // analysed once, on demand, below: a background re-analysis would only race the shutdown of this short-lived app
                config = ConfigLoader.with(config, "analysis.debounceMs", Long.toString(java.util.concurrent.TimeUnit.DAYS.toMillis(1)));
                progress.step(m.t("cli.step.startingScratch"));
                try (App app = App.start(config, false)) {
                    progress.step(m.t("cli.step.importing", "file", file.getFileName().toString()));
                    var outcome = app.importDocument(request);
                    progress.clearLine();
                    int code = ImportCommand.report(outcome, System.err, System.err, m);
                    if (code == ImportCommand.REJECTED) return code;
                    rendered = render(app.analysis(), "report", progress, m);
                    progress.step(m.t("cli.step.stoppingScratch"));
                } finally {
                    org.apache.commons.io.FileUtils.deleteQuietly(scratch.toFile());
                }
            } else {
                progress.step(m.t("cli.step.openingDatabase"));
                try (App app = App.start(common.config(), false)) {
                    rendered = render(app.analysis(), tenant, progress, m);
                    progress.step(m.t("cli.step.closingDatabase"));
                }
            }
        }
        if (output != null) {
            Path target = output.toAbsolutePath();
            if (target.getParent() != null) Files.createDirectories(target.getParent());
            Files.writeString(target, rendered.body(), StandardCharsets.UTF_8);
            System.err.println(m.t("cli.report.written", "file", target.toString(), "format", format, "bytes", Files.size(target)));
        } else {
            System.out.print(rendered.body());
            if (!rendered.body().endsWith("\n")) System.out.println();
        }
        return 0;
    }

    /** Analysis in the steps a person waits for (the Monte Carlo and the recommender take the longest), then the format. */
    private ReportFormat.Rendered render(AnalysisService analysis, String tenant, Progress progress, Messages m) {
        progress.step(m.t("cli.step.linkage"));
        TenantAnalysis t = analysis.result(tenant);
        if (t.snapshot().stores().isEmpty()) throw new Main.UserError("tenant " + tenant + " has no stores");
        if (ReportFormat.needsRisk(format)) {
            progress.step(m.t("cli.step.risk"));
            t.concentration();
            t.risk();
            progress.step(m.t("cli.step.recommendations"));
            t.recommendations();
            t.worstBlastRadius();
        }
        progress.step(m.t("cli.step.rendering", "format", format));
        return ReportFormat.render(t, format, m);
    }
}
