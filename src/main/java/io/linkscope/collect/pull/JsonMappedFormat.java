package io.linkscope.collect.pull;

import com.fasterxml.jackson.databind.JsonNode;
import io.linkscope.config.AppConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A generic JSON source described by an {@link AppConfig.Mapping} of JSON Pointers: where the records are,
 * where each portfolio field is, and how to reach the next page (a next link, or numbered pages).
 */
final class JsonMappedFormat implements PullFormat {
    private final AppConfig.Source source;
    private final AppConfig.Mapping m;

    JsonMappedFormat(AppConfig.Source source) {
        this.source = source;
        this.m = source.mapping();
        if (m == null) throw new IllegalArgumentException("source " + source.name() + ": kind json needs a mapping");
        if (m.storeKey() == null && (field("platform", m.platform()) && field("marketplace", m.marketplace()) && field("storeId", m.storeId()))) {
            throw new IllegalArgumentException("source " + source.name()
                    + ": the mapping needs storeKey, or platform, marketplace and storeId (pointers or constants)");
        }
    }

    private boolean field(String name, String pointer) {
        return pointer == null && (m.constants() == null || !m.constants().containsKey(name));
    }

    @Override
    public String firstPage(String cursor) {
        return m.next() == null && m.pageParam() != null ? withParam(source.url(), m.pageParam(), "1") : source.url();
    }

    @Override
    public Page parse(byte[] body, String contentType, int page, String url) throws PullException {
        String where = "page " + page;
        JsonNode root = PullFormat.json(body, where);
        String recordsAt = m.records() == null ? "" : m.records();
        JsonNode records = root.at(recordsAt);
        if (!records.isArray()) {
            throw new PullException(where + ": " + (recordsAt.isEmpty() ? "the answer" : recordsAt) + " is not an array of records");
        }
        List<PulledStore> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            String at = where + " record " + (i + 1);
            JsonNode r = records.get(i);
            if (!r.isObject()) {
                problems.add(at + ": not a JSON object");
                continue;
            }
            String platform = value(r, "platform", m.platform());
            String marketplace = value(r, "marketplace", m.marketplace());
            String storeId = value(r, "storeId", m.storeId());
            if (m.storeKey() != null) {
                String[] key = PulledStore.splitKey(PullFormat.text(r, m.storeKey()));
                if (key == null) {
                    problems.add(at + ": " + m.storeKey() + " is not a store key platform:marketplace:storeId");
                    continue;
                }
                platform = key[0];
                marketplace = key[1];
                storeId = key[2];
            }
            if (platform == null || marketplace == null || storeId == null) {
                problems.add(at + ": platform, marketplace and storeId are required");
                continue;
            }
            List<PulledStore.Attribute> attributes = new ArrayList<>();
            if (m.attributes() != null) {
                for (Map.Entry<String, String> a : m.attributes().entrySet()) {
                    JsonNode v = r.at(a.getValue());
                    if (v.isArray()) {
                        v.forEach(x -> addValue(attributes, a.getKey(), x));
                    } else {
                        addValue(attributes, a.getKey(), v);
                    }
                }
            }
            out.add(new PulledStore(at, platform, marketplace, storeId, value(r, "name", m.name()),
                    value(r, "legalEntity", m.legalEntity()), value(r, "status", m.status()),
                    value(r, "monthlyRevenue", m.monthlyRevenue()), value(r, "currency", m.currency()), attributes));
        }
        return new Page(out, problems, next(root, url, page, records.size()), null);
    }

    private static void addValue(List<PulledStore.Attribute> attributes, String type, JsonNode v) {
        if (v.isMissingNode() || v.isNull() || v.isContainerNode()) return;
        String s = v.asText().trim();
        if (!s.isEmpty()) attributes.add(new PulledStore.Attribute(type, s, null, null));
    }

    private String value(JsonNode r, String field, String pointer) {
        String v = PullFormat.text(r, pointer);
        if (v == null && m.constants() != null) v = m.constants().get(field);
        return v;
    }

    private String next(JsonNode root, String url, int page, int count) {
        if (m.next() != null) {
            String link = PullFormat.text(root, m.next());
            return link == null ? null : PullFormat.resolve(url, link);
        }
        if (m.pageParam() != null && count > 0 && count >= source.pageLimit()) {
            return withParam(source.url(), m.pageParam(), String.valueOf(page + 1));
        }
        return null;
    }

    static String withParam(String url, String name, String value) {
        String encoded = java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8) + "="
                + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
        return url + (url.contains("?") ? "&" : "?") + encoded;
    }
}
