package io.linkscope.analysis.linkage;

import io.linkscope.analysis.model.Disclosure;
import io.linkscope.analysis.model.IdentifierInfo;
import io.linkscope.analysis.model.Snapshot;
import io.linkscope.analysis.model.StoreInfo;
import io.linkscope.analysis.model.Usage;
import io.linkscope.normalize.IdentifierClass;
import io.linkscope.normalize.IdentifierType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds small snapshots by hand for the engine tests. */
final class Fixture {
    static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    final List<StoreInfo> stores = new ArrayList<>();
    final List<IdentifierInfo> identifiers = new ArrayList<>();
    final List<Usage> usages = new ArrayList<>();
    final List<Disclosure> disclosures = new ArrayList<>();
    private final Map<String, Integer> storeIndex = new HashMap<>();
    private final Map<String, Integer> idIndex = new HashMap<>();

    Fixture store(String key, String status, double revenue) {
        return store(key, status, revenue, null);
    }

    Fixture store(String key, String status, double revenue, String previousCluster) {
        String[] p = key.split(":");
        storeIndex.put(key, stores.size());
        stores.add(new StoreInfo(key, p[0], p[1], p[2], key, null, status, revenue, null, previousCluster));
        return this;
    }

    Fixture identifier(String uid, IdentifierType type, IdentifierClass cls, boolean generic, int foreign) {
        idIndex.put(uid, identifiers.size());
        identifiers.add(new IdentifierInfo(uid, type, uid + "-display", generic, cls,
                type == IdentifierType.PAYMENT ? uid.split(":")[0] : null, foreign, 0));
        return this;
    }

    Fixture identifier(String uid, IdentifierType type) {
        return identifier(uid, type, IdentifierClass.STANDARD, false, 0);
    }

    Fixture uses(String store, String identifier) {
        return uses(store, identifier, null, null);
    }

    Fixture uses(String store, String identifier, String from, String to) {
        usages.add(new Usage(storeIndex.get(store), idIndex.get(identifier), from == null ? null : Instant.parse(from),
                to == null ? null : Instant.parse(to), 1));
        return this;
    }

    Fixture disclose(String a, String b) {
        disclosures.add(new Disclosure(a.compareTo(b) < 0 ? a : b, a.compareTo(b) < 0 ? b : a, "approved"));
        return this;
    }

    Snapshot snapshot() {
        return new Snapshot("t", NOW, List.copyOf(stores), List.copyOf(identifiers), List.copyOf(usages), List.copyOf(disclosures));
    }
}
