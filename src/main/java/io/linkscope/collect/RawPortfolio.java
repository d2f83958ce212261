package io.linkscope.collect;

import java.util.List;

/**
 * A portfolio as read from JSON, NDJSON or CSV, before validation: every field is text with its location,
 * so the validator can name exactly where a value came from, whatever the format.
 *
 * @param fatal problems that make the whole document unreadable (malformed JSON, unknown CSV column)
 */
public record RawPortfolio(String defaultPhoneRegion, List<RawStore> stores, List<RawDisclosure> disclosures,
                           List<RawGeneric> generics, List<ImportProblem> fatal, List<ImportProblem> warnings) {

    /** Marks a JSON object or array found where a single value belongs. */
    public static final String NOT_A_VALUE = "\u0000not-a-value";

    /** A value and where it was found; {@code value} is null when absent. */
    public record Field(String value, String location) {
        public boolean present() {
            return value != null && !value.isBlank();
        }
    }

    /**
     * @param location  {@code stores[3]} or {@code rows 4-9}; used for store-level problems
     * @param category  what the store sells (an extension of format v1); null when the source has no such field
     */
    public record RawStore(String location, Field platform, Field marketplace, Field storeId, Field name,
                           Field legalEntity, Field status, Field revenueAmount, Field currency, Field openedOn,
                           Field region, List<RawAttribute> attributes, Field category) {
    }

    public record RawAttribute(String location, Field type, Field value, Field firstSeen, Field lastSeen,
                               Field source, Field region) {
    }

    public record RawDisclosure(String location, List<Field> stores, Field reason) {
    }

    public record RawGeneric(String location, Field type, Field value, Field reason, Field region) {
    }
}
