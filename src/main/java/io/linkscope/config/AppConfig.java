package io.linkscope.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The whole configuration, loaded once by {@link ConfigLoader} (defaults, then the JSON file named by
 * {@code LINKSCOPE_CONFIG}, then environment variables) and passed in. Engine sections are plain
 * Jackson-mapped records so a config file can override any single field.
 */
public record AppConfig(
        Server server,
        Neo4j neo4j,
        String dataDir,
        String identifierSecret,
        Limits limits,
        Map<String, Double> usdPerUnit,
        Import importing,
        Analysis analysis) {

    /**
     * @param host            bind address; loopback by default, set 0.0.0.0 behind a load balancer
     * @param corsOrigins     allowed browser origins for the API (exact match; "*" allows any)
     * @param requestTimeoutMs per-request timeout; a slow request gets 503, not a hung socket
     */
    public record Server(String host, int port, List<String> corsOrigins, long requestTimeoutMs,
                         long shutdownGraceMs) {
    }

    /**
     * @param uri        empty: start the embedded database under {@code dataDir}
     * @param maxRetryMs how long the driver retries a transaction on a lost connection before the API answers 503
     */
    public record Neo4j(String uri, String user, String password, String database, String pageCache,
                        long connectionAcquisitionTimeoutMs, long maxRetryMs) {
        public boolean embedded() {
            return uri == null || uri.isBlank();
        }
    }

    /** Spec §3: going over a limit is a 413/400 naming the limit, never a crash. */
    public record Limits(long maxBodyBytes, int maxStoresPerDocument, int maxAttributesPerStore) {
    }

    /**
     * @param batchRows rows per UNWIND statement
     */
    public record Import(int batchRows) {
    }

    /**
     * @param debounceMs   wait this long after the last {@code graph.changed} before recomputing a tenant
     * @param weights      per identifier type base weights overriding the linkage defaults (type name → weight)
     * @param forbidLinked platforms whose terms forbid related accounts; empty keeps the default list
     * @param regionalScope platforms that judge relatedness per marketplace rather than platform-wide
     * @param bandModerate HHI at which a dimension becomes moderately concentrated (default 1,000)
     * @param bandHigh     HHI above which it is highly concentrated (default 1,800)
     * @param freshnessMs  a cached analysis checked against the graph this recently is served without checking
     *                     again, unless this process wrote to the tenant since; other instances' writes show
     *                     within this window
     */
    public record Analysis(long debounceMs, int maxCachedTenants, Map<String, Double> weights, List<String> forbidLinked,
                           List<String> regionalScope, double bandModerate, double bandHigh, long freshnessMs) {
    }

    public Path dataPath() {
        return Path.of(dataDir);
    }

    public static AppConfig defaults() {
        return new AppConfig(
                new Server("127.0.0.1", 8080, List.of(), 30_000, 10_000),
                new Neo4j("", "neo4j", "", "neo4j", "512m", 10_000, 5_000),
                "data",
                "",
                new Limits(64L * 1024 * 1024, 50_000, 2_000),
                defaultRates(),
                new Import(10_000),
                new Analysis(250, 256, Map.of(), List.of(), List.of(), 1_000, 1_800, 500));
    }

    /**
     * USD per unit of each currency. Reference rates of late 2026, rounded: they are configuration, not
     * market data; override them under {@code usdPerUnit} in the config file.
     */
    private static Map<String, Double> defaultRates() {
        return Map.ofEntries(
                Map.entry("USD", 1.0), Map.entry("EUR", 1.08), Map.entry("GBP", 1.27), Map.entry("JPY", 0.0067),
                Map.entry("CNY", 0.14), Map.entry("CAD", 0.73), Map.entry("AUD", 0.66), Map.entry("MXN", 0.055),
                Map.entry("BRL", 0.18), Map.entry("PLN", 0.25), Map.entry("SGD", 0.75), Map.entry("MYR", 0.22),
                Map.entry("THB", 0.028), Map.entry("IDR", 0.000063), Map.entry("PHP", 0.017),
                Map.entry("VND", 0.00004), Map.entry("KRW", 0.00073), Map.entry("HKD", 0.128),
                Map.entry("SEK", 0.095), Map.entry("CHF", 1.13), Map.entry("INR", 0.012), Map.entry("AED", 0.27),
                Map.entry("SAR", 0.27), Map.entry("TRY", 0.029), Map.entry("RUB", 0.011));
    }
}
