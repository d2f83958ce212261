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
 * download at run time): the demo portfolio's graph, a click on a store, its evidence, and a screenshot.
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
        browser.get("http://127.0.0.1:" + app.httpPort() + "/#tenant=" + T + "&key=" + key);
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

    @Test
    @DisplayName("a wrong key shows the API's problem detail instead of a dashboard")
    void wrongKey() {
        browser.get("http://127.0.0.1:" + app.httpPort() + "/#tenant=" + T + "&key=lsk_wrong");
        String error = new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> {
            String text = d.findElement(By.id("error")).getText();
            return text.isBlank() ? null : text;
        });
        assertTrue(error.contains("Unauthorized"), error);
        assertFalse(browser.findElement(By.id("app")).isDisplayed());
    }
}
