package io.linkscope.analysis.model;

import java.time.Instant;

/**
 * Store {@code store} used identifier {@code identifier} (indexes into the snapshot's lists).
 * Null instants mean "current": no window was reported.
 */
public record Usage(int store, int identifier, Instant firstSeen, Instant lastSeen, long count) {
}
