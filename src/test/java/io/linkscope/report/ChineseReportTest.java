package io.linkscope.report;

import io.linkscope.analysis.TenantAnalysis;
import io.linkscope.analysis.model.Cluster;
import io.linkscope.analysis.model.Evidence;
import io.linkscope.analysis.model.Link;
import io.linkscope.analysis.model.StoreInfo;
import io.linkscope.analysis.risk.Recommender;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The demo report in Simplified Chinese, read as a person reads it: what is left of the rendered text once the
 * identifiers (store keys and ids, masked identifiers, legal entity and store names, cluster ids), platform names
 * and units are taken out must contain no English word.
 */
@DisplayName("The demo report in zh-CN: no English outside identifiers, platform names and units")
class ChineseReportTest {
    /** Units and abbreviations a Chinese consultant writes as they are. */
    private static final Set<String> UNITS = Set.of("HHI", "VaR95", "CVaR95", "IP", "KYC", "GMV", "NAT", "nats", "TRO", "Schedule",
            "DOJ", "FTC", "VPN", "linkscope", "Bearer", "Authorization");
    private static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    private static TenantAnalysis demo;
    private static final Messages ZH = Messages.of("zh-CN");

    @BeforeAll
    static void analyse() {
        demo = DemoAnalysis.get();
    }

    @Test
    @DisplayName("HTML: the page, its SVG text, titles and labels")
    void html() throws Exception {
        String page = ReportFormat.render(demo, "html", ZH).body();
        Document doc = ReportRenderTest.parse(page);
        assertEquals("zh-CN", doc.getDocumentElement().getAttribute("lang"));
        StringBuilder text = new StringBuilder();
        texts(doc.getElementsByTagNameNS("*", "body").item(0), text);
        NodeList all = doc.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            for (String attribute : List.of("title", "aria-label")) if (e.hasAttribute(attribute)) text.append('\n').append(e.getAttribute(attribute));
        }
        text.append('\n').append(doc.getElementsByTagNameNS("*", "title").item(0).getTextContent());
        assertNoEnglish("html", text.toString());
        assertTrue(text.toString().contains("连带封号"), "the report speaks of chain suspension");
        assertTrue(page.contains("Noto Sans CJK SC") && page.contains("PingFang SC") && page.contains("Microsoft YaHei"), "a CJK system font stack");
        assertFalse(page.contains("@font-face"), "no embedded font");
    }

    @Test
    @DisplayName("Markdown and the terminal summary")
    void markdownAndSummary() {
        String md = ReportFormat.render(demo, "md", ZH).body().replaceAll("`[^`\\n]*`", " ").replace("<br>", " ").replaceAll("\\\\(.)", "$1");
        assertNoEnglish("md", md);
        assertNoEnglish("txt", ReportFormat.render(demo, "txt", ZH).body());
    }

    @Test
    @DisplayName("JSON: field names and enum values are the English ones, the words beside them are Chinese")
    void json() {
        JsonObject en = ReportJson.report(demo, Messages.english()), zh = ReportJson.report(demo, ZH);
        assertEquals(shape(en), shape(zh), "the same fields in both languages");
        int critical = 0;
        var clusters = en.getJsonObject("linkage").getJsonArray("clusters");
        while (!clusters.getJsonObject(critical).getString("risk").equals("critical")) critical++;
        var enCluster = clusters.getJsonObject(critical);
        var zhCluster = zh.getJsonObject("linkage").getJsonArray("clusters").getJsonObject(critical);
        assertEquals(enCluster.getString("risk"), zhCluster.getString("risk"), "enum values stay");
        assertEquals(enCluster.getJsonArray("findings"), zhCluster.getJsonArray("findings"), "the facts are the same");
        assertNotEquals(enCluster.getJsonArray("reasons"), zhCluster.getJsonArray("reasons"));
        assertTrue(zhCluster.getJsonArray("reasons").getString(0).contains("连带封号"), zhCluster.encode());
        var action = zh.getJsonObject("recommendations").getJsonArray("actions").getJsonObject(0);
        assertEquals(en.getJsonObject("recommendations").getJsonArray("actions").getJsonObject(0).getString("kind"), action.getString("kind"));
        assertFalse(LATIN_WORD.matcher(strip(action.getString("title"))).results().anyMatch(r -> !UNITS.contains(r.group())), action.getString("title"));
    }

    /** The text nodes, each on its own line, as a browser shows them apart. */
    private static void texts(org.w3c.dom.Node node, StringBuilder out) {
        if (node.getNodeType() == org.w3c.dom.Node.TEXT_NODE) out.append(node.getNodeValue()).append('\n');
        for (org.w3c.dom.Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) texts(c, out);
    }

    /** Every path of field names in a JSON document (array positions merged). */
    private static Set<String> shape(Object json) {
        Set<String> out = new TreeSet<>();
        shape(json, "", out);
        return out;
    }

    private static void shape(Object json, String path, Set<String> out) {
        if (json instanceof JsonObject o) {
            for (String k : o.fieldNames()) {
                if (path.endsWith("args") || path.endsWith("shares")) continue; // keys of maps are data
                out.add(path + "/" + k);
                shape(o.getValue(k), path + "/" + k, out);
            }
        } else if (json instanceof io.vertx.core.json.JsonArray a) {
            for (Object item : a) shape(item, path + "[]", out);
        }
    }

    private static void assertNoEnglish(String format, String text) {
        String rest = strip(text);
        Set<String> english = new LinkedHashSet<>();
        List<String> contexts = new ArrayList<>();
        Matcher m = LATIN_WORD.matcher(rest);
        while (m.find()) {
            String word = m.group();
            if (UNITS.contains(word) || word.length() == 1 || word.matches("C[0-9]+")) continue;
            if (english.add(word) && contexts.size() < 8) {
                contexts.add("…" + rest.substring(Math.max(0, m.start() - 30), Math.min(rest.length(), m.end() + 30)).replace('\n', ' ') + "…");
            }
        }
        assertTrue(english.isEmpty(), format + " has English words outside identifiers: " + english + "\n" + String.join("\n", contexts));
    }

    /** The text without the portfolio's identifiers and names, longest first so a key goes before its parts. */
    private static String strip(String text) {
        Set<String> names = new TreeSet<>(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        names.add(demo.tenant());
        for (StoreInfo s : demo.snapshot().stores()) {
            names.add(s.key());
            names.add(s.storeId());
            if (s.storeId().length() > 16) names.add(s.storeId().substring(0, 15) + "…"); // shortened under a graph node
            names.add(s.platform());
            names.add(s.marketplace());
            names.add(s.platform() + ":" + s.marketplace());
            if (s.name() != null) names.add(s.name());
            if (s.legalEntity() != null) names.add(s.legalEntity());
        }
        for (Link l : demo.linkage().links()) for (Evidence e : l.evidence()) names.add(e.display());
        for (Cluster c : demo.linkage().clusters()) names.add(c.id());
        for (Recommender.Action a : demo.recommendations()) {
            a.replacements().forEach(r -> names.add(r.display().contains(":") ? r.display().substring(r.display().indexOf(':') + 1) : r.display()));
            a.identifiers().forEach(names::add);
        }
        names.addAll(demo.concentration().paymentProvider().shares().keySet());
        demo.settings().recommend().catalog().forEach(e -> {
            names.add(e.platform());
            names.add(e.marketplace());
        });
        names.addAll(List.of("PayPal", "PingPong", "Stripe", "Wise"));
        String out = text;
        for (String name : names) if (!name.isBlank()) out = out.replace(name, " ");
        return out;
    }
}
