package io.linkscope.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

@DisplayName("Progress: a live line on a terminal, a log line per step otherwise")
class ProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong clock = new AtomicLong();

    private String written() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void seconds(double s) {
        clock.addAndGet((long) (s * 1e9));
    }

    @Test
    @DisplayName("not a terminal: one line per step, and one per tenth of a counted step, with counts and rate")
    void plainLines() {
        try (Progress p = new Progress(err, false, "bench ingest", clock::get, false)) {
            p.step("generating");
            seconds(1);
            p.step("linkscope writer", 1_000, "observations");
            for (int i = 0; i < 100; i++) {
                seconds(0.02);
                p.advance(10);
            }
            p.note("  linkscope writer: 1,000 observations");
        }
        String out = written();
        assertFalse(out.contains("\r"), "no carriage returns in a log");
        List<String> lines = out.lines().toList();
        assertEquals("bench ingest: [1] generating", lines.get(0));
        assertEquals("bench ingest: [2] linkscope writer (1,000 observations)", lines.get(1));
        assertEquals(10, lines.stream().filter(l -> l.contains("linkscope writer: ") && l.contains("%")).count(), out);
        assertTrue(lines.contains("bench ingest: [2] linkscope writer: 100%  1,000 / 1,000 observations, 500 observations/s"), out);
        assertTrue(lines.contains("bench ingest: [2] linkscope writer:  50%  500 / 1,000 observations, 500 observations/s"), out);
        assertEquals("  linkscope writer: 1,000 observations", lines.get(lines.size() - 1));
    }

    @Test
    @DisplayName("terminal: one line rewritten with \\r, redrawn at most every 100 ms, cleared for other output and at the end")
    void liveLine() {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        try (Progress p = new Progress(err, true, "eval", clock::get, false)) {
            p.step("seed 1: linkage", 200, "pairs");
            int redraws = written().split("\r", -1).length;
            for (int i = 0; i < 200; i++) {
                seconds(0.01);
                p.advance(1);
            }
            int after = written().split("\r", -1).length;
            assertTrue(after - redraws <= 21 && after - redraws >= 15, "throttled to about one redraw per 100 ms: " + (after - redraws));
            assertFalse(written().contains("\n"), "nothing but the live line so far");
            assertTrue(written().endsWith("eval: [1] seed 1: linkage  100%  200 / 200 pairs, 100 pairs/s  2.0 s"), written());

            p.print(new PrintStream(stdout, true, StandardCharsets.UTF_8), "seed 1: AUC 0.99");
            String beforeRedraw = written().substring(0, written().lastIndexOf("\reval:"));
            assertTrue(beforeRedraw.endsWith("\r"), "the live line was blanked out before the result was printed");
            assertTrue(written().endsWith("eval: [1] seed 1: linkage  100%  200 / 200 pairs, 100 pairs/s  2.0 s"), "and drawn again");
        }
        assertEquals("seed 1: AUC 0.99\n", stdout.toString(StandardCharsets.UTF_8), "results go to their own stream, untouched");
        String out = written();
        assertTrue(out.endsWith("\r"), "closing leaves the line blank");
        assertTrue(out.substring(out.lastIndexOf("s\r") + 2).isBlank());
    }

    @Test
    @DisplayName("a shorter line overwrites a longer one completely")
    void overwrite() {
        try (Progress p = new Progress(err, true, "report", clock::get, false)) {
            p.step("starting a throw-away database");
            p.step("rendering");
            String last = written().substring(written().lastIndexOf('\r') + 1);
            assertEquals("report: [1] starting a throw-away database  0.0 s".length(), last.length(), "padded over the previous text");
            assertTrue(last.startsWith("report: [2] rendering  0.0 s"));
        }
    }
}
