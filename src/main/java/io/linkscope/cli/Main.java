package io.linkscope.cli;

import io.linkscope.config.ConfigLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./linkscope}: the command line of spec §5. Each sub-command is its own class; they share
 * configuration loading through {@link Common}.
 */
@Command(name = "linkscope", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Multi-platform store account risk analyzer: linkage, concentration and what to change.",
        subcommands = {DemoCommand.class, ServeCommand.class, ImportCommand.class, ReportCommand.class, CheckCommand.class,
                BenchCommand.class, EvalCommand.class, KeysCommand.class, GenerateCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        // one-shot commands print results, not progress logs; serve and demo keep info for operators
        if (args.length > 0 && java.util.Set.of("import", "report", "check", "bench", "eval").contains(args[0])) {
            System.setProperty("linkscope.log.level", "warn");
        }
        int code = commandLine().execute(args);
        System.exit(code);
    }

    /** {@code --version} on every command: the build's version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"linkscope " + io.linkscope.runtime.Version.get()};
        }
    }

    /** {@code --help}/{@code -h} and {@code --version}/{@code -V} on every command and sub-command, exiting 0. */
    private static void standardOptions(CommandLine line) {
        CommandLine.Model.CommandSpec spec = line.getCommandSpec();
        if (spec.optionsMap().get("--help") == null) spec.mixinStandardHelpOptions(true);
        spec.versionProvider(new Version());
        line.getSubcommands().values().forEach(Main::standardOptions);
    }

    /** Exposed for tests: the same parser, without {@code System.exit}. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        standardOptions(cli);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof ConfigLoader.ConfigException || e instanceof UserError) {
                line.getErr().println("linkscope: " + e.getMessage());
                return 2;
            }
            line.getErr().println("linkscope: the command failed: " + (e.getMessage() == null ? "see the log" : e.getMessage()));
            org.slf4j.LoggerFactory.getLogger(Main.class).error("command failed", e);
            return 1;
        });
        return cli;
    }

    /** A mistake the user can fix (missing file, bad flag value): printed without a stack trace. */
    public static final class UserError extends RuntimeException {
        public UserError(String message) {
            super(message);
        }
    }
}
