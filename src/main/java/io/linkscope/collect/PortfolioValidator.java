package io.linkscope.collect;

import io.linkscope.collect.RawPortfolio.Field;
import io.linkscope.collect.RawPortfolio.RawAttribute;
import io.linkscope.collect.RawPortfolio.RawStore;
import io.linkscope.config.AppConfig;
import io.linkscope.graph.WriteBatch;
import io.linkscope.normalize.Canonical;
import io.linkscope.normalize.IdentifierHasher;
import io.linkscope.normalize.IdentifierType;
import io.linkscope.normalize.InvalidValueException;
import io.linkscope.normalize.Normalizer;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one validation path of every import (HTTP, file, pull): spec §1 value rules and §3 limits. It turns a
 * {@link RawPortfolio} into a {@link WriteBatch} of canonical, hashed, masked rows plus every problem with
 * its location. Pure and thread-safe; call it off the event loop (it hashes every value).
 */
public final class PortfolioValidator {
    public static final Set<String> KNOWN_PLATFORMS = Set.of("amazon", "ebay", "aliexpress", "walmart", "shopee",
            "lazada", "temu", "tiktok-shop", "etsy", "mercadolibre", "allegro", "shopify", "otto", "cdiscount",
            "rakuten", "coupang", "ozon", "wish");
    public static final Set<String> STATUSES = Set.of("active", "under_review", "suspended", "closed");
    /** Platform regions the spec allows besides ISO 3166-1 alpha-2; UK is how marketplaces name GB. */
    private static final Set<String> REGIONS = Set.of("EU", "NA", "GLOBAL", "UK");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    /** Spaces, underscores and "&" between words of a category become one dash: "Home & Garden" is home-garden. */
    private static final Pattern CATEGORY_SEPARATORS = Pattern.compile("[\\s_&]+");
    /** What a marketplace store id is made of (eBay user ids, Shopify domains, Amazon tokens), and a path segment carries. */
    public static final Pattern STORE_ID = Pattern.compile("[A-Za-z0-9._~*()@+-]{1,128}");
    public static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private final Normalizer normalizer;
    private final IdentifierHasher hasher;
    private final AppConfig.Limits limits;
    private final Map<String, Double> usdPerUnit;

    public PortfolioValidator(Normalizer normalizer, IdentifierHasher hasher, AppConfig config) {
        this.normalizer = normalizer;
        this.hasher = hasher;
        this.limits = config.limits();
        this.usdPerUnit = config.usdPerUnit();
    }

    public static String storeUid(String tenant, String storeKey) {
        return tenant + "|" + storeKey;
    }

