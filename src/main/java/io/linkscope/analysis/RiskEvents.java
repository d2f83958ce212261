package io.linkscope.analysis;

import io.linkscope.analysis.model.Cluster;
import io.linkscope.analysis.model.Evidence;
import io.linkscope.analysis.model.IdentifierInfo;
import io.linkscope.analysis.model.Link;
import io.linkscope.analysis.model.RiskEventTypes;
import io.linkscope.analysis.model.StoreInfo;
import io.linkscope.analysis.model.Usage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What changed in a tenant's risk between two analyses, as webhook events. Pure: the previous state is a
 * {@link Baseline} (kept in the graph by the caller), the new one comes from a {@link TenantAnalysis}.
 * <p>
 * Event ids are derived from the tenant, the type, the subject and the baseline revision, so computing the same
 * change twice (a retry, a second instance, a restart before the baseline was saved) gives the same id, and a
 * receiver can drop duplicates by id.
 */
public final class RiskEvents {
    public static final String CRITICAL_CLUSTER = RiskEventTypes.CRITICAL_CLUSTER;
    public static final String LINKED_TO_SUSPENDED = RiskEventTypes.LINKED_TO_SUSPENDED;
    public static final String BAND_CHANGED = RiskEventTypes.BAND_CHANGED;
    public static final String TAINTED_IDENTIFIER = RiskEventTypes.TAINTED_IDENTIFIER;
    public static final List<String> TYPES = RiskEventTypes.ALL;

    private RiskEvents() {
    }

    /**
     * The facts events are computed from.
     *
     * @param criticalStores stores that are in a critical cluster
     * @param suspendedLinks {@code store|suspendedStore} pairs: undisclosed links, at any level, from a store that is not suspended to one that is
     * @param platformBand   the platform HHI band, or null before the first analysis
     * @param tainted        uids of identifiers touching a suspended store
     */
    public record Baseline(Set<String> criticalStores, Set<String> suspendedLinks, String platformBand, Set<String> tainted) {
        public static final Baseline EMPTY = new Baseline(Set.of(), Set.of(), null, Set.of());

        public static Baseline of(TenantAnalysis analysis) {
            Set<String> critical = new TreeSet<>();
            analysis.linkage().clusters().stream().filter(c -> "critical".equals(c.risk())).forEach(c -> critical.addAll(c.stores()));
            Set<String> suspendedLinks = new TreeSet<>();
            Map<String, StoreInfo> stores = stores(analysis);
            for (Link l : analysis.linkage().links()) {
                if (l.disclosed()) continue;
                if (suspended(stores, l.b()) && !suspended(stores, l.a())) suspendedLinks.add(l.a() + "|" + l.b());
                if (suspended(stores, l.a()) && !suspended(stores, l.b())) suspendedLinks.add(l.b() + "|" + l.a());
            }
            String band = analysis.snapshot().stores().isEmpty() ? null : analysis.concentration().platform().band();
            return new Baseline(critical, suspendedLinks, band, new TreeSet<>(analysis.linkage().taintedIdentifiers()));
        }

        private static boolean suspended(Map<String, StoreInfo> stores, String key) {
            StoreInfo s = stores.get(key);
            return s != null && s.suspended();
        }
    }

    /** One event; {@code data} is plain maps and lists, ready for JSON. */
    public record Event(String id, String type, String tenant, long graphVersion, Map<String, Object> data) {
    }

