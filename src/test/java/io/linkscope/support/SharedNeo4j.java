package io.linkscope.support;

import io.linkscope.App;
import io.linkscope.config.AppConfig;
import io.linkscope.config.ConfigLoader;
import io.linkscope.graph.EmbeddedNeo4j;
import org.apache.commons.io.FileUtils;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One embedded Neo4j for the whole test suite (it takes ~5 s to start), reached over Bolt like a server.
 * Test classes isolate themselves by tenant.
 */
public final class SharedNeo4j {
    public static final String SECRET = "test-secret-0123456789abcdef0123456789";
    private static EmbeddedNeo4j db;
    private static Driver driver;

    private SharedNeo4j() {
    }

    public static synchronized String boltUri() {
        if (db == null) {
            Path home = tempDir("linkscope-test-neo4j-");
            db = EmbeddedNeo4j.start(home.resolve("db"), 0, "256m", home.resolve("neo4j.password"));
            driver = GraphDatabase.driver(db.boltUri(), db.authToken());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                driver.close();
                db.close();
                FileUtils.deleteQuietly(home.toFile());
            }));
        }
        return db.boltUri();
    }

    /** NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD of the shared database, as an app or a CLI run reads them. */
    public static Map<String, String> connection() {
        return Map.of("NEO4J_URI", boltUri(), "NEO4J_USER", EmbeddedNeo4j.USER, "NEO4J_PASSWORD", db.password());
    }

    /** Configuration of an app that uses the shared database as an external server, with a random HTTP port. */
    public static AppConfig config(Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(connection());
        env.putAll(extraEnv);
        return appConfig(env);
    }

    /** Configuration of an app on the database that {@code env} names (NEO4J_URI…), with a random HTTP port. */
    public static AppConfig appConfig(Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>();
        env.put("LINKSCOPE_PORT", "0");
        env.put("LINKSCOPE_DATA", tempDir("linkscope-test-data-").toString());
        env.put("LINKSCOPE_SECRET", SECRET);
        env.putAll(extraEnv);
        return ConfigLoader.load(env::get);
    }

    public static App startApp(Map<String, String> extraEnv) {
        return App.start(config(extraEnv), true);
    }

    /** A new admin key of that app: sees every tenant. */
    public static String adminKey(App app) {
        return app.keys().create(io.linkscope.graph.ApiKeyStore.Role.admin, List.of(), "test").secret();
    }

    /** A new key of that role bound to these tenants. */
    public static String key(App app, io.linkscope.graph.ApiKeyStore.Role role, String... tenants) {
        return app.keys().create(role, List.of(tenants), "test").secret();
    }

    /** Test-side reads to check what is really in the database after an operation. */
    public static List<Record> query(String cypher, Map<String, Object> params) {
        boltUri();
        return driver.executableQuery(cypher).withParameters(params).execute().records();
    }

    public static long count(String cypher, Map<String, Object> params) {
        return query(cypher, params).get(0).get(0).asLong();
    }

    public static long storeCount(String tenant) {
        return count("MATCH (s:Store {tenant: $t}) RETURN count(s)", Map.of("t", tenant));
    }

    public static long observationCount(String tenant) {
        return count("MATCH (s:Store {tenant: $t})-[h:HAS]->() RETURN count(h)", Map.of("t", tenant));
    }

    public static Path tempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path repo() {
        return Path.of(System.getProperty("linkscope.repo", "."));
    }

    public static Path fixture(String name) {
        return repo().resolve("fixtures").resolve(name);
    }
}
