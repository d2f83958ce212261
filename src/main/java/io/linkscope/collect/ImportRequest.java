package io.linkscope.collect;

/**
 * A document to import, from any collector.
 *
 * @param origin            where it came from, for logs: {@code http}, {@code file}, {@code pull:<source>}
 * @param replaceAttributes PUT of a store: its observations not in the document are removed
 */
public record ImportRequest(String tenant, byte[] body, PortfolioParser.Format format, ImportMode mode, String origin,
                            boolean replaceAttributes) {
    public ImportRequest(String tenant, byte[] body, PortfolioParser.Format format, ImportMode mode, String origin) {
        this(tenant, body, format, mode, origin, false);
    }
}
