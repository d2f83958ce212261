package io.linkscope.api;

import io.linkscope.App;
import io.linkscope.graph.ApiKeyStore.Role;
import io.linkscope.support.Http;
import io.linkscope.support.SharedNeo4j;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The dashboard in Debian's headless Chromium, driven by Selenium through the system chromedriver (no browser
 * download at run time): the demo portfolio's graph, a click on a store, its evidence, the switch to Chinese, labels
 * that do not overlap, and screenshots; axe-core (installed from npm by .ci/run) checks the dashboard and the HTML
 * report in both languages; the "Check a new store" form: verdict, dashed would-be links on the graph, fixes, errors
 * beside their fields, the 429 of the per-key limit, and the database unchanged by all of it.
 */
@DisplayName("Dashboard in headless Chromium")
class DashboardIT {
    private static final String T = "dash-demo";
    private static App app;
    private static String key;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() {
        // checks are limited per key: low enough that one test can use a key up, high enough for the others
        app = SharedNeo4j.startApp(Map.of("LINKSCOPE_SECRET", "dashboard-it-secret-0123456789abcdef", "LINKSCOPE_CHECKS_PER_MINUTE", "20"));
        key = SharedNeo4j.key(app, Role.owner, T);
        assertEquals(200, new Http(app.httpPort()).bearer(key)
                .postFile("/api/v1/tenants/" + T + "/portfolio", SharedNeo4j.fixture("demo-portfolio.json")).status());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("LINKSCOPE_CHROMIUM", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,800", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(executable("LINKSCOPE_CHROMEDRIVER", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    private static String executable(String env, String fallback) {
        String path = System.getenv().getOrDefault(env, fallback);
        assertTrue(Files.isExecutable(Path.of(path)), path + " is missing: install Debian's chromium and chromium-driver (.ci/run does)");
        return path;
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
        if (app != null) app.close();
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    @Test
    @DisplayName("the graph shows every store of the demo; clicking a store shows its masked evidence and blast radius")
    void graphAndDrillDown() throws Exception {
        long stores = SharedNeo4j.storeCount(T);
        assertEquals(40, stores);
        browser.get("http://127.0.0.1:" + app.httpPort() + "/#tenant=" + T + "&key=" + key + "&lang=en");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        try {
            wait.until(d -> String.valueOf(stores).equals(d.findElement(By.id("store-count")).getText()));
        } catch (org.openqa.selenium.TimeoutException e) {
            fail("the dashboard did not load: error box says '" + browser.findElement(By.id("error")).getText() + "'; console: "
                    + browser.manage().logs().get("browser").getAll());
        }
        wait.until(d -> js("return window.linkscope && window.linkscope.cy.nodes('[kind=\"store\"]').length") != null);
        assertEquals(stores, ((Number) js("return window.linkscope.cy.nodes('[kind=\"store\"]').length")).longValue());
        assertFalse(browser.getCurrentUrl().contains(key), "the key leaves the address bar");
        assertFalse(browser.findElement(By.id("hhi")).getText().isBlank());

        // a real mouse click on the store's node in the canvas
        String store = "amazon:US:A2ACME01";
        // W3C pointer offsets count from the centre of the element's visible part: show all of it first
        js("document.getElementById('graph').scrollIntoView({block: 'center'})");
        js("window.linkscope.cy.fit(window.linkscope.cy.getElementById(arguments[0]).closedNeighborhood(), 80)", store);
        @SuppressWarnings("unchecked")
        Map<String, Number> at = (Map<String, Number>) js("return window.linkscope.cy.getElementById(arguments[0]).renderedPosition()", store);
        WebElement graph = browser.findElement(By.id("graph"));
        int dx = (int) Math.round(at.get("x").doubleValue() - graph.getSize().getWidth() / 2.0);
        int dy = (int) Math.round(at.get("y").doubleValue() - graph.getSize().getHeight() / 2.0);
        new Actions(browser).moveToElement(graph, dx, dy).click().perform();
        wait.until(d -> d.findElements(By.cssSelector("[data-testid=store-key]")).stream().anyMatch(e -> e.getText().equals(store)));
        String evidence = wait.until(d -> {
            List<WebElement> lists = d.findElements(By.cssSelector("[data-testid=evidence]"));
            return lists.isEmpty() ? null : browser.findElement(By.id("store-detail")).getText();
        });
        assertTrue(evidence.contains("amazon:US:A2ACME02"), evidence);
        assertTrue(evidence.contains("paypal:f***@acme-home.example"), "masked payment evidence: " + evidence);
        assertTrue(evidence.contains("Blast radius"), evidence);
        assertFalse(browser.getPageSource().contains("finance@acme-home.example"), "no raw identifier in the page");

        // a click on a row of the store table drills down too
        browser.findElement(By.cssSelector("tr[data-store='amazon:US:A2ACME02']")).click();
        wait.until(d -> d.findElement(By.cssSelector("[data-testid=store-key]")).getText().equals("amazon:US:A2ACME02"));

        Path shot = Path.of("target", "dashboard.png");
        Files.createDirectories(shot.getParent());
        js("window.scrollTo(0, 0)");
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(shot) > 10_000, "screenshot written");
    }

    /** The suspended marker draws (an SVG octagon, not a glyph a font may lack), and the graph has a text alternative. */
    private static void legendAndAlternative() {
        WebElement marker = browser.findElement(By.cssSelector("[data-testid=suspended-legend] svg"));
        assertTrue(marker.getSize().getWidth() >= 10 && marker.getSize().getHeight() >= 10, "the suspended marker renders");
        WebElement graph = browser.findElement(By.id("graph"));
        assertEquals("img", graph.getAttribute("role"));
        assertFalse(graph.getAttribute("aria-label").isBlank());
        assertEquals("cluster-caption", graph.getAttribute("aria-describedby"), "the cluster table describes the graph");
        long rows = ((Number) js("return document.querySelectorAll('#clusters tbody tr').length")).longValue();
        assertEquals(10, rows, "the demo's ten clusters are in the table");
    }

    /**
     * In the riskiest cluster (the demo's eight Acme Home Goods stores) no two store labels overlap, and at the
     * default zoom (the whole graph fitted) they are drawn at 10 px or more.
     */
    @SuppressWarnings("unchecked")
    private static void labelsReadable() {
        js("window.linkscope.cy.fit(undefined, 24)");
        List<Map<String, Number>> boxes = (List<Map<String, Number>>) js("""
                const cy = window.linkscope.cy;
                const cluster = cy.nodes('[kind="cluster"][risk="critical"]')[0];
                return cluster.children().map(n => n.renderedBoundingBox({includeNodes: false, includeEdges: false, includeLabels: true}));""");
        assertEquals(8, boxes.size(), "the critical cluster holds the eight Acme Home Goods stores");
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                Map<String, Number> a = boxes.get(i), b = boxes.get(j);
                boolean apart = a.get("x2").doubleValue() <= b.get("x1").doubleValue() || b.get("x2").doubleValue() <= a.get("x1").doubleValue()
                        || a.get("y2").doubleValue() <= b.get("y1").doubleValue() || b.get("y2").doubleValue() <= a.get("y1").doubleValue();
                assertTrue(apart, "labels " + i + " and " + j + " overlap: " + a + " " + b);
            }
        }
        double zoom = ((Number) js("return window.linkscope.cy.zoom()")).doubleValue();
        assertTrue(12 * zoom >= 10, "labels are 12 px at zoom 1; the default zoom " + zoom + " keeps them readable");
    }

    @Test
    @DisplayName("the language switch turns the dashboard and the API's words into Chinese; a screenshot of each")
    void chinese() throws Exception {
        open("en");
        assertEquals("Linkage graph", browser.findElement(By.id("graph-title")).getText());
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("lang"))).selectByValue("zh-CN");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(d -> "关联图".equals(d.findElement(By.id("graph-title")).getText()));
        assertEquals("zh-CN", js("return document.documentElement.lang"));
        // the API answered in Chinese too: the cluster table's names and reasons come from it
        String clusters = wait.until(d -> {
            String text = d.findElement(By.id("clusters")).getText();
            return text.contains("连带封号") ? text : null;
        });
        assertTrue(clusters.contains("Acme Home Goods LLC · amazon ×7"), clusters);
        assertTrue(browser.findElement(By.id("cards")).getText().contains("万美元"), "money in 万美元");
        assertTrue(browser.findElement(By.id("recommendations")).getText().contains("首年净收益"));
        legendAndAlternative();
        labelsReadable();
        // a tall window for the picture in docs/: the cards, the graph's first rows and the store panel
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1400));
        js("window.linkscope.cy.resize(); window.linkscope.cy.fit(undefined, 24)");
        shot("dashboard.zh-CN.png");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
        assertEquals(List.of(), axe(), "axe on the dashboard in zh-CN");
        // the choice is kept for the next visit
        browser.get("http://127.0.0.1:" + app.httpPort() + "/");
        wait.until(d -> "关联图".equals(d.findElement(By.id("graph-title")).getText()));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("lang"))).selectByValue("en");
        wait.until(d -> "Linkage graph".equals(d.findElement(By.id("graph-title")).getText()));
    }

    @Test
    @DisplayName("axe-core finds no colour-contrast or other serious violation on the dashboard and the HTML report, in both languages")
    void accessibility() throws Exception {
        open("en");
        legendAndAlternative();
        assertEquals(List.of(), axe(), "axe on the dashboard in en");
        Http http = new Http(app.httpPort()).bearer(key);
        for (String lang : List.of("en", "zh-CN")) {
            Http.Response report = http.get("/api/v1/tenants/" + T + "/report?format=html&lang=" + lang);
            assertEquals(200, report.status());
            assertEquals(lang, report.header("Content-Language"));
            Path file = Path.of("target", "report." + lang + ".html").toAbsolutePath();
            Files.createDirectories(file.getParent());
            Files.writeString(file, report.body());
            browser.get(file.toUri().toString());
            assertEquals(List.of(), axe(), "axe on the HTML report in " + lang);
            shot("report." + lang + ".png");
        }
    }

    /** The dashboard of the demo tenant in a language, loaded. */
    private static void open(String lang) {
        open(lang, key);
    }

    private static void open(String lang, String withKey) {
        browser.get("about:blank");   // a fresh page: the same address with another fragment would only change the hash
        browser.get("http://127.0.0.1:" + app.httpPort() + "/#tenant=" + T + "&key=" + withKey + "&lang=" + lang);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(d -> "40".equals(d.findElement(By.id("store-count")).getText()));
        wait.until(d -> js("return window.linkscope && window.linkscope.cy.nodes('[kind=\"store\"]').length") != null);
    }

    private static void shot(String name) throws java.io.IOException {
        Path shot = Path.of("target", name);
        Files.createDirectories(shot.getParent());
        js("window.scrollTo(0, 0)");
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(Files.size(shot) > 10_000, "screenshot written: " + shot);
    }

    /**
     * axe-core's violations on the current page that matter here: every colour-contrast one, and any other of
     * serious or critical impact. Each as "rule (impact): n nodes, first targets".
     */
    @SuppressWarnings("unchecked")
    private static List<String> axe() throws java.io.IOException {
        Path source = Path.of(System.getenv().getOrDefault("LINKSCOPE_AXE",
                SharedNeo4j.repo().resolve(".tools/node_modules/axe-core/axe.min.js").toString()));
        assertTrue(Files.isRegularFile(source), source + " is missing: npm install --prefix .tools axe-core@4.14.1 (.ci/run does)");
        js(Files.readString(source));
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
        List<Map<String, Object>> violations = (List<Map<String, Object>>) ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => ({
                  id: v.id, impact: v.impact, count: v.nodes.length, targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}))));""");
        System.out.println("axe on " + browser.getCurrentUrl().replaceAll("key=[^&]*", "key=…") + ": " + violations);
        return violations.stream().filter(v -> "color-contrast".equals(v.get("id")) || "serious".equals(v.get("impact")) || "critical".equals(v.get("impact")))
                .map(v -> v.get("id") + " (" + v.get("impact") + "): " + v.get("count") + " nodes, " + v.get("targets")).toList();
    }

    // ---- "Check a new store" ------------------------------------------------------------------------------------

    /** The candidate that shares the demo's PayPal receiving account with the Acme Home amazon stores. */
    private static final List<String[]> SHARES_PAYPAL = List.of(
            new String[]{"ip", "192.0.2.61"},
            new String[]{"email", "fr.shop@acme-new.example"},
            new String[]{"payment", "paypal:Finance+fr@acme-home.example"},
            new String[]{"email", "fr.support@acme-new.example"});

    private static long nodes() {
        return SharedNeo4j.count("MATCH (n) RETURN count(n)", Map.of());
    }

    private static long relationships() {
        return SharedNeo4j.count("MATCH ()-[r]->() RETURN count(r)", Map.of());
    }

    /**
     * Fills the form as a person would: the platform from its list, the fields typed, the three default identifier
     * rows first and "Add identifier" (pressed with the keyboard) for more; submits with Enter in the last field.
     */
    private static void fillAndSubmit(String platform, String marketplace, String storeId, String revenue, List<String[]> identifiers) {
        fill(platform, marketplace, storeId, revenue, identifiers);
        String last = identifiers.isEmpty() ? "check-marketplace" : "check-value-" + identifiers.size();
        browser.findElement(By.id(last)).sendKeys(org.openqa.selenium.Keys.ENTER);
    }

    private static void fill(String platform, String marketplace, String storeId, String revenue, List<String[]> identifiers) {
        js("document.getElementById('check').scrollIntoView({block: 'start'})");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        if (browser.findElement(By.id("check-details")).getAttribute("open") == null) {
            browser.findElement(By.cssSelector("#check-details > summary")).sendKeys(org.openqa.selenium.Keys.ENTER);   // it opens from the keyboard
            wait.until(d -> d.findElement(By.id("check-details")).getAttribute("open") != null);
        }
        browser.findElement(By.id("check-clear")).click();
        wait.until(d -> d.findElements(By.cssSelector("#check-rows > li")).size() == 3);
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("check-platform"))).selectByValue(platform);
        type("check-marketplace", marketplace);
        type("check-store-id", storeId);
        type("check-revenue", revenue);
        for (int i = 0; i < identifiers.size(); i++) {
            if (i >= 3) {
                browser.findElement(By.id("check-add")).sendKeys(org.openqa.selenium.Keys.ENTER);
                int rows = i + 1;
                wait.until(d -> d.findElements(By.cssSelector("#check-rows > li")).size() == rows);
            }
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("check-type-" + (i + 1)))).selectByValue(identifiers.get(i)[0]);
            type("check-value-" + (i + 1), identifiers.get(i)[1]);
        }
    }

    private static void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        if (text != null && !text.isEmpty()) field.sendKeys(text);
    }

    /** The verdict line once the check answered. */
    private static String verdict() {
        // read in one script: the result is redrawn (a language switch asks again), so an element found may go stale
        return new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> (String) js(
                "const v = document.querySelector('[data-testid=check-verdict]'); return v && v.innerText.trim() ? v.innerText : null"));
    }

    /** The planned store's elements on the graph: {nodes, edges, [target, line-style, line-color] of each edge}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> plannedOnGraph() {
        return (Map<String, Object>) js("""
                const cy = window.linkscope.cy;
                const edges = cy.edges('[kind="candidate-link"]');
                return {nodes: cy.nodes('[kind="candidate"]').map(n => n.id()),
                        edges: edges.map(e => [e.target().id(), e.style('line-style'), e.style('line-color')])};""");
    }

    @Test
    @DisplayName("check a new store in English: blocked by a shared receiving account, dashed links on the graph, the fixes; "
            + "cleared from the graph; a clean one; errors beside their fields; nothing written")
    void checkANewStore() throws Exception {
        open("en");
        long stores = SharedNeo4j.storeCount(T), nodes = nodes(), relationships = relationships();

        fillAndSubmit("amazon", "FR", "PLAN-FR1", "30000", SHARES_PAYPAL);
        String verdict = verdict();
        assertTrue(verdict.startsWith("BLOCKED"), verdict);
        assertTrue(verdict.contains("critical cluster"), "the API's reason sentence: " + verdict);
        assertEquals(Boolean.TRUE, js("return document.activeElement.id === 'check-result-title'"), "focus moves to the result");

        @SuppressWarnings("unchecked")
        List<List<String>> edges = (List<List<String>>) plannedOnGraph().get("edges");
        assertEquals(List.of("amazon:FR:PLAN-FR1"), plannedOnGraph().get("nodes"), "the planned store is a node of the graph");
        List<String> toAcme = edges.stream().filter(e -> e.get(0).equals("amazon:US:A2ACME01")).findFirst()
                .orElseThrow(() -> new AssertionError("no would-be link to amazon:US:A2ACME01: " + edges));
        assertEquals("dashed", toAcme.get(1));
        assertEquals("rgb(194,65,12)", toAcme.get(2).replace(" ", ""), "the planned store's own colour");
        assertTrue(edges.stream().allMatch(e -> e.get(1).equals("dashed")), "every would-be link is dashed: " + edges);
        long solid = ((Number) js("return window.linkscope.cy.edges('[kind!=\"candidate-link\"]').filter(e => e.style('line-style') === 'solid').length")).longValue();
        assertTrue(solid > 0, "the portfolio's own links keep their styles");
        assertTrue(browser.findElement(By.cssSelector("[data-testid=check-legend]")).getText().contains("planned store"), "a legend entry");
        assertTrue(browser.findElement(By.id("graph")).getAttribute("aria-describedby").contains("check-links-caption"));

        String links = browser.findElement(By.cssSelector("[data-testid=check-links]")).getText();
        assertTrue(links.contains("amazon:US:A2ACME01") && links.contains("paypal:f***@acme-home.example"), "the links as text: " + links);
        assertEquals(edges.size(), ((Number) js("return document.querySelectorAll('#check-links tbody tr').length")).longValue(),
                "one row per dashed link");
        String cluster = browser.findElement(By.cssSelector("[data-testid=check-cluster]")).getText();
        assertTrue(cluster.contains("Acme Home Goods LLC") && cluster.contains("critical"), cluster);
        String effect = browser.findElement(By.cssSelector("[data-testid=check-effect]")).getText();
        assertTrue(effect.matches("(?s).*Δ expected loss \\+[0-9,]+ USD/yr.*"), effect);
        String hhi = browser.findElement(By.cssSelector("#check-result table.hhi")).getText();
        assertTrue(hhi.contains("platform") && hhi.contains("linked cluster"), hhi);
        String fixes = browser.findElement(By.cssSelector("[data-testid=check-fixes]")).getText();
        assertTrue(fixes.contains("its own receiving account instead of paypal:f***@acme-home.example — 100 USD"), fixes);
        assertTrue(fixes.contains("100 USD in all, and it would be clean"), fixes);
        assertFalse(browser.findElement(By.id("check-result")).getText().toLowerCase().contains("finance+fr"), "only masked displays come back");

        assertEquals(List.of(), axe(), "axe on the dashboard with a check shown, in en");
        checkShot("dashboard-check.png");

        // cleared: the result, the node, its links and its legend entry go
        browser.findElement(By.id("check-clear")).sendKeys(org.openqa.selenium.Keys.ENTER);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.until(d -> ((Number) js("return window.linkscope.cy.elements('[kind=\"candidate\"], [kind=\"candidate-link\"]').length")).intValue() == 0);
        assertTrue(browser.findElements(By.cssSelector("[data-testid=check-legend]")).isEmpty());
        assertTrue(browser.findElement(By.id("check-result")).getText().isBlank());
        assertEquals("cluster-caption", browser.findElement(By.id("graph")).getAttribute("aria-describedby"));

        // a clean candidate: a node, no link, nothing to fix
        fillAndSubmit("ebay", "DE", "PLAN-DE1", "", List.<String[]>of(new String[]{"email", "de.shop@fresh-brand.example"},
                new String[]{"device", "fp-plan-de1"}));
        verdict = verdict();
        assertTrue(verdict.startsWith("CLEAN"), verdict);
        assertEquals(List.of("ebay:DE:PLAN-DE1"), plannedOnGraph().get("nodes"));
        assertEquals(List.of(), plannedOnGraph().get("edges"));
        assertTrue(browser.findElement(By.id("check-result")).getText().contains("No link to any of your stores."));
        assertEquals("Nothing to fix.", browser.findElement(By.cssSelector("[data-testid=check-fixes]")).getText());
        assertTrue(browser.findElement(By.cssSelector("[data-testid=check-effect]")).getText().contains("counts as 0 USD"));

        // invalid: the problem's locations land beside their fields, and the graph has no planned store
        fillAndSubmit("amazon", "XX", "PLAN-X1", "-5", List.<String[]>of(new String[]{"email", "ok@fresh-brand.example"},
                new String[]{"ip", "999.1.1.1"}));
        String summary = wait.until(d -> {
            WebElement e = d.findElement(By.id("check-form-error"));
            return e.isDisplayed() && !e.getText().isBlank() ? e.getText() : null;
        });
        assertTrue(summary.startsWith("3 problems: nothing was checked"), summary);
        assertTrue(browser.findElement(By.id("check-marketplace-error")).getText().contains("marketplace"));
        assertEquals("true", browser.findElement(By.id("check-marketplace")).getAttribute("aria-invalid"));
        assertTrue(browser.findElement(By.id("check-revenue-error")).getText().contains("monthly revenue"));
        assertTrue(browser.findElement(By.id("check-value-2-error")).getText().startsWith("ip:"), "stores[0].attributes[1] is the second row");
        assertFalse(browser.findElement(By.id("check-value-1-error")).isDisplayed(), "the valid row has no error");
        assertEquals("true", browser.findElement(By.id("check-value-2")).getAttribute("aria-invalid"));
        assertEquals("check-marketplace", js("return document.activeElement.id"), "focus on the first field in error");
        assertEquals(List.of(), plannedOnGraph().get("nodes"));
        assertEquals(List.of(), axe(), "axe on the form with errors shown, in en");
        shot("dashboard-check-invalid.png");

        assertEquals(stores, SharedNeo4j.storeCount(T), "a check writes no store");
        assertEquals(nodes, nodes(), "a check writes no node");
        assertEquals(relationships, relationships(), "a check writes no relationship");
    }

    @Test
    @DisplayName("check a new store in Chinese: the verdict, the dashed links and the fixes in its words; the switch to English asks again")
    void checkANewStoreInChinese() throws Exception {
        open("zh-CN");
        long stores = SharedNeo4j.storeCount(T), nodes = nodes();
        assertEquals("新店铺开店前检测", browser.findElement(By.id("check-title")).getText());
        assertEquals("标识 1 的值", js("return document.querySelector('label[for=\"check-value-1\"]').textContent"), "row labels in Chinese");
        fillAndSubmit("amazon", "FR", "PLAN-FR1", "30000", SHARES_PAYPAL);
        String verdict = verdict();
        assertTrue(verdict.startsWith("禁止开店"), verdict);
        assertTrue(verdict.contains("极高风险"), "the API's reason in Chinese: " + verdict);
        @SuppressWarnings("unchecked")
        List<List<String>> edges = (List<List<String>>) plannedOnGraph().get("edges");
        assertTrue(edges.stream().anyMatch(e -> e.get(0).equals("amazon:US:A2ACME01") && e.get(1).equals("dashed")), edges.toString());
        assertTrue(browser.findElement(By.cssSelector("[data-testid=check-legend]")).getText().contains("计划店铺"));
        assertTrue(browser.findElement(By.cssSelector("[data-testid=check-cluster]")).getText().contains("将加入关联组"));
        String fixes = browser.findElement(By.cssSelector("[data-testid=check-fixes]")).getText();
        assertTrue(fixes.contains("改用独立的收款账户，不再使用 paypal:f***@acme-home.example — 100 美元"), fixes);
        assertTrue(fixes.contains("即可做到无关联"), fixes);
        assertTrue(browser.findElement(By.cssSelector("[data-testid=check-effect]")).getText().contains("万美元"), "money in 万美元");
        assertEquals(List.of(), axe(), "axe on the dashboard with a check shown, in zh-CN");
        checkShot("dashboard-check.zh-CN.png");

        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("lang"))).selectByValue("en");
        String again = new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
            String v = verdict();
            return v.startsWith("BLOCKED") ? v : null;
        });
        assertTrue(again.contains("critical cluster"), again);
        assertEquals(List.of("amazon:FR:PLAN-FR1"), plannedOnGraph().get("nodes"), "the redrawn graph keeps the planned store");
        assertEquals(stores, SharedNeo4j.storeCount(T), "a check writes no store");
        assertEquals(nodes, nodes(), "a check writes no node");
    }

    @Test
    @DisplayName("a check over the per-key limit says when to try again (Retry-After)")
    void checkLimited() {
        String spent = SharedNeo4j.key(app, Role.owner, T);
        Http http = new Http(app.httpPort()).bearer(spent);
        byte[] one = "{\"stores\":[{\"platform\":\"etsy\",\"marketplace\":\"US\",\"storeId\":\"LIMIT1\"}]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int status = 200;
        open("en", spent);
        fill("etsy", "US", "LIMIT2", "", List.<String[]>of(new String[]{"email", "limit@fresh-brand.example"}));
        // the key is used up right before the click (it earns a check back every 3 s)
        for (int i = 0; i < 40 && status != 429; i++) status = http.post("/api/v1/tenants/" + T + "/checks", "application/json", one).status();
        browser.findElement(By.id("check-submit")).click();
        String message = new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> {
            WebElement e = d.findElement(By.id("check-form-error"));
            return e.isDisplayed() && !e.getText().isBlank() ? e.getText() : null;
        });
        assertEquals(429, status, "the key is used up");
        assertTrue(message.matches("Too many checks with this key for now: try again in \\d+ seconds? \\(at .+\\)\\."), message);
        assertEquals(List.of(), plannedOnGraph().get("nodes"));
    }

    /** A picture of the check in a tall window: the form, its result and, below, the graph with the planned store. */
    private static void checkShot(String name) throws java.io.IOException {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1800));
        js("window.linkscope.cy.resize(); window.linkscope.cy.fit(undefined, 24)");
        shot(name);
        System.out.println("screenshot of the check: " + Path.of("target", name).toAbsolutePath());
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
        js("window.linkscope.cy.resize()");
    }

    @Test
    @DisplayName("a wrong key shows the API's problem detail instead of a dashboard")
    void wrongKey() {
        browser.get("http://127.0.0.1:" + app.httpPort() + "/#tenant=" + T + "&key=lsk_wrong&lang=en");
        String error = new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> {
            String text = d.findElement(By.id("error")).getText();
            return text.isBlank() ? null : text;
        });
        assertTrue(error.contains("Unauthorized"), error);
        assertFalse(browser.findElement(By.id("app")).isDisplayed());
        assertTrue(browser.findElement(By.id("key-hint")).getText().contains("./linkscope keys create"), "without a key, where one comes from");
    }
}
