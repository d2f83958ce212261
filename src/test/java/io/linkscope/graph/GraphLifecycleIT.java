package io.linkscope.graph;

import io.linkscope.App;
import io.linkscope.config.AppConfig;
import io.linkscope.config.ConfigLoader;
import io.linkscope.support.Http;
import io.linkscope.support.SharedNeo4j;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.exceptions.AuthenticationException;

import static org.junit.jupiter.api.Assertions.*;

@DisplayName("Embedded and external Neo4j: start, migrate, switch by NEO4J_URI, shut down cleanly")
class GraphLifecycleIT {

    @Test
    @DisplayName("NEO4J_URI points the app at a Neo4j server started by the test: nothing embedded, schema migrated")
    void externalServer() {
        AppConfig config = SharedNeo4j.config(Map.of("NEO4J_DATABASE", "neo4j"));
        try (App app = App.start(config, true)) {
            assertFalse(app.graph().embedded());
            assertFalse(Files.exists(config.dataPath().resolve("neo4j")), "no embedded store may be created");
            var health = new Http(app.httpPort()).get("/health").json();
            assertEquals("up", health.getString("status"));
            assertFalse(health.getJsonObject("neo4j").getBoolean("embedded"));
            assertTrue(SharedNeo4j.count("MATCH (m:SchemaMigration) RETURN count(m)", Map.of()) >= 3);
        }
        // the server outlives the app: the app closed only its driver
        assertEquals(1, SharedNeo4j.count("RETURN 1", Map.of()));
    }

    @Test
    @DisplayName("embedded by default: data under LINKSCOPE_DATA, Bolt on loopback, migrations recorded once, clean stop")
    void embeddedDefault() {
        Path data = SharedNeo4j.tempDir("linkscope-embedded-");
        AppConfig config = ConfigLoader.load(Map.of("LINKSCOPE_DATA", data.toString(), "LINKSCOPE_PORT", "0")::get);
        String bolt;
        App app = App.start(config, false);
        try {
            assertTrue(app.graph().embedded());
            bolt = app.graph().boltUri();
            assertTrue(bolt.startsWith("bolt://127.0.0.1:"), bolt);
            assertTrue(Files.isDirectory(data.resolve("neo4j")));
            assertTrue(Files.isRegularFile(data.resolve("identifier.key")), "a development secret is generated on first run");
            assertLocked(bolt, data);
        } finally {
            assertTimeoutPreemptively(Duration.ofSeconds(30), app::close, "shutdown must not hang");
        }
        URI uri = URI.create(bolt);
        assertThrows(IOException.class, () -> new Socket(uri.getHost(), uri.getPort()).close(), "Bolt must be closed after stop");

        // a second start on the same data applies no migration twice; a database whose password file is gone (as
        // one written before authentication was on) gets a new password set while Bolt is off
        String firstPassword = readString(data.resolve(GraphClient.PASSWORD_FILE));
        assertDoesNotThrow(() -> Files.delete(data.resolve(GraphClient.PASSWORD_FILE)));
        try (App again = App.start(config, false)) {
            assertNotEquals(firstPassword, readString(data.resolve(GraphClient.PASSWORD_FILE)));
            assertLocked(again.graph().boltUri(), data);
            long applied = again.graph().read(tx -> tx.run("MATCH (m:SchemaMigration) RETURN count(m) AS n").single().get("n").asLong());
            long distinct = again.graph().read(tx -> tx.run("MATCH (m:SchemaMigration) RETURN count(DISTINCT m.version) AS n").single().get("n").asLong());
            assertEquals(distinct, applied);
            assertTrue(applied >= 3);
        }
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p).strip();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Any local process can reach a loopback port: without the password from the owner-only data directory, Bolt
     * refuses it, and no file or directory of the data directory is readable by another user.
     */
    private static void assertLocked(String bolt, Path data) {
        for (var token : List.of(AuthTokens.none(), AuthTokens.basic("neo4j", "neo4j"), AuthTokens.basic("neo4j", "guess-1234"))) {
            try (Driver stranger = GraphDatabase.driver(bolt, token)) {
                assertThrows(AuthenticationException.class, stranger::verifyConnectivity, "Bolt must refuse " + token.getClass().getSimpleName());
            }
        }
        Path passwordFile = data.resolve(GraphClient.PASSWORD_FILE);
        try (Driver owner = GraphDatabase.driver(bolt, AuthTokens.basic("neo4j", readString(passwordFile)))) {
            owner.verifyConnectivity();
            try (var walk = Files.walk(data)) {
                for (Path p : walk.toList()) {
                    if (Files.isSymbolicLink(p)) continue;
                    String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                    assertEquals(Files.isDirectory(p) ? "rwx------" : "rw-------", perms, data.relativize(p) + " must be owner-only");
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("an unreachable NEO4J_URI fails fast with a clear message and no credentials")
    void unreachableServer() throws IOException {
        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        AppConfig config = ConfigLoader.load(Map.of("NEO4J_URI", "bolt://127.0.0.1:" + freePort, "NEO4J_PASSWORD", "s3cret-pw",
                "LINKSCOPE_DATA", SharedNeo4j.tempDir("linkscope-unreachable-").toString())::get);
        RuntimeException e = assertThrows(RuntimeException.class, () -> App.start(config, false));
        assertTrue(e.getMessage().contains("not reachable"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret-pw"), "credentials never appear in errors");
    }
}
