package io.linkscope.runtime;

/** Event-bus addresses: the seams of the data flow in ARCHITECTURE.md. */
public final class Addresses {
    /** {@code ImportRequest} → {@code ImportOutcome}: parse, validate, write. */
    public static final String IMPORT = "linkscope.import";
    /** {@code WriteBatch} → {@code WriteResult}, once committed. */
    public static final String GRAPH_WRITE = "linkscope.graph.write";
    /** Published {@code GraphChanged} after every commit. */
    public static final String GRAPH_CHANGED = "linkscope.graph.changed";

    private Addresses() {
    }

    /** Published with a tenant id after its analysis was recomputed in the background. */
    public static final String ANALYSIS_UPDATED = "linkscope.analysis.updated";
}
