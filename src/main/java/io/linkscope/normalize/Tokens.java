package io.linkscope.normalize;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Splits a company name or an address (already NFKC, so full-width letters and digits are ASCII) into words,
 * numbers, runs of hanzi, breaks (comma, semicolon, brackets, line ends) and the {@code #} sign. Letters and
 * digits written together are two tokens ({@code Rm1203} is rm, 1203); a dash between digits stays inside the
 * number ({@code 88-1}). Case is folded and Traditional characters become Simplified.
 */
final class Tokens {
    enum Kind { WORD, NUM, HAN, BREAK, HASH }

    record Token(Kind kind, String text) {
    }

    /** ZIP+4 is its ZIP (spec §1a). */
    private static final Pattern ZIP4 = Pattern.compile("(?<!\\d)(\\d{5})-\\d{4}(?!\\d)");

    private Tokens() {
    }

    static List<Token> of(String value) {
        String s = Hanzi.simplified(value.toLowerCase(Locale.ROOT));
        if (s.indexOf('-') >= 0) s = ZIP4.matcher(s).replaceAll("$1");
        List<Token> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        Kind kind = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int len = Character.charCount(cp);
            Kind k;
            if (cp < 128 ? (cp >= 'a' && cp <= 'z') : Character.isLetter(cp) && !Hanzi.isHan(cp)) k = Kind.WORD;
            else if (cp >= '0' && cp <= '9') k = Kind.NUM;
            else if (cp >= 0x2E80 && Hanzi.isHan(cp)) k = Kind.HAN;
            else if (cp == '-' && kind == Kind.NUM && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1))) k = Kind.NUM;
            else k = null;
            if (k != kind && kind != null) {
                out.add(new Token(kind, cur.toString()));
                cur.setLength(0);
            }
            kind = k;
            if (k != null) {
                cur.appendCodePoint(cp);
            } else if (cp == '(' || cp == '[' || cp == '（') {
                out.add(new Token(Kind.BREAK, "("));
            } else if (cp == ',' || cp == ';' || cp == ')' || cp == ']' || cp == '\n'
                    || cp == '，' || cp == '、' || cp == '）' || cp == '；') {
                out.add(new Token(Kind.BREAK, ","));
            } else if (cp == '#') {
                out.add(new Token(Kind.HASH, "#"));
            }
            i += len;
        }
        if (kind != null) out.add(new Token(kind, cur.toString()));
        return out;
    }
}
