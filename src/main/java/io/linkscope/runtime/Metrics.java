package io.linkscope.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.PooledByteBufAllocator;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One Prometheus registry per process (per App in tests): the JVM, the process and Netty's buffers (Micrometer's
 * binders), Vert.x's HTTP server and event bus (Vert.x Micrometer), and linkscope's imports, analyses and checks.
 * HTTP latency is a histogram with fixed buckets, so p50 and p99 can be computed in Prometheus across instances.
 */
public final class Metrics {
    /** Latency buckets from 1 ms to 30 s: an analysis read answered from memory to a large import. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private static final java.util.Map<String, String> HELP = java.util.Map.of(
            "netty.allocator.memory.used", "Memory held by Netty's pooled buffer allocator",
            "netty.allocator.memory.pinned", "Memory of Netty's allocator pinned by buffers in use",
            "netty.allocator.pooled.arenas", "Arenas of Netty's pooled allocator",
            "netty.allocator.pooled.cache.size", "Cache sizes of Netty's pooled allocator",
            "netty.allocator.pooled.threadlocal.caches", "Thread-local caches of Netty's pooled allocator",
            "netty.allocator.pooled.chunk.size", "Chunk size of Netty's pooled allocator");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public Metrics() {
        // names Prometheus' own checker refuses: an abbreviated unit (the same time is in process_cpu_usage), a _count
        // suffix on a gauge
        registry.config().meterFilter(MeterFilter.deny(id -> id.getName().equals("process.cpu.time")));
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().equals("system.cpu.count") ? id.withName("system.cpu.processors") : id;
            }
        });
        registry.config().meterFilter(new MeterFilter() {
            /** Some binders (Netty's allocator) register families without help text; Prometheus tools want one. */
            @Override
            public Meter.Id map(Meter.Id id) {
                if (id.getDescription() != null && !id.getDescription().isBlank()) return id;
                String help = HELP.getOrDefault(id.getName(), "linkscope: " + id.getName().replace('.', ' '));
                return new Meter.Id(id.getName(), io.micrometer.core.instrument.Tags.of(id.getTags()), id.getBaseUnit(), help, id.getType());
            }

            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("vertx.http.server.response.time")) return config;
                return DistributionStatisticConfig.builder().serviceLevelObjectives(
                        java.util.Arrays.stream(BUCKETS).mapToDouble(d -> d.toNanos()).toArray()).build().merge(config);
            }
        });
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        new NettyAllocatorMetrics(PooledByteBufAllocator.DEFAULT).bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** @param outcome written | rejected | failed */
    public void imported(String origin, String outcome, int stores, int observations) {
        String kind = origin.startsWith("pull:") ? "pull" : origin.startsWith("file:") ? "file" : origin;
        Counter.builder("linkscope.imports").description("Imports by origin and outcome")
                .tag("origin", kind).tag("outcome", outcome).register(registry).increment();
        if ("written".equals(outcome)) {
            Counter.builder("linkscope.import.stores").description("Stores written by imports")
                    .tag("origin", kind).register(registry).increment(stores);
            Counter.builder("linkscope.import.observations").description("Store-identifier observations written by imports")
                    .tag("origin", kind).register(registry).increment(observations);
        }
    }

    /** @param verdict blocked | linked | weak | clean for each planned store checked, or invalid for a refused check */
    public void checked(String verdict) {
        Counter.builder("linkscope.checks").description("Planned stores checked, by verdict (nothing written)")
                .tag("verdict", verdict).register(registry).increment();
    }

    /** @param kind full | incremental */
    public void analysed(String kind, long snapshotMs, long enginesMs) {
        Timer.builder("linkscope.analysis.read").description("Graph read of a tenant's analysis").tag("kind", kind)
                .publishPercentileHistogram().register(registry).record(snapshotMs, TimeUnit.MILLISECONDS);
        Timer.builder("linkscope.analysis.engines").description("Linkage engines after the graph read").tag("kind", kind)
                .publishPercentileHistogram().register(registry).record(enginesMs, TimeUnit.MILLISECONDS);
    }
}
