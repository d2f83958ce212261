package io.linkscope.report;

import io.linkscope.analysis.TenantAnalysis;

import java.util.List;

/** The report formats linkscope renders today, and the one place that picks the renderer. */
public final class ReportFormat {
    public static final List<String> SUPPORTED = List.of("json", "md", "txt");

    private ReportFormat() {
    }

    public record Rendered(String contentType, String body) {
    }

    public static boolean supported(String format) {
        return SUPPORTED.contains(format);
    }

    public static Rendered render(TenantAnalysis t, String format) {
        return switch (format) {
            case "json" -> new Rendered("application/json", ReportJson.report(t).encodePrettily());
            case "md", "txt" -> new Rendered(format.equals("md") ? "text/markdown; charset=utf-8" : "text/plain; charset=utf-8",
                    format.equals("md") ? "```\n" + TerminalSummary.render(t) + "```\n" : TerminalSummary.render(t));
            default -> throw new IllegalArgumentException("format must be one of " + SUPPORTED);
        };
    }
}
