package io.linkscope.analysis.model;

import java.time.Instant;

/**
 * Store {@code store} used identifier {@code identifier} (indexes into the snapshot's lists).
 * Null instants mean "current": no window was reported.
 *
 * @param notation        keyed hash of how the store wrote a value keyed across notations (legal entity, address),
 *                        or null; two stores with two notations of one identifier wrote it differently (spec §1a)
 * @param notationDisplay the masked display of that notation, or null
 */
public record Usage(int store, int identifier, Instant firstSeen, Instant lastSeen, long count, String notation,
                    String notationDisplay) {
    public Usage(int store, int identifier, Instant firstSeen, Instant lastSeen, long count) {
        this(store, identifier, firstSeen, lastSeen, count, null, null);
    }
}
