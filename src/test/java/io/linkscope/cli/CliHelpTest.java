package io.linkscope.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

@DisplayName("CLI: --help and -h on every command and sub-command exit 0; one version, from the build")
class CliHelpTest {

    private static List<List<String>> commandPaths(CommandLine line, List<String> prefix) {
        List<List<String>> out = new ArrayList<>();
        out.add(prefix);
        line.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().name().equals(name)) {
                List<String> path = new ArrayList<>(prefix);
                path.add(name);
                out.addAll(commandPaths(sub, path));
            }
        });
        return out;
    }

    private static int run(StringWriter out, List<String> args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        return cli.execute(args.toArray(String[]::new));
    }

    @Test
    @DisplayName("every command answers --help and -h with its usage and exit code 0")
    void help() {
        List<List<String>> paths = commandPaths(Main.commandLine(), List.of());
        assertTrue(paths.size() >= 15, "the root, its commands and their sub-commands: " + paths);
        for (List<String> path : paths) {
            for (String flag : List.of("--help", "-h")) {
                List<String> args = new ArrayList<>(path);
                args.add(flag);
                StringWriter out = new StringWriter();
                assertEquals(0, run(out, args), String.join(" ", args) + ": " + out);
                boolean helpCommand = path.size() == 1 && path.get(0).equals("help");
                assertTrue(helpCommand ? !out.toString().isBlank() : out.toString().startsWith("Usage: linkscope"), String.join(" ", args) + ": " + out);
            }
        }
    }

    @Test
    @DisplayName("--version prints the build's version, on the root and on a sub-command")
    void version() {
        String expected = "linkscope " + io.linkscope.runtime.Version.get();
        assertEquals("linkscope 1.0.0", expected, "the pom's version reaches the jar");
        for (List<String> args : List.of(List.of("--version"), List.of("serve", "--version"), List.of("keys", "create", "-V"))) {
            StringWriter out = new StringWriter();
            assertEquals(0, run(out, args));
            assertEquals(expected, out.toString().strip());
        }
    }
}
