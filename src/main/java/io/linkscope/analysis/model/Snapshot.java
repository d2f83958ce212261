package io.linkscope.analysis.model;

import java.time.Instant;
import java.util.List;

/**
 * A tenant's subgraph in compact, index-based form: everything the pure engines need, nothing they don't.
 *
 * @param asOf the analysis clock: time decay and "current" windows are measured against it
 */
public record Snapshot(String tenant, Instant asOf, List<StoreInfo> stores, List<IdentifierInfo> identifiers,
                       List<Usage> usages, List<Disclosure> disclosures) {
}
