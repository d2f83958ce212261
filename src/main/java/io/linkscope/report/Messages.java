package io.linkscope.report;

import io.linkscope.config.Languages;

import com.ibm.icu.number.NumberFormatter;
import com.ibm.icu.number.Precision;
import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;
import io.linkscope.analysis.model.Reason;
import io.linkscope.normalize.IdentifierType;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The words of one language: the message catalog {@code i18n/messages_<tag>.properties} (ICU MessageFormat
 * patterns with named arguments and CLDR plural rules), and how that language writes numbers and money. Every
 * user-facing sentence comes from here; a key missing from a catalog is an error, never a silent fallback to
 * English. The terms are fixed in {@code i18n/GLOSSARY.md}.
 */
public final class Messages {
    public static final String EN = Languages.EN;
    public static final String ZH_CN = Languages.ZH_CN;
    /** The languages there is a catalog for; the first is the default. */
    public static final List<String> TAGS = Languages.TAGS;

    private static final Map<String, Messages> LOADED = new ConcurrentHashMap<>();

    private final String tag;
    private final ULocale locale;
    private final Map<String, String> patterns;
    private final Map<String, MessageFormat> compiled = new ConcurrentHashMap<>();
    private final double moneyScale;

    private Messages(String tag, Map<String, String> patterns) {
        this.tag = tag;
        this.locale = ULocale.forLanguageTag(tag);
        this.patterns = patterns;
        this.moneyScale = Double.parseDouble(patterns.getOrDefault("number.money.scale", "1"));
    }

    /** The catalog of a supported tag ({@code en}, {@code zh-CN}), or of the closest one: see {@link #match}. */
    public static Messages of(String tag) {
        String supported = match(tag);
        if (supported == null) throw new IllegalArgumentException("language must be one of " + TAGS + " (got " + tag + ")");
        return LOADED.computeIfAbsent(supported, t -> new Messages(t, load(t)));
    }

    public static Messages english() {
        return of(EN);
    }

    /** See {@link Languages#match}. */
    public static String match(String requested) {
        return Languages.match(requested);
    }

    public String tag() {
        return tag;
    }

    public ULocale locale() {
        return locale;
    }

