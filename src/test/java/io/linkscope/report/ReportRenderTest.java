package io.linkscope.report;

import io.linkscope.analysis.TenantAnalysis;
import io.linkscope.analysis.model.Evidence;
import io.linkscope.analysis.model.Link;
import io.linkscope.analysis.model.StoreInfo;
import io.linkscope.analysis.risk.Recommender;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import io.linkscope.support.SharedNeo4j;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

@DisplayName("Report formats on the demo fixture: HTML, CSV, Markdown")
public class ReportRenderTest {
    private static TenantAnalysis demo;
    private static String html, csv, md;
    private static ActionText words;

    @BeforeAll
    static void render() throws IOException {
        demo = DemoAnalysis.get();
        html = ReportFormat.render(demo, "html").body();
        csv = ReportFormat.render(demo, "csv").body();
        md = ReportFormat.render(demo, "md").body();
        words = new ActionText(Messages.english(), TerminalSummary.names(ReportContent.of(demo, Messages.english())));
        // kept for looking at: target/demo-report.{html,csv,md}
        Path dir = SharedNeo4j.repo().resolve("target");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("demo-report.html"), html);
        Files.writeString(dir.resolve("demo-report.csv"), csv);
        Files.writeString(dir.resolve("demo-report.md"), md);
        Messages zh = Messages.of("zh-CN");
        Files.writeString(dir.resolve("demo-report.zh-CN.html"), ReportFormat.render(demo, "html", zh).body());
        Files.writeString(dir.resolve("demo-report.zh-CN.md"), ReportFormat.render(demo, "md", zh).body());
        Files.writeString(dir.resolve("demo-summary.zh-CN.txt"), ReportFormat.render(demo, "txt", zh).body());
    }

    public static Document parse(String xhtml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xhtml.getBytes(StandardCharsets.UTF_8)));
    }

    public static List<Element> byClass(Document doc, String tag, String cssClass) {
        List<Element> out = new ArrayList<>();
        NodeList all = doc.getElementsByTagNameNS("*", tag);
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (Arrays.asList(e.getAttribute("class").split(" ")).contains(cssClass)) out.add(e);
        }
        return out;
    }

    @Test
    @DisplayName("HTML parses as XML; the graph has one store node per store, one outline per cluster, a mark per suspended store")
    void htmlGraph() throws Exception {
        Document doc = parse(html);
        List<Element> graphs = byClass(doc, "svg", "graph");
        assertEquals(1, graphs.size());
        List<Element> stores = byClass(doc, "g", "store");
        assertEquals(demo.snapshot().stores().size(), stores.size());
        assertEquals(40, stores.size(), "the demo fixture has 40 stores");
        Set<String> keys = new HashSet<>();
        for (Element g : stores) {
            keys.add(g.getAttribute("data-store"));
            assertEquals(1, g.getElementsByTagNameNS("*", "circle").getLength(), "one circle per store node");
        }
        assertEquals(demo.snapshot().stores().stream().map(StoreInfo::key).collect(java.util.stream.Collectors.toSet()), keys);
        long suspended = demo.snapshot().stores().stream().filter(StoreInfo::suspended).count();
        assertEquals(suspended, byClass(doc, "g", "suspended").size());
        assertTrue(suspended > 0, "the fixture has a suspended store to mark");
        assertEquals(demo.linkage().clusters().size(), byClass(doc, "g", "cluster").size());
        ReportContent content = ReportContent.of(demo, Messages.english());
        List<Element> links = byClass(doc, "g", "link");
        assertEquals(LinkageGraphSvg.drawn(content).size(), links.size(), "one line group per drawn link");
        assertEquals(demo.linkage().links().stream().filter(l -> !l.level().equals("weak")).count(),
                links.stream().filter(g -> !g.getAttribute("class").contains("weak")).count(), "every strong and likely link is drawn");
        Set<String> dashes = new HashSet<>();
        for (Element g : links) {
            NodeList lines = g.getElementsByTagNameNS("*", "line");
            for (int i = 0; i < lines.getLength(); i++) dashes.add(((Element) lines.item(i)).getAttribute("stroke-dasharray"));
        }
        assertEquals(Set.of("", "7 4", "1.5 3"), dashes, "solid, dashed and dotted strokes by kind of evidence");
    }

    @Test
    @DisplayName("HTML has every section, the executive summary figures and top three actions, and nothing external")
    void htmlContent() throws Exception {
        Document doc = parse(html);
        for (String id : List.of("summary", "graph", "concentration", "clusters", "links", "blast-radius", "recommendations", "method")) {
            assertNotNull(find(doc, "section", id), "section " + id);
        }
        String summary = find(doc, "section", "summary").getTextContent();
        assertTrue(summary.contains("CRITICAL"), "the demo's overall risk is critical");
        var risk = demo.risk();
        for (double v : List.of(risk.expectedAnnualLossUsd(), risk.var95Usd(), risk.cvar95Usd())) {
            String usd = String.format(Locale.ROOT, "%,.0f USD", v);
            assertEquals(usd, Messages.english().money(v));
            assertTrue(summary.contains(usd), "summary shows " + usd);
        }
        List<Recommender.Action> actions = demo.recommendations();
        for (Recommender.Action a : actions.subList(0, 3)) assertTrue(summary.contains(words.title(a)), words.title(a));
        assertFalse(summary.contains(words.title(actions.get(3))), "only three actions in the summary");

        assertEquals(2, byClass(doc, "svg", "chart").size(), "platform and payment provider charts");
        String concentration = find(doc, "section", "concentration").getTextContent();
        assertTrue(concentration.contains("HHI " + Messages.english().integer(demo.concentration().platform().hhi()) + " · highly concentrated"));
        assertTrue(concentration.contains("HHI " + Messages.english().integer(demo.concentration().paymentProvider().hhi())));

        Element links = find(doc, "section", "links");
        assertEquals(demo.linkage().links().size(), links.getElementsByTagNameNS("*", "tbody").item(0).getChildNodes().getLength()
                - countText(links.getElementsByTagNameNS("*", "tbody").item(0).getChildNodes()));
        String linkText = links.getTextContent();
        for (Link l : demo.linkage().links()) for (Evidence e : l.evidence()) assertTrue(linkText.contains(e.display()), e.display());

        String blast = find(doc, "section", "blast-radius").getTextContent();
        assertTrue(blast.contains(demo.worstBlastRadius().store().store()));
        String method = find(doc, "section", "method").getTextContent();
        for (String s : List.of("1,000", "1,800", "2023", "seed " + risk.seed(), String.format(Locale.ROOT, "%,d trials", risk.trials()), "strong ≥ 0.8")) {
            assertTrue(method.contains(s), "method mentions " + s);
        }

        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(Pattern.compile("\\s(src|href)=").matcher(html).find(), "no external resources");
        assertFalse(html.contains("url(") || html.contains("@import"), "no CSS fetches");
        assertTrue(html.contains("@media print") && html.contains("break-before: page"), "prints a section per page");
    }

    @Test
    @DisplayName("CSV: the header, one row per linked pair with its score, level and evidence types")
    void csvRows() throws Exception {
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv)).getRecords();
        assertTrue(csv.startsWith("a,b,score,level,samePlatform,evidenceTypes,evidence\n"), csv.substring(0, 80));
        assertEquals(demo.linkage().links().size(), rows.size());
        Map<String, CSVRecord> byPair = new HashMap<>();
        for (CSVRecord r : rows) byPair.put(r.get("a") + "|" + r.get("b"), r);
        for (Link l : demo.linkage().links()) {
            CSVRecord r = byPair.get(l.a() + "|" + l.b());
            assertNotNull(r, "pair " + l.a() + " " + l.b());
            assertEquals(l.score(), Double.parseDouble(r.get("score")), 0.0);
            assertEquals(l.level(), r.get("level"));
            assertEquals(Boolean.toString(l.samePlatform()), r.get("samePlatform"));
            assertEquals(l.evidence().stream().map(e -> e.type().wire()).distinct().toList(), List.of(r.get("evidenceTypes").split(";")));
            for (Evidence e : l.evidence()) assertTrue(r.get("evidence").contains(e.display()), e.display());
        }
        assertTrue(Double.parseDouble(rows.get(0).get("score")) >= Double.parseDouble(rows.get(rows.size() - 1).get("score")), "strongest first");
    }

    @Test
    @DisplayName("Markdown carries the HTML's sections, every cluster and every link")
    void markdown() throws Exception {
        Document doc = parse(html);
        NodeList h2 = doc.getElementsByTagNameNS("*", "h2");
        for (int i = 0; i < h2.getLength(); i++) assertTrue(md.contains("\n## " + h2.item(i).getTextContent() + "\n"), h2.item(i).getTextContent());
        assertTrue(md.contains("**Overall risk: CRITICAL**"));
        for (var c : demo.linkage().clusters()) assertTrue(md.contains("`" + c.id() + "`"), c.id());
        String linksSection = md.substring(md.indexOf("## Links and their evidence"), md.indexOf("## Blast radius"));
        long rows = linksSection.lines().filter(l -> l.startsWith("| `")).count();
        assertEquals(demo.linkage().links().size(), rows);
        assertTrue(md.contains("`paypal:f***@acme-home.example`"), "masked values are code spans, not emphasis");
        for (Recommender.Action a : demo.recommendations().subList(0, 3)) assertTrue(md.contains(MarkdownReport.esc(words.title(a))), words.title(a));
    }

    @Test
    @DisplayName("no raw identifier of the fixture appears in any format")
    void noRawIdentifiers() {
        Map<String, String> outputs = new HashMap<>();
        for (String format : ReportFormat.SUPPORTED) outputs.put(format, ReportFormat.render(demo, format).body().toLowerCase(Locale.ROOT));
        List<String> checked = new ArrayList<>();
        for (String typed : DemoAnalysis.rawValues()) {
            String type = typed.substring(0, typed.indexOf('\t')), value = typed.substring(typed.indexOf('\t') + 1);
            for (String forbidden : forbiddenForms(type, value)) {
                checked.add(forbidden);
                outputs.forEach((format, body) -> assertFalse(body.contains(forbidden), format + " contains raw " + type + " " + forbidden));
            }
        }
        assertTrue(checked.contains("203.0.113.7") && checked.contains("finance@"), "the known shared values were checked: " + checked.size());
    }

    @Test
    @DisplayName("text that looks like markup stays text: HTML parses and shows it verbatim, Markdown escapes it, CSV quotes it")
    void hostileText(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String entity = "Evil <script>alert(1)</script> & \"Co\" | *x* ]]> Ltd.";
        io.vertx.core.json.JsonArray stores = new io.vertx.core.json.JsonArray();
        for (String id : List.of("S1", "S2")) {
            stores.add(new io.vertx.core.json.JsonObject().put("platform", "amazon").put("marketplace", "US").put("storeId", id)
                    .put("name", "<b>" + id + "</b>").put("legalEntity", entity).put("status", "active")
                    .put("monthlyRevenue", new io.vertx.core.json.JsonObject().put("amount", 1000).put("currency", "USD"))
                    .put("attributes", new io.vertx.core.json.JsonArray()));
        }
        Path file = dir.resolve("hostile.json");
        Files.writeString(file, new io.vertx.core.json.JsonObject().put("format", "linkscope.portfolio/v1").put("stores", stores).encode());
        TenantAnalysis t = DemoAnalysis.analyse(file, 1_000);
        assertEquals(1, t.linkage().links().size(), "the shared legal entity links the two stores");

        String page = ReportFormat.render(t, "html").body();
        Document doc = parse(page);
        assertFalse(page.contains("<script"), "no markup from the data");
        assertEquals(0, doc.getElementsByTagNameNS("*", "script").getLength());
        assertTrue(find(doc, "section", "links").getTextContent().contains(entity), "shown verbatim");

        String markdown = ReportFormat.render(t, "md").body();
        String outsideCode = markdown.replaceAll("`[^`\\n]*`", "");
        Pattern unescaped = Pattern.compile("(?<!\\\\)<script");
        assertFalse(unescaped.matcher(outsideCode).find(), () -> "outside code spans (shown literally) markup is escaped: "
                + outsideCode.lines().filter(l -> unescaped.matcher(l).find()).toList());
        assertTrue(markdown.contains("Evil \\<script\\>alert(1)\\</script\\> & \"Co\" \\| \\*x\\* \\]\\]\\> Ltd."), markdown);

        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(ReportFormat.render(t, "csv").body())).getRecords();
        assertEquals("legal_entity " + entity, rows.get(0).get("evidence"), "one field, quotes and all");
    }

    /**
     * The value as written, and the parts that identify it in other notations (mailbox, last digits, street). A
     * domain is checked as written only: the bare domain is also the Shopify store's own id, which reports show.
     */
    private static List<String> forbiddenForms(String type, String value) {
        List<String> forms = new ArrayList<>(List.of(value.toLowerCase(Locale.ROOT)));
        String v = value.toLowerCase(Locale.ROOT);
        if (v.contains("@")) {
            String local = v.substring(v.lastIndexOf(':') + 1, v.indexOf('@')).split("\\+")[0];
            if (local.length() >= 2) forms.add(local + "@");
        }
        String digits = v.replaceAll("[^0-9]", "");
        if (digits.length() >= 8 && !type.equals("ip")) forms.add(digits.substring(digits.length() - 8));
        if (type.equals("address")) forms.add(String.join(" ", Arrays.asList(v.replaceAll("[^a-z0-9 ]", "").split(" +")).subList(0, 4)));
        return forms;
    }

    private static Element find(Document doc, String tag, String id) {
        NodeList all = doc.getElementsByTagNameNS("*", tag);
        for (int i = 0; i < all.getLength(); i++) if (id.equals(((Element) all.item(i)).getAttribute("id"))) return (Element) all.item(i);
        return null;
    }

    private static int countText(NodeList nodes) {
        int n = 0;
        for (int i = 0; i < nodes.getLength(); i++) if (nodes.item(i).getNodeType() != org.w3c.dom.Node.ELEMENT_NODE) n++;
        return n;
    }
}
