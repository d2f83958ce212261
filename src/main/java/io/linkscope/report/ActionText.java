package io.linkscope.report;

import io.linkscope.analysis.risk.Recommender;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recommendation in words, from the facts the recommender returns (its kind, the arguments, who replaces
 * what, the marketplace mix): the title, the detail, and what each store gets instead. Clusters are named by
 * what ties them when a name is known.
 */
public final class ActionText {
    private final Messages m;
    private final Map<String, String> clusterNames;

    /** @param clusterNames cluster id → name ({@code Acme Home Goods LLC · amazon ×7}); ids without one are shown as ids */
    public ActionText(Messages m, Map<String, String> clusterNames) {
        this.m = m;
        this.clusterNames = clusterNames;
    }

    public String title(Recommender.Action a) {
        Map<String, Object> x = a.args();
        List<Recommender.Replacement> r = a.replacements();
        return switch (a.kind()) {
            case Recommender.DELINK -> {
                Recommender.Replacement first = r.get(((Number) x.get("first")).intValue());
                String changed = (String) x.get("changed");
                yield m.t(first.store().equals(changed) ? "action.delink.title" : "action.delink.title.other",
                        "changed", changed, "kept", x.get("kept"), "store", first.store(), "with", replaceWith(first),
                        "replaced", replaced(first), "more", r.size() - 1);
            }
            case Recommender.SEPARATE_CLUSTER -> m.t("action.separate-cluster.title", "cluster", cluster((String) x.get("cluster")),
                    "replacements", r.size(), "stores", r.stream().map(Recommender.Replacement::store).distinct().count(),
                    "group", a.stores().size(), "platform", x.get("platform"));
            case Recommender.DIVERSIFY -> diversifyTitle(x);
            case Recommender.PAYMENT_SPREAD -> m.t("action.payment-spread.title", "type", m.idType((String) x.get("type")),
                    "display", x.get("display"), "share", m.pct0(num(x, "share")), "limit", m.pct0(num(x, "limit")));
            case Recommender.PROVIDER_SPREAD -> m.t("action.provider-spread.title", "count", a.stores().size(),
                    "provider", m.provider((String) x.get("provider")), "to", m.list(providers(x.get("to"))),
                    "share", m.pct0(num(x, "share")), "limit", m.pct0(num(x, "limit")));
            case Recommender.HYGIENE -> m.t("action.hygiene.title", "count", a.identifiers().size());
            default -> a.kind();
        };
    }

    public String detail(Recommender.Action a) {
        Map<String, Object> x = a.args();
        String who = describe(a.replacements());
        return switch (a.kind()) {
            case Recommender.DELINK -> m.t("action.delink.detail", "replacements", who);
            case Recommender.SEPARATE_CLUSTER -> m.t("action.separate-cluster.detail", "replacements", who, "stores", m.list(a.stores()));
            case Recommender.DIVERSIFY -> diversifyDetail(a, x);
            case Recommender.PAYMENT_SPREAD -> m.t("action.payment-spread.detail", "keep", x.get("keep"), "replacements", who);
            case Recommender.PROVIDER_SPREAD -> m.t("action.provider-spread.detail", "replacements", who,
                    "after", m.pct0(num(x, "after")), "share", m.pct0(num(x, "share")));
            case Recommender.HYGIENE -> m.t("action.hygiene.detail", "replacements", who);
            default -> "";
        };
    }

    /** What the store gets of its own instead: "Payoneer account", "IP", "IP range (with its new IP)". */
    public String replaceWith(Recommender.Replacement r) {
        if (r.provider() != null) return m.t("replace.account", "provider", m.provider(r.provider()));
        String type = m.idType(r.type());
        return r.withNewIp() ? m.t("replace.withNewIp", "type", type) : type;
    }

    /** What is replaced, as the masked display says it; a payment account with its provider's name. */
    private String replaced(Recommender.Replacement r) {
        if (r.type().equals("payment")) {
            int colon = r.display().indexOf(':');
            String provider = colon > 0 ? r.display().substring(0, colon) : "other";
            return m.t("replace.account.value", "provider", m.provider(provider), "display", colon > 0 ? r.display().substring(colon + 1) : r.display());
        }
        return m.idType(r.type()) + " " + r.display();
    }