    /** {@code t("report.title")} or {@code t("card.loss.sub", "share", "12.0%")}: argument names and values alternate. */
    public String t(String key, Object... namesAndValues) {
        if (namesAndValues.length == 0) return format(key, Map.of());
        if (namesAndValues.length % 2 != 0) throw new IllegalArgumentException("argument names and values must pair up: " + key);
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) args.put((String) namesAndValues[i], namesAndValues[i + 1]);
        return format(key, args);
    }

    public String format(String key, Map<String, ?> args) {
        MessageFormat f = compiled.computeIfAbsent(key, k -> new MessageFormat(pattern(k), locale));
        // ICU's MessageFormat keeps parse state: one format at a time per pattern
        synchronized (f) {
            return f.format(args);
        }
    }

    public boolean has(String key) {
        return patterns.containsKey(key);
    }

    /** The raw patterns of the keys under {@code prefix}, for a client that formats them itself (the dashboard). */
    public Map<String, String> patterns(String prefix) {
        Map<String, String> out = new java.util.TreeMap<>();
        patterns.forEach((k, v) -> {
            if (k.startsWith(prefix)) out.put(k, v);
        });
        return out;
    }

    private String pattern(String key) {
        String p = patterns.get(key);
        if (p == null) throw new MissingResourceException("no message " + key + " in the " + tag + " catalog", "Messages", key);
        return p;
    }

    // ---- terms ---------------------------------------------------------------------------------------------

    /** A finding in words: {@code reason.<code>}, with identifier types and levels as terms. */
    public String reason(Reason r) {
        Map<String, Object> args = new LinkedHashMap<>(r.args());
        if (args.get("type") instanceof String type) args.put("type", idType(type));
        if (args.get("level") instanceof String level) args.put("level", linkLevel(level));
        return format("reason." + r.code(), args);
    }

    public List<String> reasons(List<Reason> reasons) {
        return reasons.stream().map(this::reason).toList();
    }

    /** critical | high | medium | low as the reader says it. */
    public String risk(String level) {
        return t("risk." + level);
    }

    /** strong | likely | weak: 强关联 / 疑似关联 / 弱关联. */
    public String linkLevel(String level) {
        return t("link." + level);
    }

    public String idType(String wire) {
        return has("idtype." + wire) ? t("idtype." + wire) : wire;
    }

    public String idType(IdentifierType type) {
        return idType(type.wire());
    }

    /** unconcentrated | moderate | high as a band label. */
    public String band(String band) {
        return has("band." + band) ? t("band." + band) : band;
    }

    /** A concentration dimension: platform, marketplace, paymentProvider, legalEntity, cluster. */
    public String dimension(String dimension) {
        return has("dimension." + dimension) ? t("dimension." + dimension) : dimension;
    }

    /** A payment provider's name as sellers know it (slug in, name out; unknown slugs stay as they are). */
    public String provider(String slug) {
        return has("provider." + slug) ? t("provider." + slug) : slug;
    }

    /** An action kind (delink, separate-cluster…) as a short label. */
    public String actionKind(String kind) {
        return t("kind." + kind);
    }

    /** "a, b and c" in this language. */
    public String list(List<String> items) {
        if (items.isEmpty()) return "";
        if (items.size() == 1) return items.get(0);
        return t("list.and", "head", String.join(t("list.separator"), items.subList(0, items.size() - 1)), "last", items.get(items.size() - 1));
    }

    // ---- numbers -------------------------------------------------------------------------------------------

    /**
     * Money in a sentence: {@code 974,025 USD} in English; in Chinese {@code 97.40 万美元} from 10,000 on and
     * {@code 8,500 美元} below (the scale is {@code number.money.scale} of the catalog).
     */
    public String money(double usd) {
        return moneyText(usd, false);
    }

    /** Money with its sign, for an effect: {@code -3,441,411 USD}, {@code +1.20 万美元}; zero is {@code 0 USD}. */
    public String signedMoney(double usd) {
        return moneyText(usd, true);
    }

    private String moneyText(double usd, boolean signed) {
        if (moneyScale > 1 && Math.abs(usd) >= moneyScale) {
            return t("number.money.large", "amount", sign(signed, usd) + decimal(Math.abs(usd) / moneyScale, 2));
        }
        return t("number.money", "amount", sign(signed, usd) + integer(Math.abs(usd)));
    }

    private String sign(boolean signed, double v) {
        if (Math.round(v) == 0) return "";
        if (v < 0) return "-";
        return signed ? "+" : "";
    }

    /** A money cell of a table whose header names the unit ({@link #moneyUnit}): scaled like {@link #money}. */
    public String moneyCell(double usd) {
        return moneyScale > 1 ? decimal(usd / moneyScale, 2) : integer(usd);
    }

    public String signedMoneyCell(double usd) {
        if (Math.round(usd) == 0) return "0";
        return (usd > 0 ? "+" : "") + moneyCell(usd);
    }

    /** The unit of {@link #moneyCell}: USD, or 万美元. */
    public String moneyUnit() {
        return t("number.money.unit");
    }

    /** {@code 1,234,567} (rounded; both languages group by thousands with commas). */
    public String integer(double v) {
        return NumberFormatter.withLocale(locale).precision(Precision.integer()).format(Math.round(v) == 0 ? 0 : v).toString();
    }

    /** Rounded and signed, for a change: {@code -1,163}, {@code +820}; zero is {@code 0}. */
    public String signed(double v) {
        if (Math.round(v) == 0) return "0";
        return (v > 0 ? "+" : "") + integer(v);
    }

    public String decimal(double v, int digits) {
        return NumberFormatter.withLocale(locale).precision(Precision.fixedFraction(digits)).format(v).toString();
    }

    /** {@code 60.5%} */
    public String pct(double fraction) {
        return decimal(100 * fraction, 1) + "%";
    }

    /** {@code 61%} */
    public String pct0(double fraction) {
        return integer(100 * fraction) + "%";
    }

    // ---- catalogs -------------------------------------------------------------------------------------------

    /** Every key of a language's catalog (for the test that keeps the catalogs in step). */
    public static Set<String> keys(String tag) {
        return Collections.unmodifiableSet(new TreeSet<>(load(tag).keySet()));
    }

    static String resource(String tag) {
        return "i18n/messages_" + tag + ".properties";
    }

    private static Map<String, String> load(String tag) {
        Properties p = new Properties();
        try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(resource(tag))) {
            if (in == null) throw new IllegalStateException("message catalog " + resource(tag) + " is missing");
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new java.util.HashMap<>();
        p.forEach((k, v) -> out.put((String) k, (String) v));
        return Map.copyOf(out);
    }
}