    /**
     * Events for what {@code now} has and {@code before} did not.
     *
     * @param after    {@code Baseline.of(now)}, which the caller also saves
     * @param revision how many baselines the tenant has had; part of every event id
     * @param words    puts a finding into words (the receiver reads {@code reasons}; {@code findings} are the facts)
     */
    public static List<Event> diff(Baseline before, Baseline after, long revision, TenantAnalysis now,
                                   java.util.function.Function<io.linkscope.analysis.model.Reason, String> words) {
        String tenant = now.tenant();
        List<Event> events = new ArrayList<>();
        Map<String, StoreInfo> stores = stores(now);
        for (Cluster c : now.linkage().clusters()) {
            if (!"critical".equals(c.risk()) || c.stores().stream().anyMatch(before.criticalStores()::contains)) continue;
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("cluster", c.id());
            data.put("stores", c.stores());
            data.put("platforms", c.platforms());
            data.put("monthlyRevenueUsd", c.monthlyRevenueUsd());
            data.put("hasSuspended", c.hasSuspended());
            data.put("reasons", c.findings().stream().map(words).toList());
            data.put("findings", c.findings());
            events.add(event(tenant, CRITICAL_CLUSTER, String.join(",", new TreeSet<>(c.stores())), revision, now.version(), data));
        }
        for (Link l : now.linkage().links()) {
            for (String pair : List.of(l.a() + "|" + l.b(), l.b() + "|" + l.a())) {
                if (!after.suspendedLinks().contains(pair) || before.suspendedLinks().contains(pair)) continue;
                String[] parts = pair.split("\\|", 2);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("store", parts[0]);
                data.put("suspendedStore", parts[1]);
                data.put("samePlatform", l.samePlatform());
                data.put("score", l.score());
                data.put("level", l.level());
                data.put("evidence", l.evidence().stream().map(RiskEvents::evidence).toList());
                events.add(event(tenant, LINKED_TO_SUSPENDED, pair, revision, now.version(), data));
            }
        }
        if (after.platformBand() != null && !after.platformBand().equals(before.platformBand())
                && (before.platformBand() != null || !"unconcentrated".equals(after.platformBand()))) {
            var platform = now.concentration().platform();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("dimension", "platform");
            data.put("from", before.platformBand());
            data.put("to", after.platformBand());
            data.put("hhi", platform.hhi());
            data.put("shares", platform.shares());
            events.add(event(tenant, BAND_CHANGED, before.platformBand() + ">" + after.platformBand(), revision,
                    now.version(), data));
        }
        Map<String, IdentifierInfo> identifiers = new java.util.HashMap<>();
        now.snapshot().identifiers().forEach(i -> identifiers.put(i.uid(), i));
        for (String uid : after.tainted()) {
            if (before.tainted().contains(uid)) continue;
            IdentifierInfo info = identifiers.get(uid);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("type", info == null ? null : info.type().wire());
            data.put("display", info == null ? null : info.display());
            List<String> users = users(now, uid);
            data.put("stores", users);
            data.put("suspendedStores", users.stream().filter(k -> stores.get(k) != null && stores.get(k).suspended()).toList());
            // tainted by other portfolios' suspended stores: how many, as the exposure policy lets this tenant see it
            data.put("foreignSuspendedBand", info == null ? null : io.linkscope.analysis.model.ExposurePolicy.band(info.foreignSuspended()));
            events.add(event(tenant, TAINTED_IDENTIFIER, uid, revision, now.version(), data));
        }
        return events;
    }

    private static Map<String, Object> evidence(Evidence e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", e.type().wire());
        m.put("display", e.display());
        m.put("weight", e.weight());
        return m;
    }

    private static List<String> users(TenantAnalysis a, String uid) {
        List<IdentifierInfo> ids = a.snapshot().identifiers();
        int index = -1;
        for (int i = 0; i < ids.size(); i++) if (ids.get(i).uid().equals(uid)) index = i;
        List<String> out = new ArrayList<>();
        for (Usage u : a.snapshot().usages()) if (u.identifier() == index) out.add(a.snapshot().stores().get(u.store()).key());
        return out.stream().sorted().distinct().toList();
    }

    private static Map<String, StoreInfo> stores(TenantAnalysis a) {
        Map<String, StoreInfo> m = new java.util.HashMap<>();
        a.snapshot().stores().forEach(s -> m.put(s.key(), s));
        return m;
    }

    private static Event event(String tenant, String type, String subject, long revision, long version, Map<String, Object> data) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (tenant + "\u0000" + type + "\u0000" + subject + "\u0000" + revision).getBytes(StandardCharsets.UTF_8));
            return new Event("evt_" + HexFormat.of().formatHex(digest, 0, 12), type, tenant, version, data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
