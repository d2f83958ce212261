package io.linkscope.graph;

import io.linkscope.App;
import io.linkscope.cli.Main;
import io.linkscope.collect.ImportMode;
import io.linkscope.collect.ImportOutcome;
import io.linkscope.collect.ImportRequest;
import io.linkscope.collect.PortfolioDocument;
import io.linkscope.collect.PortfolioParser;
import io.linkscope.collect.SyntheticPortfolio;
import io.linkscope.config.AppConfig;
import io.linkscope.config.ConfigLoader;
import io.linkscope.support.ChildJvm;
import io.linkscope.support.Eventually;
import io.linkscope.support.SharedNeo4j;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * An import is one transaction: a {@code linkscope import} killed with SIGKILL while it writes (its transaction has
 * created stores, identifiers and edges, and changed stores the tenant had) leaves, after a restart on the same
 * embedded data directory, the tenant exactly as it was. The same import then completes after the restart.
 */
@DisplayName("kill -9 during a large import (child process, embedded database): after a restart the tenant is as before")
class InterruptedImportIT {
    private static final String TENANT = "killed";

    private record State(long stores, long observations, long identifiers, long version, long renamed, long storeVersions) {
    }

    @Test
    @DisplayName("SIGKILL mid-write, restart: same stores, edges, identifiers, version; then the import completes")
    void killMidImport() throws Exception {
        Path dir = SharedNeo4j.tempDir("linkscope-kill-");
        Map<String, String> env = new HashMap<>(Map.of("LINKSCOPE_DATA", dir.resolve("data").toString(),
                "LINKSCOPE_SECRET", SharedNeo4j.SECRET, "LINKSCOPE_PORT", "0"));
        AppConfig config = ConfigLoader.load(env::get);

        // a large portfolio; its first 40 stores are already in the tenant, with other names
        JsonObject big = PortfolioDocument.of(SyntheticPortfolio.generate(11, SyntheticPortfolio.Options.forObservations(150_000)).portfolio());
        JsonArray stores = big.getJsonArray("stores");
        JsonArray first = new JsonArray();
        for (int i = 0; i < 40; i++) first.add(stores.getJsonObject(i).copy());
        JsonObject smallDoc = big.copy().put("stores", first);
        smallDoc.remove("disclosures");
        String small = smallDoc.encode();
        for (int i = 0; i < 40; i++) stores.getJsonObject(i).put("name", "Renamed " + i);
        Path file = dir.resolve("big.json");
        Files.writeString(file, big.encode(), StandardCharsets.UTF_8);

        State before;
        try (App app = App.start(config, false)) {
            ImportOutcome seeded = app.importDocument(new ImportRequest(TENANT, small.getBytes(StandardCharsets.UTF_8), PortfolioParser.Format.JSON, ImportMode.ALL_OR_NOTHING, "test"));
            assertTrue(seeded.written(), seeded.errors().toString());
            before = state(app.graph());
        }
        assertEquals(40, before.stores());
        assertTrue(before.observations() > 100, before.toString());

        Path log = dir.resolve("import.log");
        List<String> command = ChildJvm.command("2g", Main.class, "import", file.toString(), "--tenant", TENANT);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("NEO4J_") || k.startsWith("LINKSCOPE_"));
        pb.environment().putAll(env);
        pb.environment().put("LINKSCOPE_LOG_LEVEL", "debug");
        Process child = pb.start();
        try {
            // the transaction has created the new stores and identifiers and is creating the edges
            boolean writing = Eventually.get(() -> read(log).contains("merge identifiers in"),
                    w -> w || !child.isAlive(), Duration.ofMinutes(4));
            assertTrue(writing && child.isAlive(), "the import is writing when it is killed; log:\n" + tail(log));
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no clean database stop
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertNotEquals(0, child.exitValue());
        assertFalse(read(log).contains("committed tenant=" + TENANT), "the import must not have committed; log:\n" + tail(log));

        // the restart recovers the store files; the tenant is as it was before the import
        try (App app = App.start(config, false)) {
            State after = state(app.graph());
            assertEquals(before, after, "after the interrupted import");
            ImportOutcome done = app.importDocument(new ImportRequest(TENANT, Files.readAllBytes(file), PortfolioParser.Format.JSON,
                    ImportMode.ALL_OR_NOTHING, "test"));
            assertTrue(done.written(), done.errors().toString());
            State complete = state(app.graph());
            assertEquals(stores.size(), complete.stores());
            assertEquals(40, complete.renamed());
            assertEquals(before.version() + 1, complete.version(), "one import, one version");
        }
    }

    private static State state(GraphClient graph) {
        return graph.read(tx -> {
            var r = tx.run("""
                    MATCH (t:Tenant {id: $tenant})
                    CALL (t) { MATCH (t)-[:OWNS]->(s:Store) RETURN count(s) AS stores,
                               sum(CASE WHEN s.name STARTS WITH 'Renamed' THEN 1 ELSE 0 END) AS renamed,
                               sum(s.version) AS storeVersions }
                    CALL (t) { MATCH (:Store {tenant: $tenant})-[h:HAS]->() RETURN count(h) AS observations }
                    CALL () { MATCH (i:Identifier) RETURN count(i) AS identifiers }
                    RETURN stores, observations, identifiers, t.version AS version, renamed, storeVersions
                    """, Map.of("tenant", TENANT)).single();
            return new State(r.get("stores").asLong(), r.get("observations").asLong(), r.get("identifiers").asLong(),
                    r.get("version").asLong(), r.get("renamed").asLong(), r.get("storeVersions").asLong());
        });
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path p) {
        String text = read(p);
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }
}
