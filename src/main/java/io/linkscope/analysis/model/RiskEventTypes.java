package io.linkscope.analysis.model;

import java.util.List;

/** The kinds of webhook event a change of risk raises (README "Webhooks"); configuration checks against them. */
public final class RiskEventTypes {
    public static final String CRITICAL_CLUSTER = "cluster.critical";
    public static final String LINKED_TO_SUSPENDED = "store.linked-to-suspended";
    public static final String BAND_CHANGED = "concentration.band-changed";
    public static final String TAINTED_IDENTIFIER = "identifier.tainted";
    public static final List<String> ALL = List.of(CRITICAL_CLUSTER, LINKED_TO_SUSPENDED, BAND_CHANGED, TAINTED_IDENTIFIER);

    private RiskEventTypes() {
    }
}
