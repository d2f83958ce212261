package io.linkscope.config;

import io.linkscope.analysis.risk.RecommendConfig;
import io.linkscope.analysis.risk.RiskConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The whole configuration, loaded once by {@link ConfigLoader} (defaults, then the JSON file named by
 * {@code LINKSCOPE_CONFIG}, then environment variables) and passed in. Engine sections are plain
 * Jackson-mapped records so a config file can override any single field. {@code risk} and {@code recommend}
 * are the revenue-at-risk model's and the recommender's own records ({@link RiskConfig}, {@link RecommendConfig}),
 * which document their defaults; maps in them merge key by key, lists (the catalog) replace the default.
 * {@code lang} is the default language of reports, the terminal and the API ({@code en} or {@code zh-CN}); a request's
 * {@code ?lang=} or {@code Accept-Language} and the CLI's {@code --lang} choose another.
 */
public record AppConfig(
        Server server,
        Neo4j neo4j,
        String dataDir,
        String identifierSecret,
        Limits limits,
        Map<String, Double> usdPerUnit,
        Import importing,
        Analysis analysis,
        List<Source> sources,
        List<Webhook> webhooks,
        RiskConfig risk,
        RecommendConfig recommend,
        String lang) {

    /**
     * @param host            bind address; loopback by default, set 0.0.0.0 behind a load balancer
     * @param corsOrigins     allowed browser origins for the API (exact match; "*" allows any)
     * @param requestTimeoutMs per-request timeout; a slow request gets 503, not a hung socket
     * @param importWaitMs     an import still running after this long is answered 202 with a resource to poll;
     *                         below {@code requestTimeoutMs}, so an import is never answered 503 while it commits
     */
    public record Server(String host, int port, List<String> corsOrigins, long requestTimeoutMs,
                         long shutdownGraceMs, long importWaitMs) {
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

    /**
     * Spec §3: going over a limit is a 413/400 naming the limit, never a crash.
     *
     * @param maxTextLength         characters in any text field (names, legal entities, addresses, free text)
     * @param maxMonthlyRevenueUsd  a store's monthly revenue after conversion; above it is a typo or an attack,
     *                              and it would turn every share and HHI into nonsense
     * @param maxRiskTrials         Monte Carlo trials one {@code GET …/risk?trials=} may ask for (CPU time is linear in it)
     * @param expensivePerMinute    reports and Monte Carlo runs with their own trials or seed, per API key (429 above)
     * @param checksPerMinute       checks of planned stores per API key (429 above): each says, as a band, whether other
     *                              portfolios hold the identifiers, so an unlimited check would be a free probe
     * @param maxCheckCandidates    planned stores in one check
     */
    public record Limits(long maxBodyBytes, int maxStoresPerDocument, int maxAttributesPerStore, int maxTextLength,
                         double maxMonthlyRevenueUsd, int maxRiskTrials, int expensivePerMinute, int checksPerMinute,
                         int maxCheckCandidates) {
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
     * @param exposureMinStores  other portfolios' stores on an identifier count (as a band) only from this many
     * @param exposureMinTenants … and only when they belong to at least this many other tenants (see ExposurePolicy)
     * @param staleWaitMs  a read that finds a newer analysis being built waits this long for it, then is answered from
     *                     the last complete one (with its revision and {@code Age}); 0 never waits
     */
    public record Analysis(long debounceMs, int maxCachedTenants, Map<String, Double> weights, List<String> forbidLinked,
                           List<String> regionalScope, double bandModerate, double bandHigh, long freshnessMs,
                           int exposureMinStores, int exposureMinTenants, long staleWaitMs) {
        public io.linkscope.analysis.model.ExposurePolicy exposure() {
            return new io.linkscope.analysis.model.ExposurePolicy(exposureMinStores, exposureMinTenants);
        }
    }

    /**
     * A pull source (README "Pull sources"). Values of {@code url} and {@code headers} may name environment
     * variables as {@code ${NAME}}; they are expanded when the collector starts and never logged.
     *
     * @param kind         {@code json} (generic, with {@link #mapping}), {@code adspower} (Local API profile list)
     *                     or {@code login-events} (NDJSON or JSON pages with an incremental cursor)
     * @param intervalMs   time between the end of one poll and the start of the next
     * @param timeoutMs    per HTTP request
     * @param maxAttempts  per page, including the first try; retries back off exponentially with jitter
     * @param breakerFailures consecutive failed requests that open the circuit; it half-opens after
     *                     {@code breakerOpenMs}
     * @param maxPages     a poll stops after this many pages (the rest comes next poll, for cursored feeds)
     * @param onInvalid    {@code skip}: invalid records are left out and listed in the status; {@code reject}:
     *                     any invalid record rejects the whole poll
     */
    public record Source(String name, String kind, String tenant, String url, Map<String, String> headers,
                         Long intervalMs, Long timeoutMs, Integer maxAttempts, Long backoffMs, Long maxBackoffMs,
                         Integer breakerFailures, Long breakerOpenMs, Integer pageSize, Integer maxPages,
                         String onInvalid, Mapping mapping) {
        public long interval() {
            return intervalMs == null ? 300_000 : intervalMs;
        }

        public long timeout() {
            return timeoutMs == null ? 10_000 : timeoutMs;
        }

        public int attempts() {
            return maxAttempts == null ? 4 : Math.max(1, maxAttempts);
        }

        public long backoff() {
            return backoffMs == null ? 500 : Math.max(1, backoffMs);
        }

        public long maxBackoff() {
            return maxBackoffMs == null ? 30_000 : Math.max(backoff(), maxBackoffMs);
        }

        public int breakerThreshold() {
            return breakerFailures == null ? 5 : Math.max(1, breakerFailures);
        }

        public long breakerOpen() {
            return breakerOpenMs == null ? 60_000 : breakerOpenMs;
        }

        public int pageLimit() {
            return pageSize == null ? 100 : pageSize;
        }

        public int pagesPerPoll() {
            return maxPages == null ? 100 : maxPages;
        }

        public boolean skipInvalid() {
            return onInvalid == null || !"reject".equals(onInvalid);
        }
    }

    /**
     * How a generic JSON source's answer maps to portfolio fields. Every value is an RFC 6901 JSON Pointer.
     *
     * @param records     the array of records in a page ({@code ""}: the page is the array)
     * @param next        the next page's URL (absolute or relative), or null when done; without it pages are
     *                    numbered with {@code pageParam} until a page comes back short
     * @param pageParam   query parameter carrying the page number, starting at 1
     * @param storeKey    one field holding {@code platform:marketplace:storeId}, instead of the three below
     * @param attributes  attribute type → pointer to a value or an array of values
     * @param constants   portfolio field → fixed value, for fields the source does not have (e.g. platform)
     */
    public record Mapping(String records, String next, String pageParam, String storeKey, String platform,
                          String marketplace, String storeId, String name, String legalEntity, String status,
                          String monthlyRevenue, String currency, Map<String, String> attributes,
                          Map<String, String> constants) {
    }

    /**
     * An outgoing webhook (README "Webhooks").
     *
     * @param secret  HMAC-SHA256 key for the {@code X-Linkscope-Signature} header; may be {@code ${ENV_NAME}}
     * @param tenants tenants whose events go to this URL; empty: all
     * @param events  event types sent; empty: all
     */
    public record Webhook(String url, String secret, List<String> tenants, List<String> events, Long timeoutMs,
                          Integer maxAttempts, Long backoffMs, Long maxBackoffMs) {
        public long timeout() {
            return timeoutMs == null ? 10_000 : timeoutMs;
        }

        public int attempts() {
            return maxAttempts == null ? 8 : Math.max(1, maxAttempts);
        }

        public long backoff() {
            return backoffMs == null ? 1_000 : Math.max(1, backoffMs);
        }

        public long maxBackoff() {
            return maxBackoffMs == null ? 300_000 : Math.max(backoff(), maxBackoffMs);
        }

        public boolean wants(String tenant, String type) {
            return (tenants == null || tenants.isEmpty() || tenants.contains(tenant))
                    && (events == null || events.isEmpty() || events.contains(type));
        }
    }

    public Path dataPath() {
        return Path.of(dataDir);
    }

    public static AppConfig defaults() {
        return new AppConfig(
                new Server("127.0.0.1", 8080, List.of(), 30_000, 10_000, 20_000),
                new Neo4j("", "neo4j", "", "neo4j", "512m", 10_000, 5_000),
                "data",
                "",
                new Limits(64L * 1024 * 1024, 50_000, 2_000, 512, 1e12, 200_000, 30, 120, 50),
                defaultRates(),
                new Import(10_000),
                new Analysis(250, 256, Map.of(), List.of(), List.of(), 1_000, 1_800, 500, 3, 2, 50),
                List.of(), List.of(), RiskConfig.defaults(), RecommendConfig.defaults(), "en");
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
