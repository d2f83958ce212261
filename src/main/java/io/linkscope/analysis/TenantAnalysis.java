package io.linkscope.analysis;

import io.linkscope.analysis.model.LinkageResult;
import io.linkscope.analysis.model.Snapshot;
import io.linkscope.analysis.risk.Concentration;

/**
 * Everything analysis knows about one tenant at one graph version.
 *
 * @param version   the tenant's graph version this was computed from
 * @param snapshotMs time to read the snapshot; analysisMs time for the engines
 */
public record TenantAnalysis(String tenant, long version, Snapshot snapshot, LinkageResult linkage,
                             Concentration.Report concentration, long snapshotMs, long analysisMs) {
}
