package io.linkscope.graph;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Applies the ordered {@code graph-schema/V<nnn>__<name>.cypher} migrations that are not yet recorded as
 * {@code (:SchemaMigration)} nodes. Statements are idempotent, so re-running is always safe.
 */
public final class SchemaMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final Pattern FILE = Pattern.compile("V(\\d{3})__([\\w-]+)\\.cypher");

    public record Migration(int version, String name, List<String> statements) {
    }

    private SchemaMigrator() {
    }

    /**
     * Applies every migration not recorded yet, in version order; a migration merged in with a lower number than
     * one already applied still runs.
     *
     * @return the highest applied version
     */
    public static int migrate(GraphClient graph) {
        List<Migration> migrations = load();
        java.util.Set<Integer> recorded = new java.util.HashSet<>(graph.read(tx ->
                tx.run(Cypher.SCHEMA_VERSIONS).single().get("versions").asList(v -> v.asInt())));
        int applied = recorded.stream().mapToInt(Integer::intValue).max().orElse(0);
        for (Migration m : migrations) {
            if (recorded.contains(m.version())) continue;
            for (String statement : m.statements()) {
                graph.write(tx -> tx.run(statement).consume());
            }
            graph.write(tx -> tx.run(Cypher.RECORD_MIGRATION,
                    Map.of("version", m.version(), "name", m.name())).consume());
            LOG.info("applied graph-schema migration V{} {}", m.version(), m.name());
            applied = Math.max(applied, m.version());
        }
        reportStaleIdentities(graph);
        return applied;
    }

    /**
     * Says once, at start-up, which tenants still hold legal entities or addresses keyed by an older
     * canonicalization (V007): those match only as written until the tenant re-imports its files.
     */
    public static java.util.Map<String, Long> reportStaleIdentities(GraphClient graph) {
        Map<String, Long> stale = new java.util.LinkedHashMap<>();
        try {
            graph.read(tx -> {
                tx.run(Cypher.STALE_CANONICALIZATION).forEachRemaining(r -> stale.put(r.get("tenant").asString(), r.get("stores").asLong()));
                return null;
            });
            Long version = graph.read(tx -> tx.run(Cypher.CANONICALIZATION_VERSION).single().get("version").asLong(0));
            if (!stale.isEmpty()) {
                LOG.warn("canonicalization version {}: {} tenant(s) still hold legal entities or addresses keyed by an older "
                        + "version, matched only as written until re-imported (re-import their portfolio files): {}",
                        version, stale.size(), stale.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + " stores)")
                                .collect(java.util.stream.Collectors.joining(", ")));
            }
        } catch (RuntimeException e) {
            LOG.warn("could not check for identities of an older canonicalization: {}", e.toString());
        }
        return stale;
    }

    static List<Migration> load() {
        List<Migration> result = new ArrayList<>();
        for (String file : listResources()) {
            Matcher matcher = FILE.matcher(file);
            if (!matcher.matches()) continue;
            String text = read("graph-schema/" + file);
            List<String> statements = Arrays.stream(text.replaceAll("(?m)^\\s*//.*$", "").split(";"))
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
            result.add(new Migration(Integer.parseInt(matcher.group(1)), matcher.group(2), statements));
        }
        result.sort((a, b) -> Integer.compare(a.version(), b.version()));
        return result;
    }

    private static String read(String resource) {
        try (InputStream in = SchemaMigrator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> listResources() {
        var url = SchemaMigrator.class.getClassLoader().getResource("graph-schema");
        if (url == null) throw new IllegalStateException("graph-schema is not on the classpath");
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of())) {
                    return names(fs.getPath("graph-schema"));
                }
            }
            return names(Path.of(uri));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
