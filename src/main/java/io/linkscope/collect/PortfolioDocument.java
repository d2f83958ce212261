package io.linkscope.collect;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A portfolio read back into the JSON document of spec §1 (the generator writes its portfolios this way). */
public final class PortfolioDocument {
    private PortfolioDocument() {
    }

    public static JsonObject of(RawPortfolio p) {
        JsonArray stores = new JsonArray();
        for (RawPortfolio.RawStore s : p.stores()) {
            JsonObject store = new JsonObject();
            put(store, "platform", s.platform());
            put(store, "marketplace", s.marketplace());
            put(store, "storeId", s.storeId());
            put(store, "name", s.name());
            put(store, "legalEntity", s.legalEntity());
            put(store, "status", s.status());
            put(store, "openedOn", s.openedOn());
            if (s.category() != null) put(store, "category", s.category());
            if (s.revenueAmount().present()) {
                JsonObject revenue = new JsonObject().put("amount", Double.parseDouble(s.revenueAmount().value()));
                if (s.currency().present()) revenue.put("currency", s.currency().value());
                store.put("monthlyRevenue", revenue);
            }
            JsonArray attributes = new JsonArray();
            for (RawPortfolio.RawAttribute a : s.attributes()) {
                JsonObject attribute = new JsonObject();
                put(attribute, "type", a.type());
                put(attribute, "value", a.value());
                put(attribute, "firstSeen", a.firstSeen());
                put(attribute, "lastSeen", a.lastSeen());
                put(attribute, "source", a.source());
                attributes.add(attribute);
            }
            stores.add(store.put("attributes", attributes));
        }
        JsonArray generics = new JsonArray();
        for (RawPortfolio.RawGeneric g : p.generics()) {
            JsonObject generic = new JsonObject();
            put(generic, "type", g.type());
            put(generic, "value", g.value());
            put(generic, "reason", g.reason());
            generics.add(generic);
        }
        JsonObject doc = new JsonObject().put("format", PortfolioParser.FORMAT_TAG).put("stores", stores);
        if (p.defaultPhoneRegion() != null) doc.put("defaultPhoneRegion", p.defaultPhoneRegion());
        if (!generics.isEmpty()) doc.put("genericIdentifiers", generics);
        return doc;
    }

    private static void put(JsonObject o, String name, RawPortfolio.Field f) {
        if (f != null && f.present()) o.put(name, f.value());
    }
}
