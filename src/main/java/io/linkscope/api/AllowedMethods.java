package io.linkscope.api;

import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The methods each path of the contract allows, so that a known path called with another method gets 405 with
 * {@code Allow} rather than 404. Everything outside {@code /api/} (dashboard, contract, metrics, health) is read-only.
 */
final class AllowedMethods {
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");
    private final Map<Pattern, TreeSet<String>> byPath = new LinkedHashMap<>();

    AllowedMethods(JsonObject contract) {
        JsonObject paths = contract.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            TreeSet<String> methods = new TreeSet<>();
            for (String m : paths.getJsonObject(path).fieldNames()) {
                if (METHODS.contains(m)) methods.add(m.toUpperCase(Locale.ROOT));
            }
            if (methods.contains("GET")) methods.add("HEAD");
            byPath.put(Pattern.compile(Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q")), methods);
        }
    }

    /** The {@code Allow} value for a path, or null when the path is not one of ours. */
    String allow(String path) {
        List<String> found = new ArrayList<>();
        for (var e : byPath.entrySet()) if (e.getKey().matcher(path).matches()) found.addAll(e.getValue());
        if (!found.isEmpty()) return String.join(", ", new TreeSet<>(found));
        return path.startsWith("/api/") ? null : "GET, HEAD";
    }
}
