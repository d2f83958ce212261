package io.linkscope.analysis.model;

import java.util.List;
import java.util.Map;

/**
 * Output of the linkage engines for one tenant.
 *
 * @param storeRisk          by store key
 * @param taintedIdentifiers uids of identifiers that touch a suspended store
 */
public record LinkageResult(List<Link> links, List<Cluster> clusters, Map<String, StoreRisk> storeRisk,
                            List<String> taintedIdentifiers) {
}
