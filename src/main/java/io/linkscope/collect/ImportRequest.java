package io.linkscope.collect;

/**
 * A document to import, from any collector.
 *
 * @param origin where it came from, for logs: {@code http}, {@code file}, {@code pull:<source>}
 */
public record ImportRequest(String tenant, byte[] body, PortfolioParser.Format format, ImportMode mode, String origin) {
}
