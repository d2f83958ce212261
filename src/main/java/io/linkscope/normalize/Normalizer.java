package io.linkscope.normalize;

import java.util.List;

/**
 * Canonicalizes identifier values so that equal things compare equal (spec §1 table).
 * Pure: no I/O, thread-safe, shared.
 */
public final class Normalizer {

    public Normalizer() {
    }

    /**
     * @param phoneRegion ISO 3166 region used for national phone notation; may be null
     * @return the canonical value first, then any derived identifiers (a public IP yields its /24 or /48 subnet)
     */
    public List<Canonical> normalize(IdentifierType type, String raw, String phoneRegion) throws InvalidValueException {
        throw new UnsupportedOperationException("normalization lands with the normalize package");
    }

    /** The legal entity a store declares, as an identifier (address-style canonical form). */
    public Canonical legalEntity(String name) throws InvalidValueException {
        throw new UnsupportedOperationException("normalization lands with the normalize package");
    }
}
