package io.linkscope.graph;

import io.linkscope.config.AppConfig;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionCallback;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The one {@link Driver} of the process, and the embedded database behind it when no {@code NEO4J_URI}
 * is set. Everything else reaches Neo4j through {@link #write} and {@link #read}: managed transactions
 * that the driver retries on transient failures.
 */
public final class GraphClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GraphClient.class);
    /** The embedded database's Bolt password, in the data directory, owner-only. */
    public static final String PASSWORD_FILE = "neo4j.password";

    private final Driver driver;
    private final String database;
    private final EmbeddedNeo4j embedded;

    private GraphClient(Driver driver, String database, EmbeddedNeo4j embedded) {
        this.driver = driver;
        this.database = database;
        this.embedded = embedded;
    }

    /** Starts embedded Neo4j under {@code dataDir/neo4j} unless the config names a server, then connects. */
    public static GraphClient open(AppConfig config) {
        AppConfig.Neo4j neo = config.neo4j();
        EmbeddedNeo4j embedded = null;
        String uri = neo.uri();
        if (neo.embedded()) {
            io.linkscope.config.DataDirectory.ownerOnly(config.dataPath());
            embedded = EmbeddedNeo4j.start(config.dataPath().resolve("neo4j"), 0, neo.pageCache(),
                    config.dataPath().resolve(PASSWORD_FILE));
            uri = embedded.boltUri();
        }
        try {
            GraphClient client = connect(uri, neo, embedded);
            SchemaMigrator.migrate(client);
            if (embedded != null) embedded.tightenPermissions(); // the migrations created index files
            return client;
        } catch (RuntimeException e) {
            if (embedded != null) embedded.close();
            throw e;
        }
    }

    private static GraphClient connect(String uri, AppConfig.Neo4j neo, EmbeddedNeo4j embedded) {
        Config driverConfig = Config.builder()
                .withConnectionAcquisitionTimeout(neo.connectionAcquisitionTimeoutMs(), TimeUnit.MILLISECONDS)
                .withConnectionTimeout(5, TimeUnit.SECONDS)
                .withMaxTransactionRetryTime(neo.maxRetryMs(), TimeUnit.MILLISECONDS)
                .withMaxConnectionPoolSize(32)
                .withLogging(org.neo4j.driver.Logging.slf4j())
                .build();
        var auth = embedded != null ? embedded.authToken()
                : neo.password() == null || neo.password().isBlank() ? AuthTokens.none()
                : AuthTokens.basic(neo.user(), neo.password());
        Driver driver = GraphDatabase.driver(uri, auth, driverConfig);
        try {
            driver.verifyConnectivity();
        } catch (RuntimeException e) {
            driver.close();
            throw new GraphUnavailableException("Neo4j at " + redact(uri) + " is not reachable: " + e.getMessage(), e);
        }
        String database = neo.database() == null || neo.database().isBlank() ? "neo4j" : neo.database();
        LOG.info("connected to Neo4j at {} (database {})", redact(uri), database);
        return new GraphClient(driver, database, embedded);
    }

    private static String redact(String uri) {
        return uri.replaceAll("//[^@/]*@", "//***@");
    }

    public <T> T write(TransactionCallback<T> work) {
        long started = System.nanoTime();
        try (Session session = session()) {
            T result = session.executeWrite(work);
            if (LOG.isDebugEnabled()) LOG.debug("write transaction committed in {} ms", (System.nanoTime() - started) / 1_000_000);
            return result;
        } catch (ServiceUnavailableException | SessionExpiredException e) {
            throw new GraphUnavailableException("Neo4j is unavailable: " + e.getMessage(), e);
        }
    }

    /** A read that the server aborts after {@code timeout} (used to bound benchmark baselines). */
    public <T> T read(TransactionCallback<T> work, java.time.Duration timeout) {
        try (Session session = session()) {
            return session.executeRead(work, org.neo4j.driver.TransactionConfig.builder().withTimeout(timeout).build());
        } catch (ServiceUnavailableException | SessionExpiredException e) {
            throw new GraphUnavailableException("Neo4j is unavailable: " + e.getMessage(), e);
        }
    }

    public <T> T read(TransactionCallback<T> work) {
        try (Session session = session()) {
            return session.executeRead(work);
        } catch (ServiceUnavailableException | SessionExpiredException e) {
            throw new GraphUnavailableException("Neo4j is unavailable: " + e.getMessage(), e);
        }
    }

    private Session session() {
        return driver.session(SessionConfig.forDatabase(database));
    }

    /** Whether Neo4j answers a trivial query right now. */
    public boolean healthy() {
        try {
            driver.verifyConnectivity();
            return true;
        } catch (Neo4jException | IllegalStateException e) {
            return false;
        }
    }

    public boolean embedded() {
        return embedded != null;
    }

    public String boltUri() {
        return embedded != null ? embedded.boltUri() : null;
    }

    @Override
    public void close() {
        long t0 = System.nanoTime();
        try {
            driver.closeAsync().toCompletableFuture().get(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("driver did not close cleanly: {}", e.toString());
        }
        long t1 = System.nanoTime();
        if (embedded != null) embedded.close();
        LOG.debug("close: driver {} ms, embedded database {} ms", (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
    }

    /** Neo4j cannot be reached; the API turns this into 503 with Retry-After. */
    public static final class GraphUnavailableException extends RuntimeException {
        public GraphUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
