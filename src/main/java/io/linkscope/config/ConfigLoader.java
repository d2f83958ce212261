package io.linkscope.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds {@link AppConfig}: Java defaults, deep-merged with the JSON file named by {@code LINKSCOPE_CONFIG}
 * (or {@code ./linkscope.json} when present), then the environment variables of {@link #ENV}.
 */
public final class ConfigLoader {

    /** Every environment variable linkscope reads, and the config path it sets. */
    public static final Map<String, String> ENV = Map.ofEntries(
            Map.entry("LINKSCOPE_PORT", "server.port"),
            Map.entry("LINKSCOPE_HOST", "server.host"),
            Map.entry("LINKSCOPE_CORS_ORIGINS", "server.corsOrigins"),
            Map.entry("LINKSCOPE_REQUEST_TIMEOUT_MS", "server.requestTimeoutMs"),
            Map.entry("LINKSCOPE_IMPORT_WAIT_MS", "server.importWaitMs"),
            Map.entry("LINKSCOPE_SHUTDOWN_GRACE_MS", "server.shutdownGraceMs"),
            Map.entry("LINKSCOPE_DATA", "dataDir"),
            Map.entry("LINKSCOPE_SECRET", "identifierSecret"),
            Map.entry("LINKSCOPE_MAX_BODY_BYTES", "limits.maxBodyBytes"),
            Map.entry("LINKSCOPE_MAX_STORES", "limits.maxStoresPerDocument"),
            Map.entry("LINKSCOPE_MAX_ATTRIBUTES", "limits.maxAttributesPerStore"),
            Map.entry("LINKSCOPE_MAX_TEXT_LENGTH", "limits.maxTextLength"),
            Map.entry("LINKSCOPE_EXPENSIVE_PER_MINUTE", "limits.expensivePerMinute"),
            Map.entry("LINKSCOPE_CHECKS_PER_MINUTE", "limits.checksPerMinute"),
            Map.entry("NEO4J_URI", "neo4j.uri"),
            Map.entry("NEO4J_USER", "neo4j.user"),
            Map.entry("NEO4J_PASSWORD", "neo4j.password"),
            Map.entry("NEO4J_DATABASE", "neo4j.database"),
            Map.entry("NEO4J_PAGECACHE", "neo4j.pageCache"),
            Map.entry("NEO4J_MAX_RETRY_MS", "neo4j.maxRetryMs"),
            Map.entry("LINKSCOPE_FRESHNESS_MS", "analysis.freshnessMs"),
            Map.entry("LINKSCOPE_STALE_WAIT_MS", "analysis.staleWaitMs"),
            Map.entry("LINKSCOPE_RISK_TRIALS", "risk.trials"),
            Map.entry("LINKSCOPE_RISK_SEED", "risk.seed"),
            Map.entry("LINKSCOPE_LANG", "lang"));

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private ConfigLoader() {
    }

    /** Environment variables; a Java system property of the same name wins (handy in LINKSCOPE_JAVA_OPTS and tests). */
    public static AppConfig load() {
        return load(name -> System.getProperty(name, System.getenv(name)));
    }

    public static AppConfig load(Function<String, String> env) {
        ObjectNode tree = JSON.valueToTree(AppConfig.defaults());
        String file = env.apply("LINKSCOPE_CONFIG");
        Path path = file != null && !file.isBlank() ? Path.of(file) : Path.of("linkscope.json");
        if (file != null && !file.isBlank() && !Files.isRegularFile(path)) {
            throw new ConfigException("LINKSCOPE_CONFIG names " + path + ", which is not a readable file");
        }
        if (Files.isRegularFile(path)) {
            try {
                merge(tree, JSON.readTree(path.toFile()));
            } catch (IOException e) {
                throw new ConfigException("cannot read config file " + path + ": " + e.getMessage());
            }
        }
        ENV.forEach((variable, target) -> {
            String value = env.apply(variable);
            if (value != null && !value.isBlank()) set(tree, target, value.trim());
        });
        AppConfig config;
        try {
            config = JSON.treeToValue(tree, AppConfig.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConfigException("invalid configuration: " + e.getOriginalMessage());
        }
        return integrations(config, env);
    }

    private static final java.util.regex.Pattern VARIABLE = java.util.regex.Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    /**
     * Expands {@code ${NAME}} in a credential-bearing value from the environment. The error names the variable
     * and where it is used, never a value.
     */
    static String expand(String value, Function<String, String> env, String where) {
        if (value == null) return null;
        var m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = env.apply(m.group(1));
            if (v == null) throw new ConfigException(where + " uses ${" + m.group(1) + "}, which is not set");
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Checks sources and webhooks and expands their credentials from the environment. */
    private static AppConfig integrations(AppConfig c, Function<String, String> env) {
        java.util.List<AppConfig.Source> sources = new java.util.ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < (c.sources() == null ? 0 : c.sources().size()); i++) {
            AppConfig.Source s = c.sources().get(i);
            String where = "sources[" + i + "]";
            if (s.name() == null || !s.name().matches("[a-z0-9][a-z0-9_-]{0,63}")) {
                throw new ConfigException(where + ".name must be a lowercase slug such as erp or adspower");
            }
            if (!names.add(s.name())) throw new ConfigException(where + ".name " + s.name() + " is used twice");
            if (s.kind() == null || !java.util.List.of("json", "adspower", "login-events").contains(s.kind())) {
                throw new ConfigException(where + ".kind must be json, adspower or login-events");
            }
            if (s.tenant() == null || !s.tenant().matches("[a-z0-9][a-z0-9_-]{0,63}")) {
                throw new ConfigException(where + ".tenant must be a tenant id such as acme");
            }
            if ("json".equals(s.kind()) && s.mapping() == null) throw new ConfigException(where + ".mapping is required for kind json");
            if (s.onInvalid() != null && !java.util.List.of("skip", "reject").contains(s.onInvalid())) {
                throw new ConfigException(where + ".onInvalid must be skip or reject");
            }
            String url = expand(s.url(), env, where + ".url");
            if (url == null || !url.matches("https?://.+")) throw new ConfigException(where + ".url must be an http(s) URL");
            java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
            if (s.headers() != null) s.headers().forEach((k, v) -> headers.put(k, expand(v, env, where + ".headers." + k)));
            sources.add(new AppConfig.Source(s.name(), s.kind(), s.tenant(), url, headers, s.intervalMs(), s.timeoutMs(),
                    s.maxAttempts(), s.backoffMs(), s.maxBackoffMs(), s.breakerFailures(), s.breakerOpenMs(), s.pageSize(),
                    s.maxPages(), s.onInvalid(), s.mapping()));
        }
        java.util.List<AppConfig.Webhook> webhooks = new java.util.ArrayList<>();
        for (int i = 0; i < (c.webhooks() == null ? 0 : c.webhooks().size()); i++) {
            AppConfig.Webhook w = c.webhooks().get(i);
            String where = "webhooks[" + i + "]";
            String url = expand(w.url(), env, where + ".url");
            if (url == null || !url.matches("https?://.+")) throw new ConfigException(where + ".url must be an http(s) URL");
            java.util.List<String> types = io.linkscope.analysis.model.RiskEventTypes.ALL;
            if (w.events() != null && !types.containsAll(w.events())) {
                throw new ConfigException(where + ".events may only list " + String.join(", ", types));
            }
            String secret = expand(w.secret(), env, where + ".secret");
            if (secret == null || secret.length() < 16) {
                throw new ConfigException(where + ".secret must be at least 16 characters (use ${ENV_NAME} to keep it out of the file)");
            }
            webhooks.add(new AppConfig.Webhook(url, secret, w.tenants(), w.events(), w.timeoutMs(), w.maxAttempts(),
                    w.backoffMs(), w.maxBackoffMs()));
        }
        RiskModelCheck.check(c.risk(), c.recommend());
        if (c.server().importWaitMs() < 1 || c.server().importWaitMs() >= c.server().requestTimeoutMs()) {
            throw new ConfigException("server.importWaitMs (LINKSCOPE_IMPORT_WAIT_MS) must be above 0 and below server.requestTimeoutMs");
        }
        if (c.limits().maxTextLength() < 16) throw new ConfigException("limits.maxTextLength must be at least 16");
        if (!(c.limits().maxMonthlyRevenueUsd() > 0)) throw new ConfigException("limits.maxMonthlyRevenueUsd must be above 0");
        if (c.analysis().staleWaitMs() < 0) {
            throw new ConfigException("analysis.staleWaitMs (LINKSCOPE_STALE_WAIT_MS) must be 0 or more");
        }
        if (c.analysis().exposureMinStores() < 1 || c.analysis().exposureMinTenants() < 1) {
            throw new ConfigException("analysis.exposureMinStores and analysis.exposureMinTenants must be at least 1");
        }
        String lang = Languages.match(c.lang());
        if (lang == null) throw new ConfigException("lang must be one of " + Languages.TAGS + " (LINKSCOPE_LANG)");
        return new AppConfig(c.server(), c.neo4j(), c.dataDir(), c.identifierSecret(), c.limits(), c.usdPerUnit(),
                c.importing(), c.analysis(), sources, webhooks, c.risk(), c.recommend(), lang);
    }

    /** Overrides the given config tree path with a raw value (used by CLI flags such as --port). */
    public static AppConfig with(AppConfig base, String target, String value) {
        ObjectNode tree = JSON.valueToTree(base);
        set(tree, target, value);
        try {
            return JSON.treeToValue(tree, AppConfig.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConfigException("invalid value for " + target + ": " + e.getOriginalMessage());
        }
    }

    private static void set(ObjectNode tree, String dotted, String value) {
        String[] parts = dotted.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) node = (ObjectNode) node.get(parts[i]);
        String leaf = parts[parts.length - 1];
        JsonNode current = node.get(leaf);
        if (current != null && current.isArray()) {
            var array = node.putArray(leaf);
            Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(array::add);
        } else {
            node.put(leaf, value);
        }
    }

    static void merge(ObjectNode target, JsonNode overrides) {
        overrides.properties().forEach(entry -> {
            JsonNode existing = target.get(entry.getKey());
            if (existing instanceof ObjectNode obj && entry.getValue().isObject()) {
                merge(obj, entry.getValue());
            } else {
                target.set(entry.getKey(), entry.getValue());
            }
        });
    }

    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }
}
