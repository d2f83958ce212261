package io.linkscope.collect.pull;

import java.util.List;

/**
 * One record from a source, in portfolio terms (spec §1). Null fields are left as they are in the graph.
 *
 * @param where where the record came from, such as {@code page 2 record 5}, for error messages
 */
public record PulledStore(String where, String platform, String marketplace, String storeId, String name,
                          String legalEntity, String status, String monthlyRevenue, String currency,
                          List<Attribute> attributes) {

    /** @param firstSeen ISO instant or null; lastSeen likewise */
    public record Attribute(String type, String value, String firstSeen, String lastSeen) {
    }

    public String key() {
        return platform + ":" + marketplace + ":" + storeId;
    }

    /** Splits {@code platform:marketplace:storeId}; null when it has not three non-empty parts. */
    static String[] splitKey(String key) {
        if (key == null) return null;
        String[] parts = key.split(":", 3);
        if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) return null;
        return new String[]{parts[0].trim(), parts[1].trim(), parts[2].trim()};
    }
}
