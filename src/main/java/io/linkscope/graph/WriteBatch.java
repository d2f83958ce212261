package io.linkscope.graph;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * One validated import, ready for the {@link GraphWriter}: every value is already canonical, hashed and
 * masked. It travels over the event bus as a local object (see {@code LocalCodec}).
 *
 * @param replaceAttributes when true (PUT of one store), HAS edges of these stores that are not in the
 *                          batch are removed; imports only ever add
 */
public record WriteBatch(String tenant, List<StoreRow> stores, List<ObservationRow> observations,
                         List<DisclosureRow> disclosures, List<GenericRow> generics, boolean replaceAttributes) {

    public record StoreRow(String uid, String key, String platform, String marketplace, String storeId,
                           String name, String legalEntity, String status, Double monthlyRevenue, String currency,
                           Double monthlyRevenueUsd, String openedOn) {
    }

    /**
     * @param current no window was reported: the identifier is in use now
     */
    public record ObservationRow(String store, String identifier, String type, String hash, String display,
                                 String cls, String provider, ZonedDateTime firstSeen, ZonedDateTime lastSeen,
                                 boolean current, long count, List<String> sources) {
    }

    public record DisclosureRow(String a, String b, String reason) {
    }

    public record GenericRow(String identifier, String type, String hash, String display, String cls, String reason) {
    }

    public int size() {
        return stores.size() + observations.size() + disclosures.size() + generics.size();
    }

    public List<String> storeKeys() {
        return stores.stream().map(StoreRow::key).toList();
    }
}