    public ValidatedImport validate(String tenant, RawPortfolio raw) {
        List<ImportProblem> errors = new ArrayList<>(raw.fatal());
        List<ImportProblem> warnings = new ArrayList<>(raw.warnings());
        if (!raw.fatal().isEmpty() && raw.stores().isEmpty()) {
            return new ValidatedImport(empty(tenant), errors, warnings, 0, 0, 0);
        }
        if (raw.stores().size() > limits.maxStoresPerDocument()) {
            errors.add(new ImportProblem("stores", "document has " + raw.stores().size()
                    + " stores; the limit maxStoresPerDocument is " + limits.maxStoresPerDocument()));
            return new ValidatedImport(empty(tenant), errors, warnings, raw.stores().size(), 0, 0);
        }
        String defaultRegion = raw.defaultPhoneRegion();
        List<WriteBatch.StoreRow> stores = new ArrayList<>();
        Map<String, Merged> observations = new LinkedHashMap<>();
        Map<String, String> seenKeys = new HashMap<>();
        int storesRejected = 0;
        int attributesRejected = 0;
        int addressesUnstructured = 0;
        text(new Field(defaultRegion, "defaultPhoneRegion"), errors);
        for (RawStore rs : raw.stores()) {
            List<ImportProblem> storeErrors = new ArrayList<>();
            WriteBatch.StoreRow row = storeRow(tenant, rs, storeErrors, warnings);
            if (row != null) {
                String first = seenKeys.putIfAbsent(row.key(), rs.location());
                if (first != null) {
                    storeErrors.add(new ImportProblem(rs.location() + ".storeId",
                            "duplicate store key " + row.key() + " (first at " + first + ")"));
                }
            }
            if (rs.attributes().size() > limits.maxAttributesPerStore()) {
                storeErrors.add(new ImportProblem(rs.location() + ".attributes", "store has " + rs.attributes().size()
                        + " attributes; the limit maxAttributesPerStore is " + limits.maxAttributesPerStore()));
            }
            // a rejected store's attributes are checked too: the reply lists every problem in the document, in order
            String region = rs.region() != null && rs.region().present() ? rs.region().value() : defaultRegion;
            String uid = row == null ? "" : row.uid();
            Map<String, Merged> own = new LinkedHashMap<>();
            List<ImportProblem> attributeErrors = new ArrayList<>();
            for (RawAttribute attribute : rs.attributes()) {
                try {
                    addAttribute(uid, attribute, region, own);
                } catch (Rejected e) {
                    attributeErrors.add(e.problem);
                }
            }
            Canonical entity = null;
            if (row != null && row.legalEntity() != null) {
                // spec §1a: a legal form alone, or punctuation alone, is not a company
                try {
                    entity = normalizer.normalize(IdentifierType.LEGAL_ENTITY, row.legalEntity(), null).get(0);
                } catch (InvalidValueException e) {
                    storeErrors.add(new ImportProblem(rs.legalEntity().location(), "legal_entity: " + e.getMessage()));
                }
            }
            errors.addAll(storeErrors);
            errors.addAll(attributeErrors);
            if (!storeErrors.isEmpty() || row == null) {
                storesRejected++;
                attributesRejected += rs.attributes().size();
                continue;
            }
            attributesRejected += attributeErrors.size();
            stores.add(row);
            observations.putAll(own);
            if (entity != null) merge(observations, row.uid(), entity, null, null, "declared");
        }
        for (Merged m : observations.values()) if (m.canonical.unstructured()) addressesUnstructured++;
        Set<String> documentKeys = seenKeys.keySet();
        List<WriteBatch.DisclosureRow> disclosures = new ArrayList<>();
        for (var d : raw.disclosures()) {
            int before = errors.size();
            d.stores().forEach(f -> text(f, errors));
            text(d.reason(), errors);
            if (errors.size() > before) continue;
            List<String> keys = d.stores().stream().map(Field::value).toList();
            if (keys.size() != 2 || keys.stream().anyMatch(k -> k == null || k.isBlank())) {
                errors.add(new ImportProblem(d.location() + ".stores", "a disclosure names exactly two store keys"));
                continue;
            }
            String a = keys.get(0).strip();
            String b = keys.get(1).strip();
            if (a.equals(b)) {
                errors.add(new ImportProblem(d.location() + ".stores", "a store cannot be disclosed with itself"));
                continue;
            }
            if (!documentKeys.contains(a) || !documentKeys.contains(b)) {
                warnings.add(new ImportProblem(d.location(), "names a store not in this document; it must already exist"));
            }
            String first = a.compareTo(b) < 0 ? a : b;
            String second = a.compareTo(b) < 0 ? b : a;
            disclosures.add(new WriteBatch.DisclosureRow(storeUid(tenant, first), storeUid(tenant, second),
                    d.reason() == null ? null : d.reason().value()));
        }
        List<WriteBatch.GenericRow> generics = new ArrayList<>();
        for (var g : raw.generics()) {
            int before = errors.size();
            for (Field f : new Field[]{g.type(), g.value(), g.reason(), g.region()}) text(f, errors);
            if (errors.size() > before) continue;
            try {
                IdentifierType type = type(g.type(), g.location() + ".type");
                String region = g.region() != null && g.region().present() ? g.region().value() : defaultRegion;
                for (Canonical c : normalize(type, g.value(), region, g.location())) {
                    generics.add(new WriteBatch.GenericRow(hasher.uid(c), c.type().wire(), hasher.hash(c), c.display(),
                            c.cls().wire(), g.reason() == null ? null : g.reason().value()));
                }
            } catch (Rejected e) {
                errors.add(e.problem);
            }
        }
        List<WriteBatch.ObservationRow> rows = observations.values().stream().map(Merged::row).toList();
        WriteBatch batch = new WriteBatch(tenant, stores, rows, disclosures, generics, false);
        return new ValidatedImport(batch, errors, warnings, storesRejected, attributesRejected, addressesUnstructured);
    }

