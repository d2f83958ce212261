package io.linkscope.support;

import io.linkscope.graph.EmbeddedNeo4j;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Neo4j as a separate OS process: a child JVM running {@link Neo4jServerMain} on the test classpath, listening on
 * a fixed Bolt port so that a restarted process is found where the app expects it. Its log goes to a file beside
 * the database.
 */
public final class Neo4jProcess implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final Duration startWithin;
    private Process process;
    private String boltUri;

    private Neo4jProcess(Path dir, int port, Duration startWithin) {
        this.dir = dir;
        this.port = port;
        this.startWithin = startWithin;
    }

    /** Starts a new database under {@code dir} (its store in {@code dir/db}, password in {@code dir/neo4j.password}). */
    public static Neo4jProcess start(Path dir, int port, Duration startWithin) {
        Neo4jProcess p = new Neo4jProcess(dir, port, startWithin);
        p.launch();
        return p;
    }

    private void launch() {
        List<String> command = ChildJvm.command("768m", Neo4jServerMain.class, dir.resolve("db").toString(),
                Integer.toString(port), passwordFile().toString());
        try {
            process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(log().toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Neo4j process", e);
        }
        CompletableFuture<String> ready = new CompletableFuture<>();
        Process started = process;
        Thread stdout = new Thread(() -> readStdout(started, ready), "neo4j-process-stdout");
        stdout.setDaemon(true);
        stdout.start();
        try {
            boltUri = ready.get(startWithin.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            process.destroyForcibly();
            throw new IllegalStateException("Neo4j process not ready within " + startWithin + "; its log:\n" + logTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException(e);
        }
    }

    /** Completes {@code ready} with the Bolt URI, then drains the rest so the child never blocks on a full pipe. */
    private static void readStdout(Process child, CompletableFuture<String> ready) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(Neo4jServerMain.READY)) ready.complete(line.substring(Neo4jServerMain.READY.length()).strip());
            }
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
        ready.completeExceptionally(new IllegalStateException("the Neo4j process ended before it was ready"));
    }

    /** SIGKILL, as a crash or an OOM killer would end it: no shutdown, no checkpoint. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) throw new IllegalStateException("the Neo4j process did not die");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A new process on the same store, port and password (recovers the store after a kill). */
    public void restart() {
        if (process.isAlive()) kill();
        launch();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public String boltUri() {
        return boltUri;
    }

    public String password() {
        try {
            return Files.readString(passwordFile(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public AuthToken authToken() {
        return AuthTokens.basic(EmbeddedNeo4j.USER, password());
    }

    private Path passwordFile() {
        return dir.resolve("neo4j.password");
    }

    public Path log() {
        return dir.resolve("neo4j-process.log");
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process == null || !process.isAlive()) return;
        try {
            process.getOutputStream().close(); // Neo4jServerMain shuts the database down cleanly on end of input
            if (!process.waitFor(30, TimeUnit.SECONDS)) kill();
        } catch (IOException e) {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** A free port now, for a process that must come back on the same one. */
    public static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
