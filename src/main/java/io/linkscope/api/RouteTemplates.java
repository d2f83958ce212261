package io.linkscope.api;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The contract's paths as templates: the {@code route} label of the HTTP metrics (bounded, and set for answers given
 * before routing, such as 401), and the methods each path allows, so that a known path called with another method
 * gets 405 with {@code Allow} rather than 404. The dashboard's files outside the contract are read-only (GET, HEAD).
 */
public final class RouteTemplates {
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    private record Template(String path, Pattern pattern, TreeSet<String> methods) {
    }

    private final List<Template> templates = new ArrayList<>();

    @SuppressWarnings("unchecked")
    RouteTemplates(Map<String, Object> contract) {
        Map<String, Object> paths = (Map<String, Object>) contract.get("paths");
        paths.forEach((path, item) -> {
            TreeSet<String> methods = new TreeSet<>();
            for (String m : ((Map<String, Object>) item).keySet()) {
                if (METHODS.contains(m)) methods.add(m.toUpperCase(Locale.ROOT));
            }
            String regex = Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            templates.add(new Template(path, Pattern.compile(regex), methods));
        });
    }

    /** The templates of {@code openapi.yaml} on the classpath. */
    public static RouteTemplates fromContract() {
        try (InputStream in = RouteTemplates.class.getClassLoader().getResourceAsStream(ApiVerticle.CONTRACT)) {
            if (in == null) throw new IllegalStateException("the OpenAPI contract " + ApiVerticle.CONTRACT + " is missing");
            return new RouteTemplates(new Yaml().load(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The template a request URI matches, {@code static} for the dashboard's files, or {@code unmatched}. */
    public String of(String uri) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        for (Template t : templates) if (t.pattern().matcher(path).matches()) return t.path();
        return path.startsWith("/api/") ? "unmatched" : "static";
    }

    /** The {@code Allow} value for a path, or null when the path is not one of ours. */
    String allow(String path) {
        TreeSet<String> found = new TreeSet<>();
        for (Template t : templates) if (t.pattern().matcher(path).matches()) found.addAll(t.methods());
        if (!found.isEmpty()) return String.join(", ", found);
        return path.startsWith("/api/") ? null : "GET, HEAD";
    }
}
