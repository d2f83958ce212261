package io.linkscope.collect;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.linkscope.collect.RawPortfolio.Field;
import io.linkscope.collect.RawPortfolio.RawAttribute;
import io.linkscope.collect.RawPortfolio.RawDisclosure;
import io.linkscope.collect.RawPortfolio.RawGeneric;
import io.linkscope.collect.RawPortfolio.RawStore;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the three import formats of spec §1–§2 into a {@link RawPortfolio}. It only reads: every rule
 * about values lives in {@link PortfolioValidator}, so all formats are judged the same way.
 */
public final class PortfolioParser {
    public static final String FORMAT_TAG = "linkscope.portfolio/v1";

    public enum Format {
        JSON, NDJSON, CSV;

        /** Picks the format from a Content-Type, or from a file name's extension. */
        public static Format detect(String contentTypeOrFileName) {
            String s = contentTypeOrFileName == null ? "" : contentTypeOrFileName.toLowerCase(Locale.ROOT);
            if (s.contains("ndjson") || s.contains("x-ndjson") || s.endsWith(".jsonl")) return NDJSON;
            if (s.contains("csv")) return CSV;
            if (s.contains("json")) return JSON;
            return null;
        }
    }

    static final List<String> CSV_REQUIRED = List.of("platform", "marketplace", "store_id");
    static final Set<String> CSV_KNOWN = Set.of("platform", "marketplace", "store_id", "store_name", "legal_entity",
            "status", "monthly_revenue", "currency", "attribute_type", "attribute_value", "first_seen", "last_seen",
            "source", "region", "opened_on", "category");
    private static final Set<String> STORE_FIELDS = Set.of("platform", "marketplace", "storeId", "name",
            "legalEntity", "status", "monthlyRevenue", "openedOn", "attributes", "region", "category");
    private static final Set<String> ATTRIBUTE_FIELDS = Set.of("type", "value", "firstSeen", "lastSeen", "source",
            "region");
    private static final Set<String> DOCUMENT_FIELDS = Set.of("format", "defaultPhoneRegion", "stores",
            "disclosures", "genericIdentifiers");

