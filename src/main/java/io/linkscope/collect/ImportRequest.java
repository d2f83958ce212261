package io.linkscope.collect;

/**
 * A document to import, from any collector.
 *
 * @param origin            where it came from, for logs: {@code http}, {@code file}, {@code pull:<source>}
 * @param replaceAttributes PUT of a store: its observations not in the document are removed
 * @param cursor            a pull source's position after this document, committed with it (null otherwise)
 */
public record ImportRequest(String tenant, byte[] body, PortfolioParser.Format format, ImportMode mode, String origin,
                            boolean replaceAttributes, io.linkscope.graph.WriteBatch.SourceCursor cursor) {
    public ImportRequest(String tenant, byte[] body, PortfolioParser.Format format, ImportMode mode, String origin) {
        this(tenant, body, format, mode, origin, false, null);
    }

    public ImportRequest(String tenant, byte[] body, PortfolioParser.Format format, ImportMode mode, String origin,
                         boolean replaceAttributes) {
        this(tenant, body, format, mode, origin, replaceAttributes, null);
    }
}
