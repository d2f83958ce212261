package io.linkscope.graph;

import java.time.Instant;

/**
 * A change to one existing store that is not an import: sent to the one writer ({@link GraphWriterVerticle}) like
 * a {@link WriteBatch}, so it is announced the same way, with the identifiers the store holds: other tenants
 * sharing them see their exposure and taint change at once.
 */
public sealed interface StoreCommand {
    String tenant();

    String storeKey();

    /** {@code DELETE …/stores/{key}}: the store, its history, and identifiers no one else holds. */
    record Delete(String tenant, String storeKey) implements StoreCommand {
    }

    /** {@code POST …/stores/{key}/status}: the current status follows the latest event. */
    record RecordStatus(String tenant, String storeKey, String status, Instant at, String note) implements StoreCommand {
    }

    /**
     * What a command did; {@code found} is false when the tenant has no such store (nothing changed).
     *
     * @param identifiers the store's identifiers (uids) at the time of the change
     */
    record Result(boolean found, String previous, String status, java.util.Set<String> identifiers) {
        static Result notFound() {
            return new Result(false, null, null, java.util.Set.of());
        }
    }
}
