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

    /**
     * Blocks until the process is asked to stop, then stops gracefully ({@link App#close}: requests and imports in
     * flight finish) and exits 0. SIGTERM and SIGINT are handled here rather than left to shutdown hooks, which run
     * concurrently and would stop the database under requests still being answered.
     */
    static void untilInterrupted(App app) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        for (String name : new String[]{"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    org.slf4j.LoggerFactory.getLogger(ServeCommand.class).info("SIG{} received: stopping", signal.getName());
                    stop.countDown();
                });
            } catch (IllegalArgumentException unsupported) {
                // this platform does not deliver that signal; the shutdown hook below still closes the app
            }
        }
        Thread hook = new Thread(app::close, "linkscope-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stop.await();
        app.close();
        // everything is closed and flushed: the JVM's remaining shutdown hooks (library housekeeping) have nothing
        // left to do, and waiting for them costs a second or more of an orchestrator's stop timeout
        Runtime.getRuntime().removeShutdownHook(hook);
        org.apache.logging.log4j.LogManager.shutdown();
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
