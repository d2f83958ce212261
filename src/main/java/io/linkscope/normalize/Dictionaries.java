package io.linkscope.normalize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The word lists behind match keys, read once from {@code src/main/resources/normalize/*.tsv} (data, not code:
 * adding a legal form, an industry word or a city is an edit of a text file). Latin variants are stored as
 * their letters and digits joined; Chinese ones as written (Simplified).
 */
final class Dictionaries {
    /** A place of a company name or an address. */
    record Place(String canonical, String level, String country) {
        int rank() {
            return switch (level) {
                case "city" -> 0;
                case "province" -> 1;
                default -> 2;
            };
        }
    }

    /** Legal-form family by variant. */
    final Map<String, String> legalForms = new HashMap<>();
    /** Industry word by variant. */
    final Map<String, String> industries = new HashMap<>();
    /** Place by variant (Chinese variants also with their 市 / 省 suffix). */
    final Map<String, Place> places = new HashMap<>();
    /** Address role (street, number, unit, building, …) by variant. */
    final Map<String, String> addressWords = new HashMap<>();
    /** The longest variant of each list, in tokens joined (Latin) or characters (Chinese). */
    final int longestLatin = 6;
    int longestHan;

    private static final Dictionaries INSTANCE = new Dictionaries();

    static Dictionaries get() {
        return INSTANCE;
    }

    private Dictionaries() {
        for (String[] row : rows("legal-forms.tsv")) for (String v : row[1].split("\\|")) legalForms.put(v, row[0]);
        for (String[] row : rows("industries.tsv")) for (String v : row[1].split("\\|")) industries.put(v, row[0]);
        for (String[] row : rows("places.tsv")) {
            Place p = new Place(row[1], row[0], row[2]);
            for (String v : row[3].split("\\|")) {
                places.putIfAbsent(v, p);
                if (Hanzi.containsHan(v)) {
                    places.putIfAbsent(v + ("province".equals(p.level()) ? "省" : "市"), p);
                }
            }
        }
        for (String[] row : rows("address-words.tsv")) for (String v : row[1].split("\\|")) addressWords.putIfAbsent(v, row[0]);
        int han = 0;
        for (Map<String, ?> m : List.of(legalForms, industries, places, addressWords)) {
            for (String k : m.keySet()) if (Hanzi.containsHan(k)) han = Math.max(han, k.length());
        }
        longestHan = han;
    }

    private static List<String[]> rows(String name) {
        String path = "/normalize/" + name;
        try (InputStream in = Dictionaries.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing dictionary " + path);
            List<String[]> rows = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                rows.add(line.strip().split("\t"));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
