package io.linkscope.normalize;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The match key of a company name (spec §1a): place + brand + industry + legal form, each in one spelling.
 * Legal forms fold into families ({@code Co., Ltd.} = {@code Company Limited} = {@code 有限公司}), industry words
 * into one word per language pair ({@code Trading} = {@code 贸易}), places into their pinyin name wherever they
 * stand (before, in brackets, in Chinese), and the brand into pinyin letters without spaces ({@code 华信} =
 * {@code Hua Xin} = {@code HUAXIN}). What is left after places, industries and forms is the brand: one syllable
 * apart is another brand ({@code huaxin} ≠ {@code huaxing}).
 */
final class CompanyKey {
    private static final Set<String> NOISE = Set.of("and", "the", "of");
    /** "Shenzhen City" is a place; "Shenzhen Shi", "Foshan Sheng Jia" are as often a brand syllable: kept. */
    private static final Set<String> AFTER_PLACE = Set.of("city", "province");

    private CompanyKey() {
    }

    /** @return the key, or null when nothing but a legal form, punctuation or noise is left */
    static String of(String name) {
        Dictionaries d = Dictionaries.get();
        List<Tokens.Token> tokens = Tokens.of(name);
        List<Dictionaries.Place> places = new ArrayList<>();
        List<int[]> placeAt = new ArrayList<>(); // token index of each Latin place, 1 when in brackets
        Set<String> industries = new TreeSet<>();
        String form = "";
        StringBuilder brand = new StringBuilder();
        boolean afterPlace = false;
        for (int i = 0; i < tokens.size(); ) {
            Tokens.Token t = tokens.get(i);
            if (t.kind() == Tokens.Kind.HAN) {
                form = han(t.text(), d, places, placeAt, industries, brand, form);
                afterPlace = false;
                i++;
                continue;
            }
            if (t.kind() != Tokens.Kind.WORD && t.kind() != Tokens.Kind.NUM) {
                i++;
                continue;
            }
            // longest run of consecutive words (breaks and dots between them ignored) found in a dictionary
            int matched = 0;
            String kind = null, value = null;
            StringBuilder joined = new StringBuilder();
            List<Integer> ends = new ArrayList<>();
            for (int j = i; j < tokens.size() && ends.size() < d.longestLatin; j++) {
                Tokens.Token u = tokens.get(j);
                if (u.kind() == Tokens.Kind.BREAK || u.kind() == Tokens.Kind.HASH) continue;
                if (u.kind() != Tokens.Kind.WORD && u.kind() != Tokens.Kind.NUM) break;
                if (NOISE.contains(u.text()) && j > i) continue; // "Import and Export"
                joined.append(u.text());
                ends.add(j + 1);
                String key = joined.toString();
                if (d.legalForms.containsKey(key)) { matched = j + 1 - i; kind = "form"; value = d.legalForms.get(key); }
                else if (d.industries.containsKey(key)) { matched = j + 1 - i; kind = "industry"; value = d.industries.get(key); }
                else if (d.places.containsKey(key)) { matched = j + 1 - i; kind = "place"; value = key; }
            }
            if (matched == 0) {
                if (NOISE.contains(t.text()) || afterPlace && AFTER_PLACE.contains(t.text())) {
                    i++;
                    afterPlace = false;
                    continue;
                }
                brand.append(t.text());
                afterPlace = false;
                i++;
                continue;
            }
            switch (kind) {
                case "form" -> form = value;
                case "industry" -> industries.add(value);
                default -> {
                    places.add(d.places.get(value));
                    boolean bracketed = i > 0 && tokens.get(i - 1).text().equals("(");
                    placeAt.add(new int[]{places.size() - 1, i, bracketed ? 1 : 0, brand.length()});
                }
            }
            afterPlace = "place".equals(kind);
            i += matched;
        }
        if (brand.isEmpty() && placeAt.size() >= 2) {
            // two cities and no brand: a brand that reads as a city ("Guangzhou Jia Xing Household", 义乌金华). The
            // place is the one in brackets, else the one written first; the other is the brand.
            int[] placed = placeAt.stream().filter(p -> p[2] == 1).findFirst().orElse(placeAt.get(0));
            int[] brandPlace = placeAt.stream().filter(p -> p != placed).findFirst().orElseThrow();
            brand.append(places.get(brandPlace[0]).canonical());
            places.remove(brandPlace[0]);
        }
        String place = place(places);
        if (brand.isEmpty() && industries.isEmpty() && place.isEmpty()) return null;
        return "c1|" + place + "|" + brand + "|" + String.join("+", industries) + "|" + form;
    }

    /** Forward longest match of a hanzi run against the dictionaries; what matches nothing is brand. */
    private static String han(String run, Dictionaries d, List<Dictionaries.Place> places, List<int[]> placeAt,
                              Set<String> industries, StringBuilder brand, String form) {
        StringBuilder pending = new StringBuilder();
        for (int i = 0; i < run.length(); ) {
            int found = 0;
            for (int len = Math.min(d.longestHan, run.length() - i); len >= 1; len--) {
                String w = run.substring(i, i + len);
                if (d.legalForms.containsKey(w) || d.industries.containsKey(w) || d.places.containsKey(w)) {
                    found = len;
                    break;
                }
            }
            if (found == 0) {
                pending.append(run.charAt(i++));
                continue;
            }
            if (!pending.isEmpty()) {
                brand.append(Hanzi.pinyin(pending.toString()));
                pending.setLength(0);
            }
            String w = run.substring(i, i + found);
            if (d.legalForms.containsKey(w)) form = d.legalForms.get(w);
            else if (d.industries.containsKey(w)) industries.add(d.industries.get(w));
            else {
                places.add(d.places.get(w));
                placeAt.add(new int[]{places.size() - 1, 0, 0, brand.length()});
            }
            i += found;
        }
        if (!pending.isEmpty()) brand.append(Hanzi.pinyin(pending.toString()));
        return form;
    }

    /** The most precise level named: the cities, else the province, else the country. */
    private static String place(List<Dictionaries.Place> places) {
        if (places.isEmpty()) return "";
        int best = places.stream().mapToInt(Dictionaries.Place::rank).min().orElse(2);
        Set<String> names = new TreeSet<>();
        for (Dictionaries.Place p : places) if (p.rank() == best) names.add(p.canonical());
        return String.join("+", names);
    }
}