    private static WriteBatch empty(String tenant) {
        return new WriteBatch(tenant, List.of(), List.of(), List.of(), List.of(), false);
    }

    private WriteBatch.StoreRow storeRow(String tenant, RawStore rs, List<ImportProblem> errors,
                                         List<ImportProblem> warnings) {
        for (Field f : new Field[]{rs.platform(), rs.marketplace(), rs.storeId(), rs.name(), rs.legalEntity(), rs.status(),
                rs.revenueAmount(), rs.currency(), rs.openedOn(), rs.region(), rs.category()}) {
            text(f, errors);
        }
        if (!errors.isEmpty()) return null;
        String platform = required(rs.platform(), "platform", errors);
        String marketplace = required(rs.marketplace(), "marketplace", errors);
        String storeId = required(rs.storeId(), "storeId", errors);
        if (platform != null) {
            platform = platform.toLowerCase(Locale.ROOT);
            if (!SLUG.matcher(platform).matches()) {
                errors.add(new ImportProblem(rs.platform().location(), "platform must be a lowercase slug such as amazon or tiktok-shop"));
                platform = null;
            } else if (!KNOWN_PLATFORMS.contains(platform)) {
                warnings.add(new ImportProblem(rs.platform().location(), "unknown platform \"" + platform + "\", accepted"));
            }
        }
        if (marketplace != null) {
            marketplace = marketplace.toUpperCase(Locale.ROOT);
            if (!COUNTRIES.contains(marketplace) && !REGIONS.contains(marketplace)) {
                errors.add(new ImportProblem(rs.marketplace().location(),
                        "marketplace must be an ISO 3166-1 alpha-2 code or EU, NA, GLOBAL"));
                marketplace = null;
            }
        }
        if (storeId != null && !STORE_ID.matcher(storeId).matches()) {
            errors.add(new ImportProblem(rs.storeId().location(), "storeId must be 1–128 letters, digits or . _ - ~ * ( ) @ +"
                    + " (the characters a store key in an API path can carry)"));
            storeId = null;
        }
        String status = "active";
        if (present(rs.status())) {
            status = rs.status().value().strip().toLowerCase(Locale.ROOT);
            if (!STATUSES.contains(status)) {
                errors.add(new ImportProblem(rs.status().location(), "status must be one of active, under_review, suspended, closed"));
            }
        }
        Double amount = null;
        String currency = null;
        Double usd = null;
        if (present(rs.revenueAmount())) {
            try {
                amount = Double.parseDouble(rs.revenueAmount().value().strip());
                if (amount < 0 || amount.isNaN() || amount.isInfinite()) {
                    errors.add(new ImportProblem(rs.revenueAmount().location(), "monthly revenue must be a number ≥ 0"));
                }
            } catch (NumberFormatException e) {
                errors.add(new ImportProblem(rs.revenueAmount().location(), "monthly revenue must be a number ≥ 0"));
            }
            currency = present(rs.currency()) ? rs.currency().value().strip().toUpperCase(Locale.ROOT) : "USD";
            Double rate = usdPerUnit.get(currency);
            if (rate == null) {
                errors.add(new ImportProblem(rs.currency().location(), "unknown currency \"" + currency
                        + "\"; configured currencies: " + String.join(" ", usdPerUnit.keySet().stream().sorted().toList())));
            } else if (amount != null) {
                usd = amount * rate;
                if (usd > limits.maxMonthlyRevenueUsd()) {
                    errors.add(new ImportProblem(rs.revenueAmount().location(), String.format(Locale.ROOT,
                            "monthly revenue is above the limit maxMonthlyRevenueUsd of %,.0f USD a month", limits.maxMonthlyRevenueUsd())));
                    usd = null;
                }
            }
        } else if (present(rs.currency())) {
            errors.add(new ImportProblem(rs.revenueAmount().location(), "a currency is given without an amount"));
        }
        String openedOn = null;
        if (present(rs.openedOn())) {
            try {
                openedOn = LocalDate.parse(rs.openedOn().value().strip()).toString();
            } catch (DateTimeParseException e) {
                errors.add(new ImportProblem(rs.openedOn().location(), "openedOn must be an ISO date such as 2021-03-15"));
            }
        }
        if (rs.region() != null && present(rs.region()) && !COUNTRIES.contains(rs.region().value().strip().toUpperCase(Locale.ROOT))) {
            errors.add(new ImportProblem(rs.region().location(), "region must be an ISO 3166-1 alpha-2 code"));
        }
        String category = null;
        if (rs.category() != null && present(rs.category())) {
            category = CATEGORY_SEPARATORS.matcher(rs.category().value().strip().toLowerCase(Locale.ROOT)).replaceAll("-");
            if (!SLUG.matcher(category).matches()) {
                errors.add(new ImportProblem(rs.category().location(),
                        "category must be a short slug such as home-garden or electronics (letters, digits, dashes; at most 40)"));
            }
        }
        if (!errors.isEmpty() || platform == null || marketplace == null || storeId == null) return null;
        String key = platform + ":" + marketplace + ":" + storeId;
        return new WriteBatch.StoreRow(storeUid(tenant, key), key, platform, marketplace, storeId,
                text(rs.name()), text(rs.legalEntity()), status, amount, currency, usd, openedOn, category);
    }

