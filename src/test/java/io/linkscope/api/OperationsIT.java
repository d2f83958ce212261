package io.linkscope.api;

import io.linkscope.App;
import io.linkscope.support.Http;
import io.linkscope.support.SharedNeo4j;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

@DisplayName("Operations: liveness and readiness, Prometheus metrics that promtool accepts, route labels before routing")
class OperationsIT {

    @Test
    @DisplayName("/health/ready is 503 while held (the demo before its import) and 200 once released; /health/live is 200 throughout")
    void readiness() {
        try (App app = App.start(SharedNeo4j.config(Map.of()), true, true)) {
            Http http = new Http(app.httpPort());
            assertEquals(200, http.get("/health/live").status());
            Http.Response held = http.get("/health/ready");
            assertEquals(503, held.status());
            assertEquals("held", held.json().getString("status"));
            assertNotNull(held.header("Retry-After"));
            app.readiness().release();
            Http.Response ready = http.get("/health/ready");
            assertEquals(200, ready.status(), ready.body());
            assertEquals("ready", ready.json().getString("status"));
        }
    }

    @Test
    @DisplayName("/metrics: JVM, process and Netty families, HTTP latency buckets, help on every family, a route on a 401; promtool check metrics is clean")
    void metrics() throws Exception {
        try (App app = SharedNeo4j.startApp(Map.of())) {
            Http anonymous = new Http(app.httpPort());
            assertEquals(401, anonymous.get("/api/v1/tenants/ops/linkage").status());
            Http http = new Http(app.httpPort()).bearer(SharedNeo4j.adminKey(app));
            http.get("/api/v1/tenants");
            String text = http.get("/metrics").body();
            for (String family : new String[]{"jvm_memory_used_bytes", "jvm_gc_", "jvm_threads_live_threads", "process_cpu_usage",
                    "process_uptime_seconds", "netty_allocator_memory_used", "vertx_http_server_response_time_seconds_bucket"}) {
                assertTrue(text.contains(family), family + " is missing from /metrics");
            }
            assertTrue(text.contains("route=\"/api/v1/tenants/{tenant}/linkage\"") && text.contains("code=\"401\""),
                    "a 401 answered before routing still has its route");
            assertFalse(text.contains("route=\"\""), "no empty route label");
            assertTrue(text.matches("(?s).*vertx_http_server_response_time_seconds_bucket\\{[^}]*le=\"0\\.001\".*"), "1 ms bucket");
            Set<String> typed = new HashSet<>();
            Set<String> helped = new HashSet<>();
            for (String line : text.split("\n")) {
                if (line.startsWith("# TYPE ")) typed.add(line.split(" ")[2]);
                if (line.startsWith("# HELP ") && line.split(" ", 4).length == 4 && !line.split(" ", 4)[3].isBlank()) helped.add(line.split(" ")[2]);
            }
            typed.removeAll(helped);
            assertEquals(Set.of(), typed, "every family has help text");

            boolean required = "1".equals(System.getenv("LINKSCOPE_CI"));
            boolean present = Files.isExecutable(Path.of("/usr/bin/promtool"));
            if (required) assertTrue(present, "CI installs Debian's prometheus package for promtool");
            Assumptions.assumeTrue(present, "promtool is not installed here");
            Process promtool = new ProcessBuilder("/usr/bin/promtool", "check", "metrics").redirectErrorStream(true).start();
            promtool.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            promtool.getOutputStream().close();
            String out = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(promtool.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, promtool.exitValue(), "promtool check metrics: " + out);
            assertEquals("", out.strip(), "promtool reports no problem");
        }
    }
}
