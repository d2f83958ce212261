package io.linkscope.graph;

import io.linkscope.config.DataDirectory;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.kernel.impl.security.User;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.logging.NullLogProvider;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.server.security.SecureHasher;
import org.neo4j.server.security.SystemGraphCredential;
import org.neo4j.server.security.auth.CommunitySecurityModule;
import org.neo4j.server.security.auth.FileUserRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * Neo4j running in this JVM, reachable only over Bolt on loopback. The application never touches the
 * embedded API: it connects with the Java driver exactly as it would to a server or cluster.
 *
 * <p>Loopback is not a security boundary on a shared machine, so Bolt requires authentication: the user
 * {@code neo4j} gets a random password, generated on first start into a file only the owner can read, and the
 * store files are owner-only. The password is never logged.
 */
public final class EmbeddedNeo4j implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedNeo4j.class);
    public static final String USER = "neo4j";

    private final DatabaseManagementService service;
    private final String boltUri;
    private final String password;
    private final Path home;
    private final Thread hook;

    private EmbeddedNeo4j(DatabaseManagementService service, String boltUri, String password, Path home, Thread hook) {
        this.service = service;
        this.hook = hook;
        this.home = home;
        this.boltUri = boltUri;
        this.password = password;
    }

    /**
     * @param home         the database directory (created owner-only)
     * @param port         0 picks a free port
     * @param passwordFile where the Bolt password of user {@code neo4j} is kept; generated when absent
     */
    public static EmbeddedNeo4j start(Path home, int port, String pageCache, Path passwordFile) {
        long started = System.nanoTime();
        Path dir = home.toAbsolutePath();
        DataDirectory.ownerOnly(dir);
        String password = Files.isRegularFile(passwordFile) ? readPassword(passwordFile) : null;
        if (password == null) {
            password = newPassword();
            if (Files.isDirectory(dir.resolve("data").resolve("databases").resolve(GraphDatabaseSettings.SYSTEM_DATABASE_NAME))) {
                // a database written before authentication was on: its neo4j user still has the default password
                resetPassword(dir, pageCache, password);
            } else {
                writeInitialPassword(dir, password);
            }
            DataDirectory.writeSecret(passwordFile, password + "\n");
        }
        DatabaseManagementService service = builder(dir, pageCache)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .build();
        // a process that exits without closing the app still stops the database cleanly
        Thread hook = new Thread(service::shutdown, "neo4j-embedded-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        GraphDatabaseService system = service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        var address = ((GraphDatabaseAPI) system).getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT);
        String uri = "bolt://127.0.0.1:" + address.getPort();
        EmbeddedNeo4j db = new EmbeddedNeo4j(service, uri, password, dir, hook);
        db.tightenPermissions();
        LOG.info("embedded Neo4j started in {} ms at {} (authentication on; data {})",
                (System.nanoTime() - started) / 1_000_000, uri, dir);
        return db;
    }

    private static DatabaseManagementServiceBuilder builder(Path home, String pageCache) {
        return new DatabaseManagementServiceBuilder(home)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // the page-aligned format stores a relationship and its few properties in fewer records
                .setConfig(GraphDatabaseSettings.db_format, "aligned")
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pageCache))
                .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(5))
                // the Bolt server otherwise waits 5 s for connections and 5 s more for its threads when stopping, with
                // none left: the app has closed its driver before it stops the database
                .setConfig(org.neo4j.configuration.connectors.BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofMillis(200))
                .setConfig(org.neo4j.configuration.connectors.BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(org.neo4j.configuration.GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, Duration.ZERO)
                .setConfig(org.neo4j.configuration.GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2));
    }

    /**
     * A new database takes its first password from {@code auth.ini}, as {@code neo4j-admin dbms set-initial-password}
     * writes it, so Bolt never listens with the default password.
     */
    private static void writeInitialPassword(Path home, String password) {
        Config config = Config.newBuilder().set(GraphDatabaseSettings.neo4j_home, home).build();
        Path authIni = CommunitySecurityModule.getInitialUserRepositoryFile(config);
        try {
            Files.createDirectories(authIni.getParent());
            Files.deleteIfExists(authIni);
            FileUserRepository users = new FileUserRepository(new DefaultFileSystemAbstraction(), authIni,
                    NullLogProvider.getInstance(), EmptyMemoryTracker.INSTANCE);
            users.start();
            users.create(new User(USER, null, SystemGraphCredential.createCredentialForPassword(
                    password.getBytes(StandardCharsets.UTF_8), new SecureHasher()), false, false));
            users.shutdown();
        } catch (Exception e) {
            throw new IllegalStateException("cannot set the initial password of the embedded database", e);
        }
    }

    /** An existing database: set the password through the embedded API while no Bolt connector listens. */
    private static void resetPassword(Path home, String pageCache, String password) {
        DatabaseManagementService offline = builder(home, pageCache).setConfig(BoltConnector.enabled, false).build();
        try {
            offline.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
            LOG.info("the embedded database now requires authentication (its password was generated into the data directory)");
        } finally {
            offline.shutdown();
        }
    }

    private static String newPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String readPassword(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? null : text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the database password file " + file, e);
        }
    }

    /**
     * Store files Neo4j created under the process umask (the launcher sets 077; a JVM started otherwise may not)
     * become owner-only. Files created later sit in owner-only directories either way.
     */
    public void tightenPermissions() {
        try {
            DataDirectory.ownerOnlyTree(home);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not narrow the permissions of the database files under {}: {}", home, e.getMessage());
        }
    }

    public String boltUri() {
        return boltUri;
    }

    /** The driver's credentials for this database. */
    public AuthToken authToken() {
        return AuthTokens.basic(USER, password);
    }

    /** For test harnesses that hand the embedded database to an app as an external server. */
    public String password() {
        return password;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyExiting) {
            // the JVM is shutting down: the hook runs anyway, and a second shutdown is a no-op
        }
        service.shutdown();
        tightenPermissions();
        LOG.info("embedded Neo4j stopped");
    }
}
