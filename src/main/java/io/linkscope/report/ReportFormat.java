package io.linkscope.report;

import io.linkscope.analysis.TenantAnalysis;

import java.util.List;

/** The report formats linkscope renders, and the one place that picks the renderer (CLI and API alike). */
public final class ReportFormat {
    public static final List<String> SUPPORTED = List.of("json", "html", "csv", "md", "txt");

    private ReportFormat() {
    }

    public record Rendered(String contentType, String body) {
    }

    public static boolean supported(String format) {
        return SUPPORTED.contains(format);
    }

    /** Whether the format shows revenue at risk, recommendations and blast radius, or only the links (csv). */
    public static boolean needsRisk(String format) {
        return !format.equals("csv");
    }

    public static Rendered render(TenantAnalysis t, String format) {
        return render(t, format, Messages.english());
    }

    /** The report in the language of {@code m}. */
    public static Rendered render(TenantAnalysis t, String format, Messages m) {
        return switch (format) {
            case "json" -> new Rendered("application/json", ReportJson.report(t, m).encodePrettily());
            case "html" -> new Rendered("text/html; charset=utf-8", HtmlReport.render(ReportContent.of(t, m)));
            case "csv" -> new Rendered("text/csv; charset=utf-8", CsvReport.render(ReportContent.linksByScore(t.linkage().links()), m));
            case "md" -> new Rendered("text/markdown; charset=utf-8", MarkdownReport.render(ReportContent.of(t, m)));
            case "txt" -> new Rendered("text/plain; charset=utf-8", TerminalSummary.render(t, m));
            default -> throw new IllegalArgumentException("format must be one of " + SUPPORTED);
        };
    }
}
