package io.linkscope.report;

import org.apache.commons.text.StringEscapeUtils;

import java.util.Locale;

/**
 * A small writer for XHTML-compatible markup (every element closed, attributes quoted, only the five XML
 * entities), so the report parses as XML as well as HTML and embeds SVG without a namespace dance. Every piece
 * of text goes through {@link #esc}.
 */
final class Html {
    private final StringBuilder out = new StringBuilder(64 * 1024);

    static String esc(String text) {
        return text == null ? "" : StringEscapeUtils.escapeXml10(text);
    }

    /** A number for an SVG attribute: one decimal, locale-independent. */
    static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    Html raw(String markup) {
        out.append(markup);
        return this;
    }

    Html text(String text) {
        out.append(esc(text));
        return this;
    }

    /** {@code <tag attr="v"…>}; attribute names and values alternate in {@code attrs}. */
    Html open(String tag, String... attrs) {
        out.append('<').append(tag);
        attributes(attrs);
        out.append('>');
        return this;
    }

    Html close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** An element with text content. */
    Html el(String tag, String text, String... attrs) {
        return open(tag, attrs).text(text).close(tag);
    }

    /** A self-closed element: only for HTML void elements (meta, br) and SVG, where {@code />} is honoured. */
    Html empty(String tag, String... attrs) {
        out.append('<').append(tag);
        attributes(attrs);
        out.append("/>");
        return this;
    }

    Html nl() {
        out.append('\n');
        return this;
    }

    private void attributes(String[] attrs) {
        if (attrs.length % 2 != 0) throw new IllegalArgumentException("attribute names and values must pair up");
        for (int i = 0; i < attrs.length; i += 2) {
            if (attrs[i + 1] == null) continue;
            out.append(' ').append(attrs[i]).append("=\"").append(esc(attrs[i + 1])).append('"');
        }
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
