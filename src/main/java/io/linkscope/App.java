package io.linkscope;

import io.linkscope.analysis.AnalysisService;
import io.linkscope.analysis.AnalysisSettings;
import io.linkscope.analysis.AnalysisVerticle;
import io.linkscope.analysis.linkage.LinkageConfig;
import io.linkscope.analysis.risk.Concentration;
import io.linkscope.api.ApiVerticle;
import io.linkscope.api.RouteTemplates;
import io.linkscope.collect.ImportOutcome;
import io.linkscope.collect.ImportRequest;
import io.linkscope.collect.ImportVerticle;
import io.linkscope.collect.PortfolioValidator;
import io.linkscope.collect.pull.CollectorVerticle;
import io.linkscope.collect.pull.SourceStatus;
import io.linkscope.config.AppConfig;
import io.linkscope.config.Secrets;
import io.linkscope.graph.ApiKeyStore;
import io.linkscope.graph.GraphChanged;
import io.linkscope.graph.GraphClient;
import io.linkscope.graph.GraphReader;
import io.linkscope.graph.GraphWriter;
import io.linkscope.graph.GraphWriterVerticle;
import io.linkscope.graph.IntegrationStore;
import io.linkscope.graph.StoreCommand;
import io.linkscope.graph.WriteBatch;
import io.linkscope.graph.WriteResult;
import io.linkscope.normalize.IdentifierHasher;
import io.linkscope.normalize.Normalizer;
import io.linkscope.notify.WebhookVerticle;
import io.linkscope.runtime.Addresses;
import io.linkscope.runtime.LocalCodec;
import io.linkscope.runtime.Metrics;
import io.linkscope.runtime.Readiness;
import io.micrometer.core.instrument.Tag;
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

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Wires the process, and is the only class that knows every part: one graph connection, one Vert.x, and the
 * verticles in data-flow order (writer, import, analysis, collectors, webhooks, API), each given exactly the
 * collaborators it needs. Used by {@code serve}, {@code demo}, {@code import}, {@code report} and tests.
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
    private final IntegrationStore integrations;
    private final SourceStatus sources = new SourceStatus();
    private final Readiness readiness = new Readiness();
    private final AtomicBoolean closed = new AtomicBoolean();
    private ApiVerticle api;

    private App(AppConfig config, Vertx vertx, GraphClient graph, Metrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.vertx = vertx;
        this.graph = graph;
        this.integrations = new IntegrationStore(graph);
        this.reader = new GraphReader(graph, config.analysis().exposure());
        this.validator = new PortfolioValidator(new Normalizer(), new IdentifierHasher(Secrets.identifierKey(config)), config);
        this.writer = new GraphWriter(graph, config.importing().batchRows());
        this.keys = new ApiKeyStore(graph, writer);
        AppConfig.Analysis a = config.analysis();
        this.analysis = new AnalysisService(reader, settings(config), a.maxCachedTenants());
        this.analysis.onTiming(metrics::analysed);
        this.analysis.trustRecent(writer.clock(), a.freshnessMs());
        this.analysis.serveStaleAfter(a.staleWaitMs());
    }

    /** The engines' settings from the configuration. */
    public static AnalysisSettings settings(AppConfig config) {
        AppConfig.Analysis a = config.analysis();
        return new AnalysisSettings(LinkageConfig.defaults(a.weights(), a.forbidLinked(), a.regionalScope()),
                new Concentration.Bands(a.bandModerate(), a.bandHigh()), config.risk(), config.recommend());
    }

    public static App start(AppConfig config, boolean http) {
        return start(config, http, false);
    }

    /**
     * Opens the graph (starting embedded Neo4j when configured) and deploys the verticles.
     *
     * @param http         whether to serve the API and dashboard, and run the configured pull sources and webhooks
     * @param holdReadiness the caller releases {@link #readiness()} itself (the demo, once its portfolio is in)
     */
    public static App start(AppConfig config, boolean http, boolean holdReadiness) {
        // every JSON body, not only imports: with "last key wins" two readers of one body could see two requests
        io.vertx.core.json.jackson.DatabindCodec.mapper().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        GraphClient graph = GraphClient.open(config);
        Metrics metrics = new Metrics();
        RouteTemplates routes = RouteTemplates.fromContract();
        // the route label comes from the contract's path templates, so answers given before routing (401, 403) have one too
        MicrometerMetricsOptions metricsOptions = new MicrometerMetricsOptions().setEnabled(true)
                .setLabels(EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE))
                .setServerRequestTagsProvider(request -> List.of(Tag.of("route", routes.of(request.uri()))));
        Vertx vertx = Vertx.builder().with(new VertxOptions().setMetricsOptions(metricsOptions))
                .withMetrics(new MicrometerMetricsFactory(metrics.registry())).build();
        App app = new App(config, vertx, graph, metrics);
        if (holdReadiness) app.readiness.hold();
        try {
            app.deploy(http).await(120, TimeUnit.SECONDS);
            app.readiness.started();
            return app;
        } catch (Exception e) {
            app.close();
            throw new IllegalStateException("linkscope failed to start: " + e.getMessage(), e);
        }
    }

    private Future<?> deploy(boolean http) {
        var bus = vertx.eventBus();
        for (Class<?> type : List.of(WriteBatch.class, WriteResult.class, ImportRequest.class, ImportOutcome.class,
                GraphChanged.class, StoreCommand.Delete.class, StoreCommand.RecordStatus.class, StoreCommand.Result.class)) {
            LocalCodec.register(bus, type);
        }
        DeploymentOptions worker = new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER);
        Future<?> chain = vertx.deployVerticle(new GraphWriterVerticle(writer), worker)
                .compose(id -> vertx.deployVerticle(new ImportVerticle(validator, metrics), worker))
                .compose(id -> vertx.deployVerticle(new AnalysisVerticle(analysis, reader, config.analysis().debounceMs())));
        if (http) {
            for (AppConfig.Source source : config.sources()) {
                chain = chain.compose(id -> vertx.deployVerticle(new CollectorVerticle(source, sources, integrations)));
            }
            if (!config.webhooks().isEmpty()) {
                chain = chain.compose(id -> vertx.deployVerticle(new WebhookVerticle(config.webhooks(), analysis, integrations,
                        io.linkscope.report.Messages.of(config.lang()))));
            }
            ApiVerticle verticle = new ApiVerticle(new ApiVerticle.Services(config, graph, reader, analysis, keys,
                    integrations, sources, metrics, readiness, validator));
            chain = chain.compose(id -> vertx.deployVerticle(verticle)).onSuccess(id -> {
                api = verticle;
                LOG.info("linkscope API listening on http://{}:{}/", config.server().host(), verticle.port());
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

    public IntegrationStore integrations() {
        return integrations;
    }

    /** Each pull source's last poll, for /health and GET /api/v1/sources. */
    public SourceStatus sources() {
        return sources;
    }

    public PortfolioValidator validator() {
        return validator;
    }

    /** Whether this process should get traffic (/health/ready). */
    public Readiness readiness() {
        return readiness;
    }

    public int httpPort() {
        return api == null ? -1 : api.port();
    }

    /** Sends a document down the same path the HTTP ingest uses and waits for its outcome. */
    public ImportOutcome importDocument(ImportRequest request) {
        try {
            return vertx.eventBus().<ImportOutcome>request(Addresses.IMPORT, request, ImportVerticle.WRITE_OPTIONS)
                    .map(m -> m.body()).await(16, TimeUnit.MINUTES);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("import timed out", e);
        }
    }

    /**
     * A graceful stop: not ready any more, no new connections, requests and imports in flight finish (up to the
     * grace period), then the verticles, the driver and the embedded database close in that order. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        long started = System.nanoTime();
        long graceMs = config.server().shutdownGraceMs();
        readiness.drain();
        if (api != null) {
            try {
                api.shutdown(Duration.ofMillis(graceMs)).await(graceMs + 1_000, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.warn("HTTP requests still open after {} ms: {}", graceMs, e.toString());
            }
            long deadline = started + TimeUnit.MILLISECONDS.toNanos(graceMs);
            while (api.pendingImports() > 0 && System.nanoTime() < deadline) LockSupport.parkNanos(20_000_000L);
            if (api.pendingImports() > 0) LOG.warn("{} import(s) still running after the grace period", api.pendingImports());
        }
        long httpDone = System.nanoTime();
        try {
            vertx.close().await(graceMs, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("Vert.x did not close within {} ms: {}", graceMs, e.toString());
        }
        long vertxDone = System.nanoTime();
        graph.close();
        LOG.debug("stop: HTTP and imports {} ms, Vert.x {} ms, graph {} ms", (httpDone - started) / 1_000_000,
                (vertxDone - httpDone) / 1_000_000, (System.nanoTime() - vertxDone) / 1_000_000);
        LOG.info("stopped in {} ms", (System.nanoTime() - started) / 1_000_000);
    }
}