    /** "amazon:US:B takes its own Payoneer account (instead of PayPal account f***@…) and IP (instead of 203.0.113.*): 220 USD; …" */
    String describe(List<Recommender.Replacement> replacements) {
        Map<String, List<Recommender.Replacement>> byStore = new LinkedHashMap<>();
        for (Recommender.Replacement r : replacements) byStore.computeIfAbsent(r.store(), k -> new ArrayList<>()).add(r);
        List<String> parts = new ArrayList<>();
        byStore.forEach((store, list) -> {
            List<String> items = list.stream().filter(r -> r.costUsd() > 0 || !"ip_subnet".equals(r.type()) && !"address_building".equals(r.type()))
                    .map(r -> m.t("replace.item", "with", replaceWith(r), "replaced", r.type().equals("payment") ? replaced(r) : r.display())).toList();
            parts.add(m.t("replace.store", "store", store, "items", m.list(items),
                    "cost", m.money(list.stream().mapToDouble(Recommender.Replacement::costUsd).sum())));
        });
        return String.join(m.t("list.groupSeparator"), parts);
    }

    private String diversifyTitle(Map<String, Object> x) {
        String period = (String) x.get("period");
        String outlook;
        if (Boolean.TRUE.equals(x.get("reachedInOnePeriod"))) {
            outlook = "";
        } else if (x.get("periodsToTarget") != null) {
            outlook = m.t("action.diversify.outlook.reached", "target", m.integer(num(x, "target")),
                    "periods", Fmt.periods(m, period, ((Number) x.get("periodsToTarget")).intValue()));
        } else {
            outlook = m.t("action.diversify.outlook.short", "hhi", m.integer(num(x, "hhiAtHorizon")),
                    "periods", Fmt.periods(m, period, ((Number) x.get("periodsPlanned")).intValue()), "target", m.integer(num(x, "target")));
        }
        return m.t("action.diversify.title", "shift", m.pct0(num(x, "shift")), "from", firstThree(moves(x.get("from"))),
                "to", firstThree(moves(x.get("to"))), "before", m.integer(num(x, "hhiBefore")), "after", m.integer(num(x, "hhiAfter")),
                "outlook", outlook);
    }

    private String diversifyDetail(Recommender.Action a, Map<String, Object> x) {
        String per = Fmt.perPeriod(m, (String) x.get("period"));
        List<String> opened = new ArrayList<>();
        for (Map<String, Object> move : maps(x.get("to"))) {
            if (Boolean.TRUE.equals(move.get("opened"))) {
                opened.add(m.t("action.diversify.opened", "marketplace", move.get("platform") + " " + move.get("marketplace"),
                        "cost", m.money(num(move, "setupCostUsd"))));
            }
        }
        return m.t("action.diversify.detail", "shift", m.pct0(num(x, "maxShift")), "per", per, "growth", m.pct0(num(x, "maxGrowth")),
                "newMarketplaces", x.get("maxNewMarketplaces"),
                "smallest", Boolean.TRUE.equals(x.get("reachedInOnePeriod")) ? m.t("action.diversify.smallest", "target", m.integer(num(x, "target"))) : "",
                "opened", opened.isEmpty() ? "" : m.t("action.diversify.newStores", "stores", m.list(opened)),
                "provider", m.provider((String) x.get("newProvider")));
    }

    /** "amazon US -12%", "walmart US (new) +5%". */
    private List<String> moves(Object list) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> move : maps(list)) {
            double delta = num(move, "delta");
            out.add(m.t(Boolean.TRUE.equals(move.get("opened")) ? "action.diversify.move.new" : "action.diversify.move",
                    "marketplace", move.get("platform") + " " + move.get("marketplace"),
                    "delta", (delta > 0 ? "+" : "") + m.pct0(delta)));
        }
        return out;
    }

    /** "a, b, c and 4 more": the mix lists every marketplace, the title the three that move most. */
    private String firstThree(List<String> parts) {
        if (parts.size() <= 3) return m.list(parts);
        return m.t("list.andMore", "items", String.join(m.t("list.separator"), parts.subList(0, 3)), "more", parts.size() - 3);
    }

    private String cluster(String id) {
        String name = clusterNames.get(id);
        return name == null || name.isEmpty() ? id : name;
    }

    private List<String> providers(Object list) {
        List<String> out = new ArrayList<>();
        if (list instanceof List<?> l) for (Object o : l) out.add(m.provider(String.valueOf(o)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object list) {
        return list instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    private static double num(Map<String, Object> x, String key) {
        Object v = x.get(key);
        return v instanceof Number n ? n.doubleValue() : 0;
    }
}
