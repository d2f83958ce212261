package io.linkscope.support;

import io.linkscope.graph.EmbeddedNeo4j;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The main class of a separate JVM that plays a Neo4j server for {@link Neo4jProcess}: it starts
 * {@link EmbeddedNeo4j} with the given home, Bolt port and password file, says {@code READY <bolt uri>} on stdout
 * and serves until its stdin closes, so it never outlives the test JVM that started it.
 *
 * <p>Arguments: {@code home port passwordFile [pageCache]}.
 */
public final class Neo4jServerMain {
    public static final String READY = "READY ";

    private Neo4jServerMain() {
    }

    public static void main(String[] args) throws IOException {
        EmbeddedNeo4j db = EmbeddedNeo4j.start(Path.of(args[0]), Integer.parseInt(args[1]),
                args.length > 3 ? args[3] : "64m", Path.of(args[2]));
        System.out.println(READY + db.boltUri());
        System.out.flush();
        // the parent holds this pipe open; end of input means it has gone (or wants us gone)
        while (System.in.read() != -1) {
            // keep serving
        }
        db.close();
        System.exit(0);
    }
}
