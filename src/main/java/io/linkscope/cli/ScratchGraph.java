package io.linkscope.cli;

import io.linkscope.config.AppConfig;
import io.linkscope.config.ConfigLoader;
import io.linkscope.graph.GraphClient;
import org.apache.commons.io.FileUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A throw-away embedded database in a temporary directory, deleted on close. Used by the benchmarks
 * and by {@code report FILE}, which needs nothing set up.
 */
final class ScratchGraph implements AutoCloseable {
    final Path dir;
    final AppConfig config;
    final GraphClient graph;

    private ScratchGraph(Path dir, AppConfig config, GraphClient graph) {
        this.dir = dir;
        this.config = config;
        this.graph = graph;
    }

    static ScratchGraph open(AppConfig base, String pageCache) {
        try {
            Path dir = Files.createTempDirectory("linkscope-scratch-");
            AppConfig config = ConfigLoader.with(ConfigLoader.with(ConfigLoader.with(base, "dataDir", dir.toString()),
                    "neo4j.uri", ""), "neo4j.pageCache", pageCache);
            return new ScratchGraph(dir, config, GraphClient.open(config));
        } catch (IOException e) {
            throw new Main.UserError("cannot create a temporary directory: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        graph.close();
        FileUtils.deleteQuietly(dir.toFile());
    }
}
