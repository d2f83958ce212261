package io.linkscope.analysis;

import io.linkscope.analysis.model.LinkageResult;
import io.linkscope.analysis.model.Snapshot;
import io.linkscope.analysis.risk.BlastRadius;
import io.linkscope.analysis.risk.Concentration;
import io.linkscope.analysis.risk.RevenueAtRisk;
import io.linkscope.analysis.risk.Recommender;

import java.util.function.Supplier;

/**
 * Everything analysis knows about one tenant at one graph version. Linkage is computed eagerly; concentration,
 * revenue at risk and the worst blast radius are computed on first use and then kept, so a burst of
 * single-store updates costs only the linkage work until someone asks for them.
 *
 * @param version    the tenant's graph version this was computed from
 * @param settings   what the engines ran with
 * @param snapshotMs time to read the snapshot (or its delta); analysisMs time for the linkage engines
 */
public record TenantAnalysis(String tenant, long version, AnalysisSettings settings, Snapshot snapshot, LinkageResult linkage,
                             Supplier<Concentration.Report> concentrationReport, Supplier<RevenueAtRisk.Result> riskResult,
                             Supplier<BlastRadius.Worst> worstBlast, Supplier<Recommender.Recommendations> advice,
                             long snapshotMs, long analysisMs) {

    /** Ranked actions with their computed effects. */
    public java.util.List<Recommender.Action> recommendations() {
        return advice.get().actions();
    }

    /** The worthwhile actions done together, measured together; null when none is worthwhile. */
    public Recommender.Plan plan() {
        return advice.get().plan();
    }

    public Concentration.Report concentration() {
        return concentrationReport.get();
    }

    /** Revenue at risk with the configured seed and trial count. */
    public RevenueAtRisk.Result risk() {
        return riskResult.get();
    }

    public BlastRadius.Worst worstBlastRadius() {
        return worstBlast.get();
    }

    /** A thread-safe memo: the first caller computes, later callers reuse. */
    static <T> Supplier<T> memo(Supplier<T> compute) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T v = value;
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
