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
 * report in both languages.
 */
@DisplayName("Dashboard in headless Chromium")
class DashboardIT {
    private static final String T = "dash-demo";
    private static App app;
    private static String key;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() {
        app = SharedNeo4j.startApp(Map.of("LINKSCOPE_SECRET", "dashboard-it-secret-0123456789abcdef"));
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
        browser.get("http://127.0.0.1:" + app.httpPort() + "/#tenant=" + T + "&key=" + key + "&lang=" + lang);
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
