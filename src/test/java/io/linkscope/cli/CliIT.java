package io.linkscope.cli;

import io.linkscope.support.SharedNeo4j;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

@DisplayName("Command line: import exit codes and error lists, demo summary, report")
class CliIT {
    /** Its own identifier secret, so other classes' imports of the demo fixture do not share its identifiers. */
    private static final Map<String, String> ENV = Map.of("LINKSCOPE_SECRET", "cli-it-secret-0123456789abcdef");

    record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void pointAtSharedDatabase() {
        SharedNeo4j.connection().forEach(System::setProperty);
        System.setProperty("LINKSCOPE_DATA", SharedNeo4j.tempDir("linkscope-cli-").toString());
        System.setProperty("LINKSCOPE_PORT", "0");
        ENV.forEach(System::setProperty);
    }

    @AfterAll
    static void clear() {
        SharedNeo4j.connection().keySet().forEach(System::clearProperty);
        System.clearProperty("LINKSCOPE_DATA");
        System.clearProperty("LINKSCOPE_PORT");
        ENV.keySet().forEach(System::clearProperty);
    }

    private static synchronized Run run(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = Main.commandLine().execute(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    @DisplayName("import of a bad file exits 3, lists every error with its location, and writes nothing")
    void importRejects() {
        Run r = run("import", SharedNeo4j.fixture("bad/mixed-valid-invalid.json").toString(), "--tenant", "cli-bad");
        assertEquals(ImportCommand.REJECTED, r.code(), r.err());
        assertTrue(r.err().contains("stores[1].attributes[0]: ip: not an IPv4 or IPv6 address"), r.err());
        assertTrue(r.err().contains("stores[2].status"), r.err());
        assertEquals(0, SharedNeo4j.storeCount("cli-bad"));
    }

    @Test
    @DisplayName("import --on-invalid skip writes the valid part and exits 4; a good file exits 0 and re-imports as a no-op")
    void importSkipAndGood() {
        Run skip = run("import", SharedNeo4j.fixture("bad/mixed-valid-invalid.json").toString(), "--tenant", "cli-skip", "--on-invalid", "skip");
        assertEquals(ImportCommand.PARTIAL, skip.code(), skip.err());
        assertEquals(2, SharedNeo4j.storeCount("cli-skip"));

        Run good = run("import", SharedNeo4j.fixture("demo-portfolio.csv").toString(), "--tenant", "cli-good");
        assertEquals(0, good.code(), good.err());
        assertTrue(good.out().contains("imported 40 stores (40 new)"), good.out());
        long observations = SharedNeo4j.observationCount("cli-good");
        Run again = run("import", SharedNeo4j.fixture("demo-portfolio.csv").toString(), "--tenant", "cli-good");
        assertEquals(0, again.code());
        assertTrue(again.out().contains("(0 new)"), again.out());
        assertEquals(observations, SharedNeo4j.observationCount("cli-good"));
    }

    @Test
    @DisplayName("usage errors are one clear line, exit 2")
    void usageErrors() {
        Run missing = run("import", "no-such-file.json", "--tenant", "cli-x");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no such file"), missing.err());
        Run tenant = run("import", SharedNeo4j.fixture("demo-portfolio.json").toString(), "--tenant", "Not Valid");
        assertEquals(2, tenant.code());
    }

    @Test
    @DisplayName("--lang zh-CN: the demo summary and an import's outcome in Chinese, problem locations and reasons as the validator gives them")
    void chinese() {
        Run demo = run("demo", "--exit", "--lang", "zh-CN");
        assertEquals(0, demo.code(), demo.err());
        assertTrue(demo.out().contains("组合 demo：14 个平台共 40 家店铺，月营收 97.40 万美元"), demo.out());
        assertTrue(demo.out().contains("极高     Acme Home Goods LLC · amazon ×7"), demo.out());
        assertTrue(demo.out().contains("连带封号"), demo.out());
        Run bad = run("import", SharedNeo4j.fixture("bad/mixed-valid-invalid.json").toString(), "--tenant", "cli-bad-zh", "--lang", "zh-CN");
        assertEquals(ImportCommand.REJECTED, bad.code());
        assertTrue(bad.err().contains("导入被拒绝，未写入任何数据。"), bad.err());
        assertTrue(bad.err().contains("stores[1].attributes[0]: ip: not an IPv4 or IPv6 address"), bad.err());
        Run wrong = run("demo", "--exit", "--lang", "fr");
        assertEquals(2, wrong.code());
        assertTrue(wrong.err().contains("--lang must be one of [en, zh-CN]"), wrong.err());
    }

    @Test
    @DisplayName("demo --exit imports the fixture and prints stores per platform, clusters and platform HHI")
    void demo() {
        Run r = run("demo", "--exit");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Portfolio demo: 40 stores on 14 platforms"), r.out());
        assertTrue(r.out().contains("CRITICAL"), r.out());
        assertTrue(r.out().matches("(?s).*platform\\s+HHI\\s+[0-9,]+\\s+high.*"), r.out());
    }

    @Test
    @DisplayName("report FILE --format json analyses on a throw-away database and prints the spec §5 document")
    void reportFile() {
        Run r = run("report", SharedNeo4j.fixture("demo-portfolio.json").toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonObject doc = new JsonObject(r.out());
        assertFalse(doc.getJsonObject("linkage").getJsonArray("links").isEmpty());
        assertEquals("high", doc.getJsonObject("concentration").getJsonObject("platform").getString("band"));
    }

    @Test
    @DisplayName("report FILE --format html -o OUT writes one self-contained page with a node per store; progress goes to stderr")
    void reportHtmlToFile() throws Exception {
        java.nio.file.Path out = SharedNeo4j.repo().resolve("target/cli-it/demo-report.html");
        java.nio.file.Files.deleteIfExists(out);
        Run r = run("report", SharedNeo4j.fixture("demo-portfolio.json").toString(), "--format", "html", "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out(), "stdout stays clean when writing to a file");
        assertTrue(r.err().contains("report written to " + out.toAbsolutePath() + " (html, "), r.err());
        assertTrue(r.err().contains("report: [2] starting a throw-away database\n"), "a log line per step off a terminal: " + r.err());
        assertFalse(r.err().contains("\r"), "no live line off a terminal");
        String html = java.nio.file.Files.readString(out);
        var doc = io.linkscope.report.ReportRenderTest.parse(html);
        assertEquals(40, io.linkscope.report.ReportRenderTest.byClass(doc, "g", "store").size(), "one node per store of the fixture");
        assertTrue(html.contains("Executive summary") && html.contains("CRITICAL"));
        assertFalse(html.contains("203.0.113.7") || html.contains("finance@acme-home.example"), "no raw identifiers");
    }
}
