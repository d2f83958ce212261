package io.linkscope.report;

import io.linkscope.analysis.model.Evidence;
import io.linkscope.analysis.model.Link;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One row per linked pair, strongest first, for spreadsheets. Evidence types are {@code ;}-separated; evidence
 * is the masked displays ({@code type display}), also {@code ;}-separated. Columns, levels and types are data and stay
 * as the API names them; only the generic marker is in the reader's language.
 */
final class CsvReport {
    static final String[] HEADER = {"a", "b", "score", "level", "samePlatform", "evidenceTypes", "evidence"};

    private CsvReport() {
    }

    static String render(List<Link> links, Messages m) {
        StringBuilder out = new StringBuilder(links.size() * 160);
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(HEADER).setRecordSeparator("\n").get())) {
            for (Link l : links) {
                csv.printRecord(safe(l.a()), safe(l.b()), Fmt.score(l.score()), l.level(), l.samePlatform(),
                        l.evidence().stream().map(e -> e.type().wire()).distinct().collect(Collectors.joining(";")),
                        safe(l.evidence().stream().map(e -> evidence(e, m)).collect(Collectors.joining("; "))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String evidence(Evidence e, Messages m) {
        String variant = Fmt.variant(m, e);
        return Fmt.evidence(e) + (e.generic() ? " (" + m.t("evidence.generic") + ")" : "") + (variant == null ? "" : " (" + variant + ")");
    }

    /** A spreadsheet would run a cell starting with = + - @ as a formula; a leading quote keeps it text. */
    static String safe(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
