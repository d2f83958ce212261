package io.linkscope;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.concurrent.TimeUnit;

/**
 * One Prometheus registry per process (per {@link App} in tests). Vert.x Micrometer fills it with HTTP server
 * metrics (rates and latency by route, method and code); linkscope adds imports and analysis times here.
 */
public final class Metrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** @param outcome written | rejected | failed */
    public void imported(String origin, String outcome, int stores, int observations) {
        String kind = origin.startsWith("pull:") ? "pull" : origin;
        Counter.builder("linkscope.imports").description("imports by origin and outcome")
                .tag("origin", kind).tag("outcome", outcome).register(registry).increment();
        if ("written".equals(outcome)) {
            Counter.builder("linkscope.import.stores").tag("origin", kind).register(registry).increment(stores);
            Counter.builder("linkscope.import.observations").tag("origin", kind).register(registry).increment(observations);
        }
    }

    /** @param kind full | incremental */
    public void analysed(String kind, long snapshotMs, long enginesMs) {
        Timer.builder("linkscope.analysis.read").description("graph read for an analysis").tag("kind", kind)
                .publishPercentileHistogram().register(registry).record(snapshotMs, TimeUnit.MILLISECONDS);
        Timer.builder("linkscope.analysis.engines").description("linkage engines after the read").tag("kind", kind)
                .publishPercentileHistogram().register(registry).record(enginesMs, TimeUnit.MILLISECONDS);
    }
}