    private void addAttribute(String storeUid, RawAttribute a, String storeRegion, Map<String, Merged> out) throws Rejected {
        for (Field f : new Field[]{a.type(), a.value(), a.firstSeen(), a.lastSeen(), a.source(), a.region()}) {
            String problem = f == null || RawPortfolio.NOT_A_VALUE.equals(f.value()) ? null : TextRules.problem(f.value(), limits.maxTextLength());
            if (problem != null) throw new Rejected(f.location(), problem);
        }
        IdentifierType type = type(a.type(), a.location());
        if (!type.declarable()) {
            throw new Rejected(a.type().location(), "attribute type " + type.wire() + " is derived, not declared");
        }
        String region = a.region() != null && present(a.region()) ? a.region().value() : storeRegion;
        Instant first = instant(a.firstSeen());
        Instant last = instant(a.lastSeen());
        if (first != null && last != null && first.isAfter(last)) {
            throw new Rejected(a.lastSeen().location(), "lastSeen is before firstSeen");
        }
        String source = a.source() != null && present(a.source()) ? a.source().value().strip() : null;
        for (Canonical c : normalize(type, a.value(), region, a.value() == null ? a.location() : a.value().location())) {
            merge(out, storeUid, c, first, last, source);
        }
    }

    private List<Canonical> normalize(IdentifierType type, Field value, String region, String location) throws Rejected {
        if (value == null || !present(value)) throw new Rejected(location, "value is missing");
        if (RawPortfolio.NOT_A_VALUE.equals(value.value())) throw new Rejected(location, "value must be text");
        try {
            return normalizer.normalize(type, value.value(), region == null ? null : region.strip().toUpperCase(Locale.ROOT));
        } catch (InvalidValueException e) {
            throw new Rejected(location, type.wire() + ": " + e.getMessage());
        }
    }

