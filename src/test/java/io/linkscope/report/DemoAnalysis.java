package io.linkscope.report;

import io.linkscope.analysis.AnalysisSettings;
import io.linkscope.analysis.TenantAnalysis;
import io.linkscope.analysis.eval.BatchSnapshot;
import io.linkscope.analysis.linkage.LinkageConfig;
import io.linkscope.analysis.linkage.LinkageEngine;
import io.linkscope.analysis.model.LinkageResult;
import io.linkscope.analysis.model.Snapshot;
import io.linkscope.analysis.risk.BlastRadius;
import io.linkscope.analysis.risk.Concentration;
import io.linkscope.analysis.risk.RecommendConfig;
import io.linkscope.analysis.risk.Recommender;
import io.linkscope.analysis.risk.RevenueAtRisk;
import io.linkscope.analysis.risk.RiskConfig;
import io.linkscope.collect.PortfolioParser;
import io.linkscope.collect.PortfolioValidator;
import io.linkscope.collect.ValidatedImport;
import io.linkscope.config.ConfigLoader;
import io.linkscope.normalize.IdentifierHasher;
import io.linkscope.normalize.Normalizer;
import io.linkscope.support.SharedNeo4j;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo fixture analysed by the real parser, validator and engines, without a database (the snapshot is built
 * from the validated import, as the accuracy harness does). Risk runs with fewer trials to keep the tests quick.
 */
final class DemoAnalysis {
    static final Path FIXTURE = SharedNeo4j.fixture("demo-portfolio.json");
    private static TenantAnalysis analysis;

    private DemoAnalysis() {
    }

    static synchronized TenantAnalysis get() {
        if (analysis == null) analysis = analyse(FIXTURE, 20_000);
        return analysis;
    }

    static TenantAnalysis analyse(Path file, int trials) {
        var config = ConfigLoader.load(Map.of("LINKSCOPE_SECRET", SharedNeo4j.SECRET)::get);
        PortfolioValidator validator = new PortfolioValidator(new Normalizer(),
                new IdentifierHasher(SharedNeo4j.SECRET.getBytes(StandardCharsets.UTF_8)), config);
        ValidatedImport v = validator.validate("demo", new PortfolioParser().parse(read(file), PortfolioParser.Format.JSON));
        if (!v.valid()) throw new IllegalStateException("fixture is invalid: " + v.errors());
        Snapshot s = BatchSnapshot.of(v.batch(), Instant.parse("2026-11-24T00:00:00Z"));
        LinkageConfig lc = LinkageConfig.defaults();
        LinkageEngine engine = new LinkageEngine(lc);
        LinkageResult linkage = engine.analyze(s);
        Concentration concentration = new Concentration(Concentration.Bands.mergerGuidelines2023());
        RiskConfig risk = RiskConfig.defaults().withRun(trials, 42);
        Concentration.Report c = concentration.analyze(s, linkage);
        RevenueAtRisk.Result r = new RevenueAtRisk(risk, lc.likely()).simulate(s, linkage);
        BlastRadius.Worst w = new BlastRadius(lc.likely()).worst(s, linkage);
        Recommender.Recommendations actions = new Recommender(RecommendConfig.defaults(), engine, risk, concentration).recommend(s, linkage);
        AnalysisSettings settings = new AnalysisSettings(lc, Concentration.Bands.mergerGuidelines2023(), risk, RecommendConfig.defaults());
        return new TenantAnalysis("demo", 1, settings, s, linkage, () -> c, () -> r, () -> w, () -> actions, 0, 0);
    }

    /** Every identifier value the fixture declares, as written there: none of them may reach a report. */
    static List<String> rawValues() {
        JsonObject doc = new JsonObject(new String(read(FIXTURE), StandardCharsets.UTF_8));
        List<String> values = new ArrayList<>();
        for (Object store : doc.getJsonArray("stores")) {
            for (Object a : ((JsonObject) store).getJsonArray("attributes", new JsonArray())) {
                JsonObject attribute = (JsonObject) a;
                values.add(attribute.getString("type") + "\t" + attribute.getString("value"));
            }
        }
        for (Object g : doc.getJsonArray("genericIdentifiers", new JsonArray())) {
            values.add(((JsonObject) g).getString("type") + "\t" + ((JsonObject) g).getString("value"));
        }
        return values;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
