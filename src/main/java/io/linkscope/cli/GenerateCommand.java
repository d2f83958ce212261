package io.linkscope.cli;

import io.linkscope.collect.PortfolioParser;
import io.linkscope.collect.RawPortfolio;
import io.linkscope.collect.SyntheticPortfolio;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code generate}: a synthetic portfolio file (the generator behind {@code eval} and {@code bench}), for load
 * tests and trying the tool on realistic volumes. Identifiers are made up; no real person's data.
 */
@Command(name = "generate", description = "Write a synthetic portfolio document (JSON) with realistic linkage.")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--stores", defaultValue = "1000", description = "stores (default ${DEFAULT-VALUE})")
    int stores;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = {"-o", "--output"}, required = true, description = "file to write")
    Path output;

    @Override
    public Integer call() throws IOException {
        if (stores < 1 || stores > 1_000_000) throw new Main.UserError("--stores must be between 1 and 1,000,000");
        RawPortfolio p = SyntheticPortfolio.generate(seed, SyntheticPortfolio.Options.forEval(stores)).portfolio();
        Files.writeString(output, document(p).encode(), StandardCharsets.UTF_8);
        System.err.printf("wrote %d stores to %s%n", p.stores().size(), output);
        return 0;
    }

    public static JsonObject document(RawPortfolio p) {
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
