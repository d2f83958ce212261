package io.linkscope.analysis.model;

import io.linkscope.normalize.IdentifierType;

import java.time.Instant;
import java.util.List;

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
 * @param variant     the two stores wrote this legal entity or address differently and it matched across notations
 *                    (spec §1a): "same office, written differently"
 * @param displays    when {@code variant}: the masked displays of the two notations, the first store's first;
 *                    otherwise null (and absent from JSON)
 */
public record Evidence(IdentifierType type, @com.fasterxml.jackson.annotation.JsonIgnore String identifierUid, String display, double weight, double baseWeight,
                       int sharedBy, double rarity, double timeFactor, boolean generic, Instant windowFrom,
                       Instant windowTo, String note, boolean variant,
                       @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                       List<String> displays) {
    public Evidence(IdentifierType type, String identifierUid, String display, double weight, double baseWeight,
                    int sharedBy, double rarity, double timeFactor, boolean generic, Instant windowFrom,
                    Instant windowTo, String note) {
        this(type, identifierUid, display, weight, baseWeight, sharedBy, rarity, timeFactor, generic, windowFrom, windowTo,
                note, false, null);
    }
}
