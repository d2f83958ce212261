package io.linkscope.cli;

import io.linkscope.App;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code serve}: the HTTP API, on embedded Neo4j unless NEO4J_URI is set. Runs until Ctrl-C. */
@Command(name = "serve", description = "Serve the HTTP API until Ctrl-C.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    Common common;

    @Override
    public Integer call() throws InterruptedException {
        App app = App.start(common.config(), true);
        System.out.println(io.linkscope.report.Messages.of(app.config().lang()).t("cli.serve.serving",
                "url", "http://" + app.config().server().host() + ":" + app.httpPort() + "/"));
        untilInterrupted(app);
        return 0;
    }

    /** Blocks until the JVM is asked to stop, then closes the app (driver, Vert.x, database) in order. */
    static void untilInterrupted(App app) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "linkscope-shutdown"));
        stopped.await();
    }
}
