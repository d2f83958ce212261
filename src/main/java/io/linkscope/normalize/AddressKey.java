package io.linkscope.normalize;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The match key of a postal address (spec §1a): country + city (or postcode when no known city is named) +
 * street + number + building + unit, in any order and either script. {@code Rd} = {@code Road} = {@code 路},
 * {@code Rm} = {@code Room} = {@code 室}, {@code Suite} = {@code Unit} = {@code #}, {@code Bldg} = {@code Block} =
 * {@code 栋}, {@code No. 88} = {@code 88号}; Chinese names are read as pinyin, so {@code 新华路} is Xinhua Road.
 * Floor, district and province are read and left out of the key: one notation names them, another does not.
 * An address without a street and a number is not structured: the caller keeps its folded form as key.
 */
final class AddressKey {
    /** A structured address: its key and the coarser key of its building (the same without the unit). */
    record Parsed(String key, String building, String locality, String country) {
    }

    private enum Role { WORD, NUM, BREAK, STREET, NUMBER, UNIT, BUILDING, BUILDING_NAME, FLOOR, DISTRICT, CITY, PROVINCE }

    private static final class Tok {
        final Role role;
        final String text;
        final boolean han;
        Dictionaries.Place place;
        boolean claimed;

        Tok(Role role, String text, boolean han) {
            this.role = role;
            this.text = text;
            this.han = han;
        }
    }

    private static final Set<String> ORDINALS = Set.of("st", "nd", "rd", "th");

    private AddressKey() {
    }

    /** @return the parsed address, or null when it has no street with a number (see the class comment) */
    static Parsed of(String address) {
        Dictionaries d = Dictionaries.get();
        List<Tok> toks = tokens(Tokens.of(address), d);
        String unit = null, building = null, number = null, street = null, city = null;
        String buildingName = null;
        // numbers first: a marker takes the number beside it (Chinese markers follow it, Latin ones mostly precede)
        for (Role wanted : new Role[]{Role.UNIT, Role.BUILDING, Role.NUMBER, Role.FLOOR}) {
            for (int i = 0; i < toks.size(); i++) {
                Tok t = toks.get(i);
                if (t.role != wanted) continue;
                boolean postfix = t.han || wanted == Role.FLOOR && t.text.equals("f");
                boolean letters = wanted == Role.UNIT || wanted == Role.BUILDING;
                Tok v = postfix ? value(toks, i - 1, letters) : value(toks, i + 1, letters);
                if (v == null) v = postfix ? value(toks, i + 1, false) : value(toks, i - 1, false);
                if (v == null) continue;
                v.claimed = true;
                t.claimed = true;
                String n = number(v.text);
                switch (wanted) {
                    case UNIT -> { if (unit == null) unit = n; }
                    case BUILDING -> { if (building == null) building = n; }
                    case NUMBER -> { if (number == null) number = n; }
                    default -> { }
                }
            }
        }
        // names: a street, district, city or building word takes the words just before it
        int streetAt = -1, streetFrom = -1;
        for (int i = 0; i < toks.size(); i++) {
            Tok t = toks.get(i);
            if (t.role != Role.STREET && t.role != Role.DISTRICT && t.role != Role.CITY && t.role != Role.PROVINCE
                    && t.role != Role.BUILDING_NAME) continue;
            int from = i;
            Tok prev = i > 0 ? toks.get(i - 1) : null;
            boolean placeNamed = (t.role == Role.CITY || t.role == Role.PROVINCE) && prev != null && prev.place != null;
            if (placeNamed && !prev.claimed) from = i - 1;
            // a name stops at a place: "Shenzhen Futian District" is a city and a district
            else while (from > 0 && toks.get(from - 1).role == Role.WORD && !toks.get(from - 1).claimed
                    && toks.get(from - 1).place == null) from--;
            if (from == i) continue;
            StringBuilder name = new StringBuilder();
            for (int k = from; k < i; k++) {
                Tok w = toks.get(k);
                w.claimed = true;
                name.append(w.place != null ? w.place.canonical() : w.text);
            }
            t.claimed = true;
            switch (t.role) {
                case STREET -> {
                    if (street == null) {
                        street = name.toString();
                        streetAt = i;
                        streetFrom = from;
                    }
                }
                case CITY -> {
                    if (city == null) {
                        Dictionaries.Place p = d.places.get(name.toString());
                        city = p != null ? p.canonical() : name.toString();
                    }
                }
                case BUILDING_NAME -> { if (buildingName == null) buildingName = name.toString(); }
                default -> { }
            }
        }
        if (street == null) return null;
        if (number == null) {
            Tok before = streetFrom > 0 ? toks.get(streetFrom - 1) : null;
            Tok after = streetAt + 1 < toks.size() ? toks.get(streetAt + 1) : null;
            if (before != null && before.role == Role.NUM && !before.claimed) {
                number = number(before.text);
                before.claimed = true;
            } else if (after != null && after.role == Role.NUM && !after.claimed) {
                number = number(after.text);
                after.claimed = true;
            }
        }
        if (number == null) return null;
        if (building == null && buildingName != null) building = buildingName;
        String country = null, postcode = null;
        boolean han = false;
        for (Tok t : toks) {
            han |= t.han;
            if (t.place != null && !t.claimed) {
                if ("country".equals(t.place.level())) { if (country == null) country = t.place.country(); }
                else if ("city".equals(t.place.level()) && city == null) city = t.place.canonical();
            }
            if (t.role == Role.NUM && !t.claimed && postcode == null && (t.text.length() == 5 || t.text.length() == 6)) {
                postcode = t.text;
            }
        }
        if (country == null && city != null) {
            Dictionaries.Place p = d.places.get(city);
            if (p != null) country = p.country();
        }
        if (country == null && han) country = "CN";
        if (country == null) country = "";
        String locality = city != null ? city : postcode != null ? postcode : "";
        String base = country + "|" + locality + "|" + street + "|" + number + "|" + (building == null ? "" : building);
        return new Parsed("a1|" + base + "|" + (unit == null ? "" : unit), "b1|" + base, locality, country);
    }

    /**
     * The shape of a notation with what identifies starred: address words, places and countries stay, names and
     * numbers do not ({@code rm ** bldg ** ** *** rd *** dist shenzhen ** china}, {@code 深圳市**区**路**号**栋**室}),
     * so two notations of one office can be shown side by side without showing the office.
     */
    static String masked(String address) {
        Dictionaries d = Dictionaries.get();
        StringBuilder b = new StringBuilder();
        Tokens.Kind prev = null;
        for (Tokens.Token t : Tokens.of(address)) {
            // Chinese is written without spaces: none between hanzi and the numbers they count
            boolean joined = prev == Tokens.Kind.HAN || t.kind() == Tokens.Kind.HAN && prev == Tokens.Kind.NUM;
            prev = t.kind();
            if (joined && t.kind() == Tokens.Kind.NUM) {
                b.append("**");
                continue;
            }
            if (joined && t.kind() == Tokens.Kind.HAN && !b.isEmpty() && b.charAt(b.length() - 1) == ' ') b.setLength(b.length() - 1);
            switch (t.kind()) {
                case NUM -> space(b).append("**");
                case BREAK -> b.append(',');
                case HASH -> space(b).append('#');
                case WORD -> space(b).append(d.addressWords.containsKey(t.text()) || d.places.containsKey(t.text()) ? t.text() : "***");
                case HAN -> {
                    if (!joined) space(b);
                    String run = t.text();
                    boolean starred = false;
                    for (int i = 0; i < run.length(); ) {
                        int found = knownAt(run, i, d);
                        if (found == 0) {
                            if (!starred) b.append("**");
                            starred = true;
                            i++;
                        } else {
                            b.append(run, i, i + found);
                            starred = false;
                            i += found;
                        }
                    }
                }
            }
        }
        return b.toString().strip();
    }

    private static StringBuilder space(StringBuilder b) {
        if (!b.isEmpty() && b.charAt(b.length() - 1) != ' ') b.append(' ');
        return b;
    }

    private static Tok value(List<Tok> toks, int i, boolean letters) {
        if (i < 0 || i >= toks.size()) return null;
        Tok t = toks.get(i);
        if (t.claimed) return null;
        if (t.role == Role.NUM) return t;
        // a letter is a building or a unit (Block F, F座): "f" reads as a floor only where no such marker claims it
        if (letters && (t.role == Role.WORD || t.role == Role.FLOOR) && t.text.length() == 1 && t.place == null) return t;
        return null;
    }

    /** Leading zeros do not make another number. */
    private static String number(String n) {
        int i = 0;
        while (i < n.length() - 1 && n.charAt(i) == '0') i++;
        return n.substring(i);
    }

    private static List<Tok> tokens(List<Tokens.Token> in, Dictionaries d) {
        List<Tok> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            Tokens.Token t = in.get(i);
            switch (t.kind()) {
                case NUM -> out.add(new Tok(Role.NUM, t.text(), false));
                case BREAK -> out.add(new Tok(Role.BREAK, ",", false));
                case HASH -> out.add(new Tok(Role.UNIT, "#", false));
                case HAN -> han(t.text(), d, out);
                case WORD -> {
                    // places and countries may span words: "Hong Kong", "Shen Zhen", "People's Republic of China"
                    StringBuilder joined = new StringBuilder();
                    int matched = 0;
                    Dictionaries.Place place = null;
                    for (int j = i; j < in.size() && j - i < d.longestLatin && in.get(j).kind() == Tokens.Kind.WORD; j++) {
                        joined.append(in.get(j).text());
                        Dictionaries.Place p = d.places.get(joined.toString());
                        if (p != null) {
                            matched = j + 1 - i;
                            place = p;
                        }
                    }
                    if (place != null && matched > 1) {
                        Tok w = new Tok(Role.WORD, joined.substring(0, lengthOf(in, i, matched)), false);
                        w.place = place;
                        out.add(w);
                        i += matched - 1;
                        continue;
                    }
                    out.add(latin(t.text(), out, d));
                }
            }
        }
        // a place name before a street word is a street name (西安路, Xi'an Road)
        for (int i = 0; i + 1 < out.size(); i++) {
            Tok t = out.get(i);
            Role next = out.get(i + 1).role;
            if (t.place != null && (next == Role.STREET || next == Role.BUILDING_NAME)) t.place = null;
        }
        return out;
    }

    private static int lengthOf(List<Tokens.Token> in, int from, int count) {
        int n = 0;
        for (int k = from; k < from + count; k++) n += in.get(k).text().length();
        return n;
    }

    private static Tok latin(String w, List<Tok> before, Dictionaries d) {
        Tok prev = before.isEmpty() ? null : before.get(before.size() - 1);
        if (ORDINALS.contains(w) && prev != null && prev.role == Role.NUM && ordinal(prev.text, w)) {
            return new Tok(Role.BREAK, w, false); // 3rd Floor: the suffix of a number, not a road
        }
        String role = d.addressWords.get(w);
        boolean pinyin = role != null && role.endsWith("_pinyin");
        if (pinyin) {
            // lu, hao, dong are syllables of names too: a role word only right after a name or a number
            role = role.substring(0, role.length() - "_pinyin".length());
            boolean numbered = role.equals("number") || role.equals("building") || role.equals("unit") || role.equals("floor");
            boolean afterValue = prev != null && (prev.role == (numbered ? Role.NUM : Role.WORD)
                    || numbered && (prev.role == Role.WORD || prev.role == Role.FLOOR) && prev.text.length() == 1); // A Zuo: block A
            if (!afterValue) role = null;
        }
        Role r = role == null ? null : roleOf(role);
        if (r == Role.BREAK && "ordinal".equals(role)) r = null;
        if (r == Role.FLOOR && w.length() == 1 && prev != null && (prev.role == Role.BUILDING || prev.role == Role.UNIT)) {
            return new Tok(Role.WORD, w, false); // Block F: a building letter, not a floor
        }
        // a pinyin role word is Chinese word order written in Latin letters: it follows its number (5 Dong)
        if (r != null) return new Tok(r, w, pinyin);
        Tok word = new Tok(Role.WORD, w, false);
        word.place = d.places.get(w);
        return word;
    }

    private static boolean ordinal(String digits, String suffix) {
        int n = digits.charAt(digits.length() - 1) - '0';
        boolean teen = digits.length() > 1 && digits.charAt(digits.length() - 2) == '1';
        String expected = teen ? "th" : n == 1 ? "st" : n == 2 ? "nd" : n == 3 ? "rd" : "th";
        return expected.equals(suffix);
    }

    /** The role an address-word dictionary entry gives a token ({@code noise}, {@code ordinal}: a break), or null. */
    private static Role roleOf(String name) {
        return switch (name) {
            case "street" -> Role.STREET;
            case "number" -> Role.NUMBER;
            case "unit" -> Role.UNIT;
            case "building" -> Role.BUILDING;
            case "building_name" -> Role.BUILDING_NAME;
            case "floor" -> Role.FLOOR;
            case "district" -> Role.DISTRICT;
            case "city" -> Role.CITY;
            case "province" -> Role.PROVINCE;
            case "noise", "ordinal" -> Role.BREAK;
            default -> null;
        };
    }

    /** Length of the longest place or address word at {@code i} of a hanzi run, 0 when there is none. */
    private static int knownAt(String run, int i, Dictionaries d) {
        for (int len = Math.min(d.longestHan, run.length() - i); len >= 1; len--) {
            String w = run.substring(i, i + len);
            if (d.places.containsKey(w) || d.addressWords.containsKey(w)) return len;
        }
        return 0;
    }

    /** Forward longest match of a hanzi run: places, countries and address words; the rest are names in pinyin. */
    private static void han(String run, Dictionaries d, List<Tok> out) {
        StringBuilder pending = new StringBuilder();
        for (int i = 0; i < run.length(); ) {
            int found = knownAt(run, i, d);
            if (found == 0) {
                pending.append(run.charAt(i++));
                continue;
            }
            flush(pending, out);
            String w = run.substring(i, i + found);
            Dictionaries.Place p = d.places.get(w);
            if (p != null) {
                Tok t = new Tok(Role.WORD, p.canonical(), true);
                t.place = p;
                out.add(t);
                if (w.endsWith("市") || w.endsWith("省")) out.add(new Tok(w.endsWith("市") ? Role.CITY : Role.PROVINCE, w, true));
            } else {
                Role r = roleOf(d.addressWords.get(w));
                if (r == null) r = Role.BREAK;
                out.add(new Tok(r, w, true));
            }
            i += found;
        }
        flush(pending, out);
    }

    private static void flush(StringBuilder pending, List<Tok> out) {
        if (pending.isEmpty()) return;
        out.add(new Tok(Role.WORD, Hanzi.pinyin(pending.toString()), true));
        pending.setLength(0);
    }
}
