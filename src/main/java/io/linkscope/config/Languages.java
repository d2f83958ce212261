package io.linkscope.config;

import java.util.List;
import java.util.Locale;

/** The languages linkscope speaks, and how a requested tag or {@code Accept-Language} value maps to one of them. */
public final class Languages {
    public static final String EN = "en";
    public static final String ZH_CN = "zh-CN";
    /** The languages there is a catalog for; the first is the default. */
    public static final List<String> TAGS = List.of(EN, ZH_CN);

    private Languages() {
    }

    /**
     * The supported tag a language tag or an {@code Accept-Language} value asks for, best first: any Chinese
     * ({@code zh}, {@code zh-Hans}, {@code zh_CN}, {@code zh-SG}) is Simplified Chinese, any English is English;
     * null when it names neither (blank: the default).
     */
    public static String match(String requested) {
        if (requested == null || requested.isBlank()) return EN;
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(requested.strip().replace('_', '-'));
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (Locale.LanguageRange r : ranges) {
            if (r.getWeight() <= 0) continue;
            String range = r.getRange().toLowerCase(Locale.ROOT);
            if (range.equals("zh") || range.startsWith("zh-")) return ZH_CN;
            if (range.equals("en") || range.startsWith("en-") || range.equals("*")) return EN;
        }
        return null;
    }
}
