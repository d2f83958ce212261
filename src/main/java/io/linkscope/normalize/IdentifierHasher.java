package io.linkscope.normalize;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Keyed HMAC-SHA256 of a canonical value. Without the key nobody can test a guessed phone or email
 * against the stored hashes, which a plain SHA-256 would allow.
 */
public final class IdentifierHasher {
    private final SecretKeySpec key;

    public IdentifierHasher(byte[] secret) {
        if (secret == null || secret.length < 16) throw new IllegalArgumentException("identifier secret must be at least 16 bytes");
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    public String hash(Canonical c) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(c.type().wire().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            byte[] full = mac.doFinal(c.value().getBytes(StandardCharsets.UTF_8));
            // 144 bits: collision-free at any portfolio size, and short index keys keep ingest fast
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, 18));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * The keyed hash of how a value was written ({@link Canonical#notation}), kept on a store's observation so that
     * evidence can say two stores wrote one identity differently; null for values without a notation.
     */
    public String notation(Canonical c) {
        if (c.notation() == null) return null;
        return hash(new Canonical(c.type(), "notation\u0000" + c.notation(), c.display(), c.cls(), null)).substring(0, 12);
    }

    /** The graph key of an identifier node: {@code type|hash}. */
    public String uid(Canonical c) {
        return c.type().wire() + "|" + hash(c);
    }
}
