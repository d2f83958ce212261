package io.linkscope.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Colours of the HTML report. Platforms get categorical colours in order of revenue (no reds: red means risk
 * here); risk levels and link levels share one scale from grey to red. Every colour used for text reads at 4.5:1 or
 * more on white.
 */
final class Palette {
    private static final List<String> CATEGORICAL = List.of("#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948",
            "#9c755f", "#ff9da7", "#86bcb6", "#8cd17d", "#d4a6c8", "#a0cbe8", "#ffbe7d", "#bab0ac", "#499894", "#d7b5a6");
    static final String INK = "#1d2939";
    static final String MUTED = "#5d6b82";
    static final String SUSPENDED = "#b42318";
    static final String APPROVED = "#0e9384";
    /** Approved as text: the line colour is too light for words on white (WCAG AA wants 4.5:1). */
    static final String APPROVED_TEXT = "#107569";
    static final String PROVIDER = "#4e79a7";

    private Palette() {
    }

    /** Platform → colour, in the order given (the report passes platforms by revenue, largest first). */
    static Map<String, String> platforms(List<String> platformsByRevenue) {
        Map<String, String> colours = new LinkedHashMap<>();
        for (int i = 0; i < platformsByRevenue.size(); i++) {
            colours.put(platformsByRevenue.get(i), CATEGORICAL.get(i % CATEGORICAL.size()));
        }
        return colours;
    }

    static String risk(String level) {
        return switch (level) {
            case "critical" -> "#b42318";
            case "high" -> "#b54708";
            case "medium" -> "#8a6100";
            default -> "#475467";
        };
    }

    static String link(String level) {
        return switch (level) {
            case "strong" -> "#b42318";
            case "likely" -> "#dc6803";
            default -> "#98a2b3";
        };
    }

    /** A link level as text: every colour reads at 4.5:1 or more on white (the weak line colour does not). */
    static String linkText(String level) {
        return switch (level) {
            case "strong" -> "#b42318";
            case "likely" -> "#b54708";
            default -> "#5d6b82";
        };
    }

    /** Band colours, for the HHI scale's segments. */
    static String band(String band) {
        return switch (band) {
            case "high" -> "#b42318";
            case "moderate" -> "#dc6803";
            default -> "#12b76a";
        };
    }

    /** Band colours for words: dark enough for 4.5:1 on white. */
    static String bandText(String band) {
        return switch (band) {
            case "high" -> "#b42318";
            case "moderate" -> "#b54708";
            default -> "#067647";
        };
    }
}
