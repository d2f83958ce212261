package io.linkscope.normalize;

/**
 * Masked displays: enough for the owner to recognise their own identifier in a report, not enough
 * for a reader of the report (or a log) to reuse it.
 */
final class Mask {
    private static final char STAR = '*';

    private Mask() {
    }

    /** Keeps {@code head} leading and {@code tail} trailing characters; at least half of the value is starred. */
    static String keep(String value, int head, int tail) {
        int n = value.length();
        int visible = Math.min(head + tail, n / 2);
        int h = Math.min(head, visible);
        int t = Math.min(tail, visible - h);
        return value.substring(0, h) + String.valueOf(STAR).repeat(Math.max(3, n - h - t)) + value.substring(n - t);
    }

    static String email(String local, String domain) {
        return local.charAt(0) + "***@" + domain;
    }

    static String ipv4(String dotted) {
        int last = dotted.lastIndexOf('.');
        return dotted.substring(0, last) + ".*";
    }

    static String ipv6(String[] hextets) {
        return hextets[0] + ":" + hextets[1] + ":" + hextets[2] + ":*";
    }

    /** Addresses keep only their last tokens (city, postcode, country): the street is what identifies. */
    static String address(String canonical) {
        String[] tokens = canonical.split(" ");
        int keep = Math.min(3, Math.max(0, tokens.length - 2));
        StringBuilder b = new StringBuilder("***");
        for (int i = tokens.length - keep; i < tokens.length; i++) b.append(' ').append(tokens[i]);
        return b.toString();
    }
}
