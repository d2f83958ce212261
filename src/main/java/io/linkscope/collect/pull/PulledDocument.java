package io.linkscope.collect.pull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers the records of one poll into one portfolio document (spec §1), so a poll is validated and written as
 * one import: all of it or, with {@code onInvalid: reject}, none of it. Records of the same store are merged;
 * repeated observations of one value keep the earliest first and the latest last sighting.
 */
final class PulledDocument {
    private final Map<String, Merged> stores = new LinkedHashMap<>();
    private int records;

    private static final class Merged {
        PulledStore first;
        final Map<String, String[]> attributes = new LinkedHashMap<>();
    }

    void add(PulledStore r) {
        records++;
        Merged m = stores.computeIfAbsent(r.key(), k -> new Merged());
        if (m.first == null) {
            m.first = r;
        } else {
            m.first = new PulledStore(m.first.where(), r.platform(), r.marketplace(), r.storeId(), or(r.name(), m.first.name()),
                    or(r.legalEntity(), m.first.legalEntity()), or(r.status(), m.first.status()),
                    or(r.monthlyRevenue(), m.first.monthlyRevenue()), or(r.currency(), m.first.currency()), List.of());
        }
        for (PulledStore.Attribute a : r.attributes()) {
            m.attributes.merge(a.type() + "\u0000" + a.value(), new String[]{a.type(), a.value(), a.firstSeen(), a.lastSeen()},
                    (x, y) -> new String[]{x[0], x[1], min(x[2], y[2]), max(x[3], y[3])});
        }
    }

    int records() {
        return records;
    }

    int stores() {
        return stores.size();
    }

    /** Where store {@code i} of {@link #toJson} came from, to translate the validator's {@code stores[i]} locations. */
    List<String> origins() {
        List<String> out = new ArrayList<>();
        stores.values().forEach(m -> out.add(m.first.where()));
        return out;
    }

    byte[] toJson(String source) {
        ObjectNode doc = PullFormat.JSON.createObjectNode();
        doc.put("format", "linkscope.portfolio/v1");
        ArrayNode list = doc.putArray("stores");
        for (Merged m : stores.values()) {
            PulledStore s = m.first;
            ObjectNode o = list.addObject();
            o.put("platform", s.platform());
            o.put("marketplace", s.marketplace());
            o.put("storeId", s.storeId());
            if (s.name() != null) o.put("name", s.name());
            if (s.legalEntity() != null) o.put("legalEntity", s.legalEntity());
            if (s.status() != null) o.put("status", s.status());
            if (s.monthlyRevenue() != null) {
                ObjectNode revenue = o.putObject("monthlyRevenue");
                try {
                    revenue.put("amount", new java.math.BigDecimal(s.monthlyRevenue()));
                } catch (NumberFormatException e) {
                    revenue.put("amount", s.monthlyRevenue()); // the validator names it
                }
                if (s.currency() != null) revenue.put("currency", s.currency());
            }
            ArrayNode attributes = o.putArray("attributes");
            for (String[] a : m.attributes.values()) {
                ObjectNode attribute = attributes.addObject().put("type", a[0]).put("value", a[1]);
                if (a[2] != null) attribute.put("firstSeen", a[2]);
                if (a[3] != null) attribute.put("lastSeen", a[3]);
                attribute.put("source", source);
            }
        }
        try {
            return PullFormat.JSON.writeValueAsBytes(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String or(String a, String b) {
        return a != null ? a : b;
    }

    private static String min(String a, String b) {
        return a == null ? b : b == null ? a : compare(a, b) <= 0 ? a : b;
    }

    private static String max(String a, String b) {
        return a == null ? b : b == null ? a : compare(a, b) >= 0 ? a : b;
    }

    /** By instant when both parse (offsets differ between sources), else as text; the validator names bad ones. */
    private static int compare(String a, String b) {
        try {
            return java.time.OffsetDateTime.parse(a).toInstant().compareTo(java.time.OffsetDateTime.parse(b).toInstant());
        } catch (java.time.format.DateTimeParseException e) {
            return a.compareTo(b);
        }
    }
}
