package io.linkscope.cli;

import io.linkscope.App;
import io.linkscope.graph.ApiKeyStore;
import io.linkscope.collect.ImportOutcome;
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
        // not ready (GET /health/ready answers 503) until the demo portfolio is committed
        App app = App.start(common.config(), !exit, true);
        boolean serving = false;
        try {
            ImportOutcome outcome = app.importDocument(request);
            if (ImportCommand.report(outcome, System.out, System.err) != 0) return 1;
            app.readiness().release();
            System.out.println();
            System.out.print(TerminalSummary.render(app.analysis().result(TENANT)));
            if (exit) return 0;
            serving = true;
            String base = "http://" + app.config().server().host() + ":" + app.httpPort();
            // a fresh owner key for the demo tenant on every run; the previous demo key stops working
            app.keys().revokeLabelled(DEMO_KEY_LABEL);
            String key = app.keys().create(ApiKeyStore.Role.owner, java.util.List.of(TENANT), DEMO_KEY_LABEL).secret();
            System.out.printf("%nServing (Ctrl-C to stop). Dashboard:%n  %s/#tenant=%s&key=%s%n"
                            + "API, with header  Authorization: Bearer %s%n  %s/api/v1/tenants/%s/linkage%n  %s/api/v1/tenants/%s/report?format=html%n  %s/openapi.yaml%n",
                    base, TENANT, key, key, base, TENANT, base, TENANT, base);
        } finally {
            if (!serving) app.close();
        }
        ServeCommand.untilInterrupted(app);
        return 0;
    }
}
