package io.linkscope;

import io.linkscope.analysis.AnalysisService;
import io.linkscope.analysis.AnalysisSettings;
import io.linkscope.analysis.AnalysisVerticle;
import io.linkscope.analysis.linkage.LinkageConfig;
import io.linkscope.analysis.risk.Concentration;
import io.linkscope.api.ApiVerticle;
import io.linkscope.collect.ImportOutcome;
import io.linkscope.collect.ImportRequest;
import io.linkscope.collect.ImportVerticle;
import io.linkscope.collect.PortfolioValidator;
import io.linkscope.config.AppConfig;
import io.linkscope.config.Secrets;
import io.linkscope.graph.GraphChanged;
import io.linkscope.graph.ApiKeyStore;
import io.linkscope.graph.GraphClient;
import io.linkscope.graph.GraphReader;
import io.linkscope.graph.GraphWriter;
import io.linkscope.graph.GraphWriterVerticle;
import io.linkscope.graph.WriteBatch;
import io.linkscope.graph.WriteResult;
import io.linkscope.normalize.IdentifierHasher;
import io.linkscope.normalize.Normalizer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * Wires the process: one graph connection, one Vert.x, and the verticles in data-flow order
 * (writer, import, analysis, API). Used by {@code serve}, {@code demo}, {@code import}, {@code report} and tests.
 */
public final class App implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    private final AppConfig config;
    private final Vertx vertx;
    private final GraphClient graph;
    private final GraphReader reader;
    private final PortfolioValidator validator;
    private final GraphWriter writer;
    private final AnalysisService analysis;
    private final Metrics metrics;
    private final ApiKeyStore keys;
    private final io.linkscope.graph.IntegrationStore integrations;
    private final io.linkscope.collect.pull.SourceStatus sources = new io.linkscope.collect.pull.SourceStatus();
    private int httpPort = -1;

    private App(AppConfig config, Vertx vertx, GraphClient graph, Metrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.keys = new ApiKeyStore(graph);
        this.integrations = new io.linkscope.graph.IntegrationStore(graph);
        this.vertx = vertx;
        this.graph = graph;
        this.reader = new GraphReader(graph);
        this.validator = new PortfolioValidator(new Normalizer(), new IdentifierHasher(Secrets.identifierKey(config)), config);
        this.writer = new GraphWriter(graph, config.importing().batchRows());
        AppConfig.Analysis a = config.analysis();
        this.analysis = new AnalysisService(reader, settings(config), a.maxCachedTenants());
        this.analysis.onTiming(metrics::analysed);
        this.analysis.trustRecent(writer.clock(), a.freshnessMs());
    }

    /** The engines' settings from the configuration. */
    public static AnalysisSettings settings(AppConfig config) {
        AppConfig.Analysis a = config.analysis();
        return new AnalysisSettings(LinkageConfig.defaults(a.weights(), a.forbidLinked(), a.regionalScope()),
                new Concentration.Bands(a.bandModerate(), a.bandHigh()), config.risk(), config.recommend());
    }

    /**
     * Opens the graph (starting embedded Neo4j when configured) and deploys the verticles.
     *
     * @param http whether to serve the API and dashboard, and run the configured pull sources and webhooks
     */
    public static App start(AppConfig config, boolean http) {
        GraphClient graph = GraphClient.open(config);
        Metrics metrics = new Metrics();
        MicrometerMetricsOptions metricsOptions = new MicrometerMetricsOptions().setEnabled(true)
                .setLabels(java.util.EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE));
        Vertx vertx = Vertx.builder().with(new VertxOptions().setMetricsOptions(metricsOptions))
                .withMetrics(new MicrometerMetricsFactory(metrics.registry())).build();
        App app = new App(config, vertx, graph, metrics);
        try {
            app.deploy(http).await(120, TimeUnit.SECONDS);
            return app;
        } catch (Exception e) {
            app.close();
            throw new IllegalStateException("linkscope failed to start: " + e.getMessage(), e);
        }
    }

    private Future<?> deploy(boolean http) {
        var bus = vertx.eventBus();
        LocalCodec.register(bus, WriteBatch.class);
        LocalCodec.register(bus, WriteResult.class);
        LocalCodec.register(bus, ImportRequest.class);
        LocalCodec.register(bus, ImportOutcome.class);
        LocalCodec.register(bus, GraphChanged.class);
        DeploymentOptions worker = new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER);
        Future<?> chain = vertx.deployVerticle(new GraphWriterVerticle(writer), worker)
                .compose(id -> vertx.deployVerticle(new ImportVerticle(validator, metrics), worker))
                .compose(id -> vertx.deployVerticle(new AnalysisVerticle(analysis, config.analysis().debounceMs())));
        if (http) {
            for (AppConfig.Source source : config.sources()) {
                chain = chain.compose(id -> vertx.deployVerticle(new io.linkscope.collect.pull.CollectorVerticle(source, sources, integrations)));
            }
            if (!config.webhooks().isEmpty()) {
                chain = chain.compose(id -> vertx.deployVerticle(new io.linkscope.api.WebhookVerticle(config.webhooks(), analysis, integrations,
                        io.linkscope.report.Messages.of(config.lang()))));
            }
            ApiVerticle api = new ApiVerticle(this);
            chain = chain.compose(id -> vertx.deployVerticle(api)).onSuccess(id -> {
                httpPort = api.port();
                LOG.info("linkscope API listening on http://{}:{}/", config.server().host(), httpPort);
            });
        }
        return chain;
    }

    public AppConfig config() {
        return config;
    }

    public Vertx vertx() {
        return vertx;
    }

    public GraphClient graph() {
        return graph;
    }

    public GraphReader reader() {
        return reader;
    }

    public GraphWriter writer() {
        return writer;
    }

    public AnalysisService analysis() {
        return analysis;
    }

    public Metrics metrics() {
        return metrics;
    }

    public ApiKeyStore keys() {
        return keys;
    }

    public io.linkscope.graph.IntegrationStore integrations() {
        return integrations;
    }

    /** Each pull source's last poll, for /health and GET /api/v1/sources. */
    public io.linkscope.collect.pull.SourceStatus sources() {
        return sources;
    }

    public PortfolioValidator validator() {
        return validator;
    }

    public int httpPort() {
        return httpPort;
    }

    /** Sends a document down the same path the HTTP ingest uses and waits for its outcome. */
    public ImportOutcome importDocument(ImportRequest request) {
        try {
            return vertx.eventBus().<ImportOutcome>request(io.linkscope.Addresses.IMPORT, request, ImportVerticle.WRITE_OPTIONS)
                    .map(m -> m.body()).await(16, TimeUnit.MINUTES);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("import timed out", e);
        }
    }

    /** Drains HTTP, undeploys verticles, closes the driver, stops embedded Neo4j. Never hangs. */
    @Override
    public void close() {
        try {
            vertx.close().await(config.server().shutdownGraceMs(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("Vert.x did not close within {} ms: {}", config.server().shutdownGraceMs(), e.toString());
        }
        graph.close();
    }
}
