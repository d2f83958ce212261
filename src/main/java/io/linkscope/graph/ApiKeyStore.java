package io.linkscope.graph;

import org.neo4j.driver.Record;
import org.neo4j.driver.Value;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API keys in the graph. A key is 256 random bits shown once at creation; only its SHA-256 is stored (a random
 * key needs no slow hash). Keys are addressed by a public id for listing, revoking and assigning tenants.
 */
public final class ApiKeyStore {
    public static final String KEY_PREFIX = "lsk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    public enum Role {
        owner, consultant, admin;

        public static Role parse(String s) {
            for (Role r : values()) if (r.name().equals(s)) return r;
            throw new IllegalArgumentException("role must be owner, consultant or admin (got " + s + ")");
        }
    }

    /** What a key may do; never holds the key or its hash. */
    public record KeyInfo(String id, Role role, List<String> tenants, String label, String createdAt, String prefix) {
        public boolean mayAccess(String tenant) {
            return role == Role.admin || tenants.contains(tenant);
        }
    }

    /** A freshly created key: {@code secret} is shown once and then exists nowhere. */
    public record CreatedKey(KeyInfo info, String secret) {
    }

    private final GraphClient graph;
    private final GraphWriter writer;

    /** Reads keys itself; every change goes through the one {@link GraphWriter}. */
    public ApiKeyStore(GraphClient graph, GraphWriter writer) {
        this.graph = graph;
        this.writer = writer;
    }

    public CreatedKey create(Role role, List<String> tenants, String label) {
        if (role == Role.owner && tenants.size() != 1) {
            throw new IllegalArgumentException("an owner key belongs to exactly one tenant");
        }
        if (role == Role.admin && !tenants.isEmpty()) {
            throw new IllegalArgumentException("an admin key is not bound to tenants");
        }
        String secret = KEY_PREFIX + random(32);
        String id = "key_" + random(9);
        String prefix = secret.substring(0, KEY_PREFIX.length() + 4) + "…";
        writer.createKey(id, hash(secret), prefix, role.name(), tenants, label);
        return new CreatedKey(find(hash(secret)).orElseThrow(), secret);
    }

    /** The key behind a presented secret, if any. */
    public Optional<KeyInfo> authenticate(String secret) {
        if (secret == null || !secret.startsWith(KEY_PREFIX) || secret.length() > 100) return Optional.empty();
        return find(hash(secret));
    }

    private Optional<KeyInfo> find(String hash) {
        return graph.read(tx -> tx.run(Cypher.KEY_BY_HASH, Map.of("hash", hash)).stream().findFirst().map(ApiKeyStore::info));
    }

    public List<KeyInfo> list() {
        return graph.read(tx -> tx.run(Cypher.LIST_KEYS).list(ApiKeyStore::info));
    }

    public boolean revoke(String id) {
        return writer.revokeKey(id);
    }

    /** Revokes every key with this label: the demo replaces its key on each run. */
    public void revokeLabelled(String label) {
        writer.revokeKeysLabelled(label);
    }

    /** Adds or removes a tenant of a consultant key; empty when there is no such key. */
    public Optional<KeyInfo> assign(String id, String tenant, boolean add) {
        if (!writer.assignTenant(id, tenant, add)) return Optional.empty();
        return list().stream().filter(k -> k.id().equals(id)).findFirst();
    }

    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static KeyInfo info(Record r) {
        return new KeyInfo(r.get("id").asString(), Role.parse(r.get("role").asString()),
                r.get("tenants").asList(Value::asString), r.get("label").asString(""), r.get("createdAt").asString(null),
                r.get("prefix").asString(""));
    }
}
