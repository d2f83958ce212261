package io.linkscope.graph;

import io.linkscope.collect.PortfolioValidator;
import io.linkscope.collect.SyntheticPortfolio;
import io.linkscope.collect.ValidatedImport;
import io.linkscope.config.AppConfig;
import io.linkscope.normalize.IdentifierHasher;
import io.linkscope.normalize.Normalizer;
import io.linkscope.support.SharedNeo4j;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Several writers at once, as several app instances on one Neo4j server would be: three imports into one tenant and
 * three into another tenant holding the very same identifiers. None fails to its caller (transient errors such as
 * deadlocks are retried inside, and counted), and every observation of every import is in the graph afterwards.
 */
@DisplayName("Concurrent imports: one tenant thrice, two tenants sharing identifiers: no failure, nothing lost")
class ConcurrentImportIT {

    @Test
    @DisplayName("six imports at once: all commit, every observation is there, re-running them changes nothing")
    void concurrentImports() throws Exception {
        AppConfig config = SharedNeo4j.config(Map.of());
        PortfolioValidator validator = new PortfolioValidator(new Normalizer(),
                new IdentifierHasher(SharedNeo4j.SECRET.getBytes(StandardCharsets.UTF_8)), config);
        var portfolio = SyntheticPortfolio.generate(23, SyntheticPortfolio.Options.forObservations(12_000)).portfolio();
        String suffix = Long.toString(System.nanoTime(), 36);
        String a = "conc-a-" + suffix;
        String b = "conc-b-" + suffix;
        List<WriteBatch> batches = new ArrayList<>();
        int perTenant = 0;
        for (String tenant : List.of(a, b)) {
            ValidatedImport v = validator.validate(tenant, portfolio);
            assertTrue(v.valid());
            // each tenant's stores in three imports of about a third each, all running at once
            List<WriteBatch> parts = v.batch().split(v.batch().observations().size() / 3 + 1);
            assertTrue(parts.size() >= 3, "three imports or more per tenant");
            batches.addAll(parts);
            perTenant = parts.size();
        }
        Set<String> expectedA = pairs(batches.subList(0, perTenant));
        Set<String> expectedB = pairs(batches.subList(perTenant, batches.size()));

        try (GraphClient graph = GraphClient.open(config)) {
            GraphWriter writer = new GraphWriter(graph, 1000);
            long t0 = System.nanoTime();
            List<CompletableFuture<WriteResult>> running = new ArrayList<>();
            for (WriteBatch batch : batches) running.add(CompletableFuture.supplyAsync(() -> writer.write(batch)));
            for (var f : running) assertDoesNotThrow(() -> f.get(5, TimeUnit.MINUTES));
            System.out.printf("%d concurrent imports (%d observations) in %d ms, %d retries%n",
                    batches.size(), batches.stream().mapToInt(x -> x.observations().size()).sum(), Duration.ofNanos(System.nanoTime() - t0).toMillis(),
                    writer.retries());

            assertEquals(expectedA, held(graph, a), "tenant " + a + " holds every observation of both imports");
            assertEquals(expectedB, held(graph, b), "tenant " + b + " holds every observation of both imports");
            long identifiers = graph.read(tx -> tx.run("""
                    MATCH (:Store {tenant: $a})-[:HAS]->(i:Identifier)<-[:HAS]-(:Store {tenant: $b})
                    RETURN count(DISTINCT i) AS n""", Map.of("a", a, "b", b)).single().get("n").asLong());
            assertEquals(expectedA.stream().map(p -> p.split("\u0000")[1]).distinct().count(), identifiers,
                    "one node per identifier, shared by both tenants");

            long versionA = version(graph, a);
            for (var f : batches.stream().map(x -> CompletableFuture.supplyAsync(() -> writer.write(x))).toList()) {
                WriteResult again = f.get(5, TimeUnit.MINUTES);
                assertEquals(0, again.relationshipsCreated() + again.identifiersCreated() + again.storesCreated());
            }
            assertEquals(versionA, version(graph, a), "the same imports again change nothing");
        }
    }

    private static Set<String> pairs(List<WriteBatch> batches) {
        Set<String> out = new HashSet<>();
        for (var batch : batches) {
            for (var o : batch.observations()) out.add(o.store().substring(o.store().indexOf('|') + 1) + "\u0000" + o.identifier());
        }
        return out;
    }

    private static Set<String> held(GraphClient graph, String tenant) {
        return new HashSet<>(graph.read(tx -> tx.run("""
                MATCH (s:Store {tenant: $t})-[:HAS]->(i:Identifier) RETURN s.key + '\\u0000' + i.uid AS pair""",
                Map.of("t", tenant)).list(r -> r.get("pair").asString())));
    }

    private static long version(GraphClient graph, String tenant) {
        return new GraphReader(graph, SharedNeo4j.config(Map.of()).analysis().exposure()).tenantVersion(tenant).version();
    }
}
