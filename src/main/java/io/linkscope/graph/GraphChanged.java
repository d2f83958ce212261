package io.linkscope.graph;

import java.util.List;

/**
 * Published after a commit: which stores of which tenant changed, and which identifiers they wrote. Analysis
 * recomputes the tenant, and drops cached results of other tenants sharing those identifiers (their
 * cross-portfolio exposure changed).
 */
public record GraphChanged(String tenant, List<String> storeKeys, java.util.Set<String> identifiers) {
}
