package io.linkscope.cli;

import io.linkscope.config.AppConfig;
import io.linkscope.config.ConfigLoader;
import io.linkscope.report.Messages;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** Options every command that opens the graph accepts. */
final class Common {
    @Option(names = "--data", description = "data directory (default: ./data or LINKSCOPE_DATA)")
    Path data;

    @Option(names = "--port", description = "HTTP port (default: 8080 or LINKSCOPE_PORT; 0 picks a free one)")
    Integer port;

    @Option(names = "--lang", description = "language of what the command prints: en or zh-CN (default: en or LINKSCOPE_LANG)")
    String lang;

    AppConfig config() {
        AppConfig config = ConfigLoader.load();
        if (data != null) config = ConfigLoader.with(config, "dataDir", data.toString());
        if (port != null) config = ConfigLoader.with(config, "server.port", port.toString());
        if (lang != null) {
            String tag = Messages.match(lang);
            if (tag == null) throw new Main.UserError("--lang must be one of " + Messages.TAGS + " (got " + lang + ")");
            config = ConfigLoader.with(config, "lang", tag);
        }
        return config;
    }

    /** The words of this command: {@code --lang}, else the configured default. */
    Messages messages() {
        return Messages.of(config().lang());
    }

    /** The repository root: where {@code fixtures/} lives when running from a clone. */
    static Path repo() {
        String prop = System.getProperty("linkscope.repo");
        if (prop != null && !prop.isBlank()) return Path.of(prop);
        return Path.of("").toAbsolutePath();
    }

    static Path fixture(String name) {
        Path file = repo().resolve("fixtures").resolve(name);
        if (!Files.isRegularFile(file)) throw new Main.UserError("fixture not found: " + file);
        return file;
    }
}