    private static IdentifierType type(Field type, String location) throws Rejected {
        if (type == null || !present(type)) throw new Rejected(location, "attribute type is missing");
        return IdentifierType.fromWire(type.value()).orElseThrow(() -> new Rejected(type.location(),
                "unknown attribute type \"" + type.value().strip() + "\"; expected one of ip email phone payment "
                        + "bank_account card address device tax_id person domain legal_entity"));
    }

    private void merge(Map<String, Merged> out, String storeUid, Canonical c, Instant first, Instant last, String source) {
        String uid = hasher.uid(c);
        out.computeIfAbsent(storeUid + "\u0000" + uid, k -> new Merged(storeUid, uid, c, hasher.hash(c), hasher.notation(c)))
                .add(first, last, source);
    }

    private static Instant instant(Field f) throws Rejected {
        if (f == null || !present(f)) return null;
        String s = f.value().strip();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                throw new Rejected(f.location(), "must be an ISO-8601 instant such as 2026-09-01T08:00:00Z");
            }
        }
    }

    /** Adds the text-rule problem of a field, if any (see {@link TextRules}). */
    private void text(Field f, List<ImportProblem> errors) {
        if (f == null || RawPortfolio.NOT_A_VALUE.equals(f.value())) return;
        String problem = TextRules.problem(f.value(), limits.maxTextLength());
        if (problem != null) errors.add(new ImportProblem(f.location(), problem));
    }

    private static String required(Field f, String name, List<ImportProblem> errors) {
        if (f == null) return null;
        if (RawPortfolio.NOT_A_VALUE.equals(f.value())) {
            errors.add(new ImportProblem(f.location(), name.equals("storeId") && f.location().startsWith("line")
                    ? "not a JSON store object" : name + " must be text"));
            return null;
        }
        if (!present(f)) {
            errors.add(new ImportProblem(f.location(), name + " is required"));
            return null;
        }
        return f.value().strip();
    }

    private static String text(Field f) {
        return f != null && present(f) && !RawPortfolio.NOT_A_VALUE.equals(f.value()) ? f.value().strip() : null;
    }

    private static boolean present(Field f) {
        return f != null && f.present();
    }

    /** Several mentions of one identifier by one store become one observation: windows widen, sources join. */
    private static final class Merged {
        final String store;
        final String uid;
        final Canonical canonical;
        final String hash;
        final String notation;
        Instant first;
        Instant last;
        boolean current;
        long count;
        final Set<String> sources = new LinkedHashSet<>();

        Merged(String store, String uid, Canonical canonical, String hash, String notation) {
            this.store = store;
            this.uid = uid;
            this.canonical = canonical;
            this.hash = hash;
            this.notation = notation;
        }

        void add(Instant f, Instant l, String source) {
            count++;
            if (f != null && (first == null || f.isBefore(first))) first = f;
            if (l != null && (last == null || l.isAfter(last))) last = l;
            if (f == null && l == null) current = true;
            if (source != null) sources.add(source);
        }

        WriteBatch.ObservationRow row() {
            return new WriteBatch.ObservationRow(store, uid, canonical.type().wire(), hash, canonical.display(),
                    canonical.cls().wire(), canonical.provider(), utc(first), utc(last), current, count,
                    List.copyOf(sources), notation, notation == null ? null : canonical.display());
        }

        private static ZonedDateTime utc(Instant i) {
            return i == null ? null : i.atZone(ZoneOffset.UTC);
        }
    }

    private static final class Rejected extends Exception {
        final ImportProblem problem;

        Rejected(String location, String reason) {
            super(reason, null, false, false);
            this.problem = new ImportProblem(location, reason);
        }
    }
}
