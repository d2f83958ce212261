package io.linkscope.graph;

import java.time.ZonedDateTime;
import java.util.List;

/**
 * One validated import, ready for the {@link GraphWriter}: every value is already canonical, hashed and
 * masked. It travels over the event bus as a local object (see {@code LocalCodec}).
 *
 * @param replaceAttributes when true (PUT of one store), HAS edges of these stores that are not in the
 *                          batch are removed; imports only ever add
 * @param cursor            a pull source's position after this batch, committed in the same transaction
 * @param receipt           an API import's record, committed in the same transaction, so "committed" is never
 *                          reported for data that is not there (null for other writes)
 */
public record WriteBatch(String tenant, List<StoreRow> stores, List<ObservationRow> observations,
                         List<DisclosureRow> disclosures, List<GenericRow> generics, boolean replaceAttributes,
                         SourceCursor cursor, Receipt receipt) {

    public WriteBatch(String tenant, List<StoreRow> stores, List<ObservationRow> observations,
                      List<DisclosureRow> disclosures, List<GenericRow> generics, boolean replaceAttributes) {
        this(tenant, stores, observations, disclosures, generics, replaceAttributes, null, null);
    }

    /** A pull source's incremental position; {@code id} is {@code tenant|source}. */
    public record SourceCursor(String id, String value) {
    }

    /**
     * @param idempotencyKey the client's {@code Idempotency-Key}, or null
     * @param bodyHash       SHA-256 of the request body: the same key with another body is refused
     * @param validation     the validation part of the outcome (counts, rejected items, warnings) as JSON
     */
    public record Receipt(String importId, String idempotencyKey, String bodyHash, String validation) {
    }

    public WriteBatch withCursor(SourceCursor c) {
        return new WriteBatch(tenant, stores, observations, disclosures, generics, replaceAttributes, c, receipt);
    }

    public WriteBatch withReceipt(Receipt r) {
        return new WriteBatch(tenant, stores, observations, disclosures, generics, replaceAttributes, cursor, r);
    }

    public record StoreRow(String uid, String key, String platform, String marketplace, String storeId,
                           String name, String legalEntity, String status, Double monthlyRevenue, String currency,
                           Double monthlyRevenueUsd, String openedOn, String category) {
    }

    /**
     * @param current         no window was reported: the identifier is in use now
     * @param notation        keyed hash of how this store wrote a value keyed across notations (legal entity,
     *                        address), or null: two stores on one identifier with two notations matched "written
     *                        differently" (spec §1a)
     * @param notationDisplay the masked display of that notation, or null
     */
    public record ObservationRow(String store, String identifier, String type, String hash, String display,
                                 String cls, String provider, ZonedDateTime firstSeen, ZonedDateTime lastSeen,
                                 boolean current, long count, List<String> sources, String notation,
                                 String notationDisplay) {
        public ObservationRow(String store, String identifier, String type, String hash, String display,
                              String cls, String provider, ZonedDateTime firstSeen, ZonedDateTime lastSeen,
                              boolean current, long count, List<String> sources) {
            this(store, identifier, type, hash, display, cls, provider, firstSeen, lastSeen, current, count, sources,
                    null, null);
        }
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

    /**
     * Splits a large import into batches of about {@code maxObservations} observations, never splitting
     * one store's observations. Disclosures and generics ride with the last batch, after every store exists.
     */
    public List<WriteBatch> split(int maxObservations) {
        java.util.Map<String, List<ObservationRow>> byStore = new java.util.LinkedHashMap<>();
        for (ObservationRow o : observations) byStore.computeIfAbsent(o.store(), k -> new java.util.ArrayList<>()).add(o);
        List<WriteBatch> out = new java.util.ArrayList<>();
        List<StoreRow> storesPart = new java.util.ArrayList<>();
        List<ObservationRow> observationsPart = new java.util.ArrayList<>();
        for (StoreRow s : stores) {
            List<ObservationRow> own = byStore.getOrDefault(s.uid(), List.of());
            if (!storesPart.isEmpty() && observationsPart.size() + own.size() > maxObservations) {
                out.add(new WriteBatch(tenant, storesPart, observationsPart, List.of(), List.of(), replaceAttributes));
                storesPart = new java.util.ArrayList<>();
                observationsPart = new java.util.ArrayList<>();
            }
            storesPart.add(s);
            observationsPart.addAll(own);
        }
        out.add(new WriteBatch(tenant, storesPart, observationsPart, disclosures, generics, replaceAttributes, cursor, receipt));
        return out;
    }

    /** The same batch as a replacement of its stores' attributes (PUT of a store). */
    public WriteBatch replacingAttributes() {
        return new WriteBatch(tenant, stores, observations, disclosures, generics, true, cursor, receipt);
    }
}
