package io.linkscope.cli;

import io.linkscope.App;
import io.linkscope.graph.ApiKeyStore;
import io.linkscope.collect.ImportOutcome;
import io.linkscope.report.Messages;
import io.linkscope.report.TerminalSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * {@code demo}: the main job. Starts embedded Neo4j, imports the demo portfolio of {@code fixtures/}
 * (a re-run changes nothing), prints the linkage and concentration summary, and serves the API.
 */
@Command(name = "demo", description = "Import the demo portfolio, print its summary, and serve the API until Ctrl-C.")
final class DemoCommand implements Callable<Integer> {
    static final String TENANT = "demo";
    static final String DEMO_KEY_LABEL = "demo (replaced on every run)";

    @Option(names = "--exit", description = "exit after printing the summary instead of serving")
    boolean exit;

    @Mixin
    Common common;

    @Override
    public Integer call() throws Exception {
        var request = ImportCommand.request(Common.fixture("demo-portfolio.json"), TENANT, "reject", null);
        var config = common.config();
        Messages m = Messages.of(config.lang());
        // not ready (GET /health/ready answers 503) until the demo portfolio is committed
        App app = App.start(config, !exit, true);
        boolean serving = false;
        try {
            ImportOutcome outcome = app.importDocument(request);
            if (ImportCommand.report(outcome, System.out, System.err, m) != 0) return 1;
            app.readiness().release();
            System.out.println();
            System.out.print(TerminalSummary.render(app.analysis().result(TENANT), m));
            if (exit) return 0;
            serving = true;
            String base = "http://" + app.config().server().host() + ":" + app.httpPort();
            // a fresh owner key for the demo tenant on every run; the previous demo key stops working
            app.keys().revokeLabelled(DEMO_KEY_LABEL);
            String key = app.keys().create(ApiKeyStore.Role.owner, java.util.List.of(TENANT), DEMO_KEY_LABEL).secret();
            String lang = m.tag().equals(Messages.EN) ? "" : "&lang=" + m.tag();
            System.out.printf("%n%s%n  %s/#tenant=%s&key=%s%s%n%s%n  %s/api/v1/tenants/%s/linkage%s%n  %s/api/v1/tenants/%s/report?format=html%s%n  %s/openapi.yaml%n",
                    m.t("cli.demo.serving"), base, TENANT, key, lang, m.t("cli.demo.api", "key", key), base, TENANT,
                    lang.isEmpty() ? "" : "?lang=" + m.tag(), base, TENANT, lang, base);
        } finally {
            if (!serving) app.close();
        }
        ServeCommand.untilInterrupted(app);
        return 0;
    }
}
