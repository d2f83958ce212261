package io.linkscope.cli;

import io.linkscope.App;
import io.linkscope.collect.ImportMode;
import io.linkscope.collect.ImportOutcome;
import io.linkscope.collect.ImportProblem;
import io.linkscope.collect.ImportRequest;
import io.linkscope.collect.PortfolioParser;
import io.linkscope.collect.PortfolioValidator;
import io.linkscope.report.Messages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code import FILE --tenant T [--on-invalid skip]}: the same validation path as the HTTP ingest. */
@Command(name = "import", description = "Import a portfolio file (.json, .csv, .ndjson/.jsonl) into a tenant.",
        footer = {"", "Exit codes: 0 all written, 3 rejected (nothing written), 4 partly written (--on-invalid skip)."})
final class ImportCommand implements Callable<Integer> {
    static final int REJECTED = 3;
    static final int PARTIAL = 4;
    /** From this size an import logs its steps even when no one watches a terminal. */
    static final long LARGE_FILE_BYTES = 16L << 20;

    @Parameters(index = "0", description = "portfolio file")
    Path file;

    @Option(names = "--tenant", required = true, description = "tenant id ([a-z0-9][a-z0-9_-]*)")
    String tenant;

    @Option(names = "--on-invalid", defaultValue = "reject", description = "reject (default: all or nothing) or skip")
    String onInvalid;

    @Option(names = "--format", description = "json, csv or ndjson (default: from the file extension)")
    String format;

    @Mixin
    Common common;

    @Override
    public Integer call() throws IOException {
        ImportOutcome outcome;
        var config = common.config();
        Messages m = Messages.of(config.lang());
        try (Progress progress = Files.size(existing(file)) >= LARGE_FILE_BYTES ? Progress.start("import", m) : Progress.terminalOnly("import", m)) {
            progress.step(m.t("cli.step.reading.size", "file", file.getFileName().toString(), "mb", m.decimal(Files.size(file) / 1e6, 1)));
            ImportRequest request = request(file, tenant, onInvalid, format);
            progress.step(m.t("cli.step.startingDatabase"));
            try (App app = App.start(config, false)) {
                progress.step(m.t("cli.step.importing", "file", file.getFileName().toString()));
                outcome = app.importDocument(request);
            }
        }
        return report(outcome, System.out, System.err, m);
    }

    private static Path existing(Path file) {
        if (!Files.isRegularFile(file)) throw new Main.UserError("no such file: " + file);
        return file;
    }

    static ImportRequest request(Path file, String tenant, String onInvalid, String format) throws IOException {
        if (!PortfolioValidator.TENANT.matcher(tenant).matches()) {
            throw new Main.UserError("--tenant must match " + PortfolioValidator.TENANT.pattern());
        }
        existing(file);
        PortfolioParser.Format f = PortfolioParser.Format.detect(format != null ? format : file.getFileName().toString());
        if (f == null) throw new Main.UserError("cannot tell the format of " + file + "; pass --format json|csv|ndjson");
        ImportMode mode;
        try {
            mode = ImportMode.parse(onInvalid);
        } catch (IllegalArgumentException e) {
            throw new Main.UserError(e.getMessage());
        }
        return new ImportRequest(tenant, Files.readAllBytes(file), f, mode, "file:" + file.getFileName());
    }

    /** What an import did, in the language of {@code m}; each problem's location and reason as the validator gave them. */
    static int report(ImportOutcome outcome, PrintStream out, PrintStream err, Messages m) {
        outcome.warnings().forEach(w -> err.println(m.t("cli.import.warning", "location", w.location(), "reason", w.reason())));
        if (!outcome.written()) {
            if (outcome.errors().isEmpty()) {
                out.println(m.t("cli.import.nothing"));
                return 0;
            }
            err.println(m.t("cli.import.rejected", "count", outcome.errors().size()));
            for (ImportProblem p : outcome.errors()) err.println("  " + p.location() + ": " + p.reason());
            return REJECTED;
        }
        var r = outcome.result();
        out.println(m.t("cli.import.done", "stores", outcome.storesAccepted(), "created", r.storesCreated(),
                "observations", outcome.observationsAccepted(), "identifiers", r.identifiersCreated(), "links", r.relationshipsCreated()));
        if (outcome.addressesUnstructured() > 0) out.println(m.t("cli.import.unstructured", "count", outcome.addressesUnstructured()));
        if (outcome.errors().isEmpty()) return 0;
        err.println(m.t("cli.import.skipped", "stores", outcome.storesRejected(), "attributes", outcome.attributesRejected()));
        for (ImportProblem p : outcome.errors()) err.println("  " + p.location() + ": " + p.reason());
        return PARTIAL;
    }
}
