package io.linkscope.collect;

/**
 * A document to import, from any collector.
 *
 * @param origin            where it came from, for logs: {@code http}, {@code file}, {@code pull:<source>}
 * @param replaceAttributes PUT of a store: its observations not in the document are removed
 * @param cursor            a pull source's position after this document, committed with it (null otherwise)
 * @param ticket            an API import's id and idempotency key: its receipt is committed with the data (or null)
 */
public record ImportRequest(String tenant, byte[] body, PortfolioParser.Format format, ImportMode mode, String origin,
                            boolean replaceAttributes, io.linkscope.graph.WriteBatch.SourceCursor cursor, Ticket ticket) {
    public ImportRequest(String tenant, byte[] body, PortfolioParser.Format format, ImportMode mode, String origin) {
        this(tenant, body, format, mode, origin, false, null, null);
    }

    public ImportRequest(String tenant, byte[] body, PortfolioParser.Format format, ImportMode mode, String origin,
                         boolean replaceAttributes) {
        this(tenant, body, format, mode, origin, replaceAttributes, null, null);
    }

    public ImportRequest(String tenant, byte[] body, PortfolioParser.Format format, ImportMode mode, String origin,
                         boolean replaceAttributes, io.linkscope.graph.WriteBatch.SourceCursor cursor) {
        this(tenant, body, format, mode, origin, replaceAttributes, cursor, null);
    }

    /** @param idempotencyKey the client's {@code Idempotency-Key}, or null; @param bodyHash SHA-256 of the body */
    public record Ticket(String importId, String idempotencyKey, String bodyHash) {
    }

    public ImportRequest withTicket(Ticket t) {
        return new ImportRequest(tenant, body, format, mode, origin, replaceAttributes, cursor, t);
    }
}
