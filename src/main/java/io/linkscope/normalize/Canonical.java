package io.linkscope.normalize;

/**
 * A value in its canonical form, ready to be hashed. {@code value} never leaves the process:
 * only {@link IdentifierHasher#uid} of it and {@code display} (masked) are stored or shown.
 *
 * @param provider     for {@code payment}: the provider slug (paypal, payoneer…); otherwise null
 * @param notation     for values keyed across notations (legal entity, address): the value as written, folded
 *                     (case, punctuation, spaces), so that two notations of one key can be told apart by its
 *                     keyed hash ({@link IdentifierHasher#notation}); null for other types. Never stored as is
 * @param unstructured an address the parser could not structure: its key is its folded notation (spec §1a)
 */
public record Canonical(IdentifierType type, String value, String display, IdentifierClass cls, String provider,
                        String notation, boolean unstructured) {
    public Canonical(IdentifierType type, String value, String display, IdentifierClass cls, String provider) {
        this(type, value, display, cls, provider, null, false);
    }

    @Override
    public String toString() {
        return type.wire() + ":" + display; // never the raw value
    }
}
