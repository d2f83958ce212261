package io.linkscope.normalize;

/**
 * A value in its canonical form, ready to be hashed. {@code value} never leaves the process:
 * only {@link IdentifierHasher#uid} of it and {@code display} (masked) are stored or shown.
 *
 * @param provider for {@code payment}: the provider slug (paypal, payoneer…); otherwise null
 */
public record Canonical(IdentifierType type, String value, String display, IdentifierClass cls, String provider) {
    @Override
    public String toString() {
        return type.wire() + ":" + display; // never the raw value
    }
}
