package io.linkscope.collect;

/**
 * Rules every text field of an import obeys, whatever it holds: no NUL or other C0/C1 control character (a
 * spreadsheet's tab is read as a space before this), no bidirectional override or isolate (U+202A–U+202E,
 * U+2066–U+2069: they make a report show text other than what is stored, "Trojan source" style), and a bounded
 * length. These characters reach reports and terminals; they never have a business meaning in a store's data.
 * The reason never quotes the value.
 */
public final class TextRules {
    private TextRules() {
    }

    /** Why {@code value} is not acceptable text, or null when it is. */
    public static String problem(String value, int maxLength) {
        if (value == null) return null;
        int length = 0;
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            length++;
            if (c == 0) return "contains a NUL character";
            if (Character.getType(c) == Character.CONTROL) {
                return "contains the control character U+" + String.format("%04X", c) + "; remove it";
            }
            if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
                return "contains the bidirectional override U+" + String.format("%04X", c)
                        + ", which makes text display other than it is stored; remove it";
            }
        }
        if (length > maxLength) {
            return "is " + length + " characters long; the limit maxTextLength is " + maxLength;
        }
        return null;
    }
}
