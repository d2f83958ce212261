package io.linkscope.analysis.model;

import io.linkscope.normalize.IdentifierType;

import java.time.Instant;

/**
 * One shared identifier behind a link, with every factor that went into its weight:
 * {@code weight = baseWeight × rarity × timeFactor × (generic ? genericFactor : 1)}.
 *
 * @param sharedBy    stores sharing the value, in this tenant and elsewhere
 * @param rarity      IDF-like factor in [0,1]: 1 for a value only these two stores hold
 * @param timeFactor  in [0,1]: overlap of the two usage windows, and decay of old evidence
 * @param windowFrom  start of the overlap (or of the closer ends), null if unknown
 * @param windowTo    end of it, null if current
 * @param note        why the weight is low, as a code for renderers: {@code class:<identifier class>} (carries no
 *                    weight), {@code generic}, or {@code apart} (used apart: the window is the gap); null otherwise
 */
public record Evidence(IdentifierType type, @com.fasterxml.jackson.annotation.JsonIgnore String identifierUid, String display, double weight, double baseWeight,
                       int sharedBy, double rarity, double timeFactor, boolean generic, Instant windowFrom,
                       Instant windowTo, String note) {
}
