package io.linkscope.analysis;

import io.linkscope.analysis.model.LinkageResult;
import io.linkscope.analysis.model.Snapshot;
import io.linkscope.analysis.risk.Concentration;

import java.util.function.Supplier;

/**
 * Everything analysis knows about one tenant at one graph version. Linkage is computed eagerly; the
 * concentration report is computed on first use and then kept, so a burst of single-store updates costs only
 * the linkage work until someone asks for concentration.
 *
 * @param version    the tenant's graph version this was computed from
 * @param snapshotMs time to read the snapshot (or its delta); analysisMs time for the linkage engines
 */
public record TenantAnalysis(String tenant, long version, Snapshot snapshot, LinkageResult linkage,
                             Supplier<Concentration.Report> concentrationReport, long snapshotMs, long analysisMs) {

    public Concentration.Report concentration() {
        return concentrationReport.get();
    }

    /** A thread-safe memo: the first caller computes, later callers reuse. */
    static Supplier<Concentration.Report> memo(Supplier<Concentration.Report> compute) {
        return new Supplier<>() {
            private volatile Concentration.Report value;

            @Override
            public Concentration.Report get() {
                Concentration.Report v = value;
                if (v == null) {
                    synchronized (this) {
                        if (value == null) value = compute.get();
                        v = value;
                    }
                }
                return v;
            }
        };
    }
}
