package io.linkscope.normalize;

import com.github.houbb.pinyin.constant.enums.PinyinStyleEnum;
import com.github.houbb.pinyin.util.PinyinHelper;
import com.ibm.icu.text.Transliterator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chinese script for match keys: Traditional folded to Simplified (ICU), and a run of hanzi read as toneless
 * pinyin with its syllables joined (华信 → huaxin). The pinyin library reads whole words, so a polyphone takes its
 * reading in context (重庆 chongqing, 银行 yinhang), where a character-by-character reading would not.
 * Both are slow next to the rest of normalization, and names repeat across stores: results are cached.
 */
final class Hanzi {
    private static final int CACHE_LIMIT = 100_000;
    private static final ThreadLocal<Transliterator> TO_SIMPLIFIED =
            ThreadLocal.withInitial(() -> Transliterator.getInstance("Traditional-Simplified"));
    private static final Map<String, String> SIMPLIFIED = new ConcurrentHashMap<>();
    private static final Map<String, String> PINYIN = new ConcurrentHashMap<>();

    private Hanzi() {
    }

    static boolean isHan(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }

    static boolean containsHan(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (cp >= 0x2E80 && isHan(cp)) return true;
            i += Character.charCount(cp);
        }
        return false;
    }

    /** The text with its Traditional characters in Simplified form; text without hanzi is returned as is. */
    static String simplified(String s) {
        if (!containsHan(s)) return s;
        return cached(SIMPLIFIED, s, v -> TO_SIMPLIFIED.get().transliterate(v));
    }

    /** Toneless pinyin of a run of hanzi, syllables joined, lowercase ASCII ("ü" as "v", as pinyin input writes it). */
    static String pinyin(String run) {
        return cached(PINYIN, run, v -> {
            String p = PinyinHelper.toPinyin(v, PinyinStyleEnum.NORMAL);
            StringBuilder b = new StringBuilder(p.length());
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                if (c == 'ü') b.append('v');
                else if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') b.append(c);
            }
            return b.toString();
        });
    }

    private static String cached(Map<String, String> cache, String key, java.util.function.UnaryOperator<String> f) {
        String hit = cache.get(key);
        if (hit != null) return hit;
        String value = f.apply(key);
        if (cache.size() >= CACHE_LIMIT) cache.clear(); // a bound, not an LRU: names of one import repeat
        cache.put(key, value);
        return value;
    }
}