    /** Duplicate keys are an error: with "last one wins", two tools reading one document would see two portfolios. */
    private final ObjectMapper json = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    public RawPortfolio parse(byte[] body, Format format) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return fatal("document", "not valid UTF-8 text");
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        return switch (format) {
            case JSON -> parseJson(text);
            case NDJSON -> parseNdjson(text);
            case CSV -> parseCsv(text);
        };
    }

    private static RawPortfolio fatal(String location, String reason) {
        return new RawPortfolio(null, List.of(), List.of(), List.of(), List.of(new ImportProblem(location, reason)),
                List.of());
    }

    // ---- JSON -----------------------------------------------------------------------------------------

    private RawPortfolio parseJson(String text) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JsonParseException e) {
            var loc = e.getLocation();
            return fatal("line " + loc.getLineNr() + ", column " + loc.getColumnNr(), "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return fatal("document", "malformed JSON: " + e.getMessage());
        }
        if (!(root instanceof ObjectNode doc)) return fatal("document", "expected a JSON object with a \"stores\" array");
        List<ImportProblem> warnings = new ArrayList<>();
        JsonNode format = doc.get("format");
        if (format != null && !FORMAT_TAG.equals(format.asText())) {
            return fatal("format", "unsupported format \"" + format.asText() + "\"; expected " + FORMAT_TAG);
        }
        unknownFields(doc, DOCUMENT_FIELDS, "", warnings);
        JsonNode stores = doc.get("stores");
        if (stores == null || !stores.isArray()) return fatal("stores", "expected an array of stores");
        List<RawStore> rawStores = new ArrayList<>();
        for (int i = 0; i < stores.size(); i++) {
            rawStores.add(jsonStore(stores.get(i), "stores[" + i + "]", warnings));
        }
        List<RawDisclosure> disclosures = new ArrayList<>();
        JsonNode d = doc.get("disclosures");
        if (d != null && d.isArray()) {
            for (int i = 0; i < d.size(); i++) {
                String loc = "disclosures[" + i + "]";
                List<Field> pair = new ArrayList<>();
                JsonNode s = d.get(i).get("stores");
                if (s != null && s.isArray()) {
                    for (int k = 0; k < s.size(); k++) pair.add(field(s.get(k), loc + ".stores[" + k + "]"));
                }
                disclosures.add(new RawDisclosure(loc, pair, field(d.get(i).get("reason"), loc + ".reason")));
            }
        } else if (d != null && !d.isNull()) {
            return fatal("disclosures", "expected an array");
        }
        List<RawGeneric> generics = new ArrayList<>();
        JsonNode g = doc.get("genericIdentifiers");
        if (g != null && g.isArray()) {
            for (int i = 0; i < g.size(); i++) {
                String loc = "genericIdentifiers[" + i + "]";
                JsonNode n = g.get(i);
                generics.add(new RawGeneric(loc, field(n.get("type"), loc + ".type"), field(n.get("value"), loc),
                        field(n.get("reason"), loc + ".reason"), field(n.get("region"), loc + ".region")));
            }
        } else if (g != null && !g.isNull()) {
            return fatal("genericIdentifiers", "expected an array");
        }
        return new RawPortfolio(text(doc.get("defaultPhoneRegion")), rawStores, disclosures, generics, List.of(),
                warnings);
    }

    private RawStore jsonStore(JsonNode node, String loc, List<ImportProblem> warnings) {
        if (!(node instanceof ObjectNode store)) {
            Field bad = new Field(RawPortfolio.NOT_A_VALUE, loc);
            return new RawStore(loc, bad, bad, bad, null, null, null, null, null, null, null, List.of(), null);
        }
        unknownFields(store, STORE_FIELDS, loc + ".", warnings);
        JsonNode revenue = store.get("monthlyRevenue");
        Field amount;
        Field currency;
        if (revenue != null && revenue.isObject()) {
            amount = field(revenue.get("amount"), loc + ".monthlyRevenue.amount");
            currency = field(revenue.get("currency"), loc + ".monthlyRevenue.currency");
        } else {
            // a bare number is accepted as USD, the spec's default currency
            amount = field(revenue, loc + ".monthlyRevenue");
            currency = new Field(null, loc + ".monthlyRevenue.currency");
        }
        List<RawAttribute> attributes = new ArrayList<>();
        JsonNode attrs = store.get("attributes");
        if (attrs != null && attrs.isArray()) {
            for (int i = 0; i < attrs.size(); i++) {
                String aloc = loc + ".attributes[" + i + "]";
                JsonNode a = attrs.get(i);
                if (a instanceof ObjectNode ao) unknownFields(ao, ATTRIBUTE_FIELDS, aloc + ".", warnings);
                attributes.add(new RawAttribute(aloc, field(a.get("type"), aloc + ".type"), field(a.get("value"), aloc),
                        field(a.get("firstSeen"), aloc + ".firstSeen"), field(a.get("lastSeen"), aloc + ".lastSeen"),
                        field(a.get("source"), aloc + ".source"), field(a.get("region"), aloc + ".region")));
            }
        } else if (attrs != null && !attrs.isNull()) {
            attributes.add(new RawAttribute(loc + ".attributes", new Field(RawPortfolio.NOT_A_VALUE, loc + ".attributes"),
                    null, null, null, null, null));
        }
        return new RawStore(loc, field(store.get("platform"), loc + ".platform"),
                field(store.get("marketplace"), loc + ".marketplace"), field(store.get("storeId"), loc + ".storeId"),
                field(store.get("name"), loc + ".name"), field(store.get("legalEntity"), loc + ".legalEntity"),
                field(store.get("status"), loc + ".status"), amount, currency,
                field(store.get("openedOn"), loc + ".openedOn"), field(store.get("region"), loc + ".region"),
                attributes, field(store.get("category"), loc + ".category"));
    }

    private static void unknownFields(ObjectNode node, Set<String> known, String prefix, List<ImportProblem> warnings) {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) warnings.add(new ImportProblem(prefix + name, "unknown field, ignored"));
        });
    }

    private static Field field(JsonNode node, String location) {
        if (node == null || node.isNull()) return new Field(null, location);
        if (!node.isValueNode()) return new Field(RawPortfolio.NOT_A_VALUE, location);
        return new Field(node.asText(), location);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    // ---- NDJSON ---------------------------------------------------------------------------------------

    private RawPortfolio parseNdjson(String text) {
        List<RawStore> stores = new ArrayList<>();
        List<ImportProblem> warnings = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) continue;
            String loc = "line " + (i + 1);
            try {
                stores.add(jsonStore(json.readTree(line), loc, warnings));
            } catch (JsonParseException e) {
                problems.add(new ImportProblem(loc + ", column " + e.getLocation().getColumnNr(), "malformed JSON: " + e.getOriginalMessage()));
            } catch (IOException e) {
                problems.add(new ImportProblem(loc, "malformed JSON"));
            }
        }
        return new RawPortfolio(null, stores, List.of(), List.of(), problems, warnings);
    }

    // ---- CSV ------------------------------------------------------------------------------------------

    private RawPortfolio parseCsv(String text) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<String> header = parser.getHeaderNames();
            List<ImportProblem> fatal = new ArrayList<>();
            for (int c = 0; c < header.size(); c++) {
                String col = header.get(c).toLowerCase(Locale.ROOT);
                if (!CSV_KNOWN.contains(col)) {
                    fatal.add(new ImportProblem("row 1, column " + (c + 1),
                            "unknown column \"" + header.get(c) + "\" (a sign of a misaligned export); known columns: "
                                    + String.join(",", CSV_KNOWN.stream().sorted().toList())));
                }
            }
            for (String required : CSV_REQUIRED) {
                if (header.stream().noneMatch(h -> h.equalsIgnoreCase(required))) {
                    fatal.add(new ImportProblem("row 1", "missing required column " + required));
                }
            }
            if (!fatal.isEmpty()) return new RawPortfolio(null, List.of(), List.of(), List.of(), fatal, List.of());
            Map<String, String> canonicalHeader = new HashMap<>();
            header.forEach(h -> canonicalHeader.put(h.toLowerCase(Locale.ROOT), h));
            Map<String, CsvStore> stores = new LinkedHashMap<>();
            List<ImportProblem> problems = new ArrayList<>();
            for (CSVRecord record : parser) {
                long row = record.getRecordNumber() + 1; // the header is row 1, as a spreadsheet shows it
                if (!record.isConsistent()) {
                    problems.add(new ImportProblem("row " + row, "has " + record.size() + " cells, header has " + header.size()));
                }
                CsvRow r = new CsvRow(record, row, canonicalHeader);
                String key = r.get("platform").value() + ":" + r.get("marketplace").value() + ":" + r.get("store_id").value();
                CsvStore store = stores.computeIfAbsent(key, k -> new CsvStore(r));
                store.add(r, problems);
            }
            List<RawStore> raw = stores.values().stream().map(CsvStore::toRaw).toList();
            return new RawPortfolio(null, raw, List.of(), List.of(), problems, List.of());
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            return fatal("document", "malformed CSV: " + readable(e));
        }
    }

    /** A CSV library's message without the class names it is wrapped in. */
    private static String readable(Exception e) {
        Throwable cause = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
        String message = cause.getMessage() == null ? "unreadable" : cause.getMessage();
        return message.replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*(?:Exception|Error):\\s*", "");
    }

    private record CsvRow(CSVRecord record, long row, Map<String, String> header) {
        Field get(String column) {
            String name = header.get(column);
            // a spreadsheet's tab is whitespace; every other control character is refused by the validator
            String value = name != null && record.isSet(name) ? record.get(name).replace('\t', ' ') : null;
            return new Field(value == null || value.isEmpty() ? null : value, "row " + row + ", column " + column);
        }
    }

    /** Store columns repeat on every row; the first non-empty value wins and a different one is an error. */
    private static final class CsvStore {
        private static final List<String> COLUMNS = List.of("platform", "marketplace", "store_id", "store_name",
                "legal_entity", "status", "monthly_revenue", "currency", "opened_on", "category");
        private final Map<String, Field> fields = new HashMap<>();
        private final List<RawAttribute> attributes = new ArrayList<>();
        private final long firstRow;
        private long lastRow;

        CsvStore(CsvRow first) {
            this.firstRow = first.row();
        }

        void add(CsvRow r, List<ImportProblem> problems) {
            lastRow = r.row();
            for (String column : COLUMNS) {
                Field f = r.get(column);
                if (!f.present()) continue;
                Field existing = fields.putIfAbsent(column, f);
                if (existing != null && !existing.value().equals(f.value())) {
                    problems.add(new ImportProblem(f.location(),
                            "differs from " + existing.location() + " for the same store (store columns must repeat the same values)"));
                }
            }
            Field type = r.get("attribute_type");
            Field value = r.get("attribute_value");
            if (type.present() || value.present()) {
                String loc = "row " + r.row();
                attributes.add(new RawAttribute(loc, type, new Field(value.value(), loc + ", column attribute_value"),
                        r.get("first_seen"), r.get("last_seen"), r.get("source"), r.get("region")));
            } else if (r.get("region").present()) {
                fields.putIfAbsent("region", r.get("region"));
            }
        }

        RawStore toRaw() {
            String loc = firstRow == lastRow ? "row " + firstRow : "rows " + firstRow + "-" + lastRow;
            return new RawStore(loc, f("platform", loc), f("marketplace", loc), f("store_id", loc), f("store_name", loc),
                    f("legal_entity", loc), f("status", loc), f("monthly_revenue", loc), f("currency", loc),
                    f("opened_on", loc), f("region", loc), attributes, f("category", loc));
        }

        private Field f(String column, String loc) {
            return fields.getOrDefault(column, new Field(null, loc + ", column " + column));
        }
    }
}
