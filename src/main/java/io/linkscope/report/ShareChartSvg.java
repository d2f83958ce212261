package io.linkscope.report;

import io.linkscope.analysis.risk.Concentration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A horizontal bar chart of revenue shares with the dimension's HHI placed on a 0–10,000 scale coloured by the
 * concentration bands, as inline SVG.
 */
final class ShareChartSvg {
    static final double WIDTH = 500;
    private static final double LABEL = 110, VALUE = 56, BAR_H = 16, ROW = 22, SCALE_TOP = 44;

    private ShareChartSvg() {
    }

    /** One bar: a name, its share, and how many names it stands for (more than one for "other"). */
    record Bar(String name, double share, int count) {
    }

    /** The largest {@code max - 1} shares, and the rest summed into one bar, so a long tail stays readable. */
    static List<Bar> bars(Messages m, Map<String, Double> shares, int max) {
        List<Bar> bars = new ArrayList<>();
        List<Map.Entry<String, Double>> entries = new ArrayList<>(shares.entrySet());
        int shown = entries.size() <= max ? entries.size() : max - 1;
        for (int i = 0; i < shown; i++) bars.add(new Bar(entries.get(i).getKey(), entries.get(i).getValue(), 1));
        if (shown < entries.size()) {
            double rest = entries.subList(shown, entries.size()).stream().mapToDouble(Map.Entry::getValue).sum();
            bars.add(new Bar(m.t("chart.other", "count", entries.size() - shown), rest, entries.size() - shown));
        }
        return bars;
    }

    /** @param labelOf the name shown for a share's key (a provider slug becomes its name), colourOf its bar colour */
    static void render(Html h, Messages m, String title, Concentration.Dimension d, Concentration.Bands bands, Function<String, String> colourOf,
                       Function<String, String> labelOf) {
        List<Bar> bars = bars(m, d.shares(), 9);
        double barMax = WIDTH - LABEL - VALUE;
        double top = SCALE_TOP + 40;
        double height = top + bars.size() * ROW + 6;
        h.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "chart", "role", "img", "width", Html.num(WIDTH),
                "height", Html.num(height), "viewBox", "0 0 " + Html.num(WIDTH) + " " + Html.num(height),
                "aria-label", m.t("chart.aria", "title", title, "hhi", m.integer(d.hhi()), "band", m.band(d.band())));
        h.el("text", title, "x", "0", "y", "14", "font-size", "14", "font-weight", "700", "fill", Palette.INK);
        h.el("text", m.t("chart.subtitle", "hhi", m.integer(d.hhi()), "band", m.band(d.band()), "effective", m.decimal(d.effectiveNumber(), 1)),
                "x", "0", "y", "33", "font-size", "12", "fill", Palette.bandText(d.band()), "font-weight", "600");
        scale(h, m, d.hhi(), bands);
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double y = top + i * ROW;
            h.el("text", b.count() > 1 ? b.name() : labelOf.apply(b.name()), "x", Html.num(LABEL - 8), "y", Html.num(y + BAR_H - 4), "text-anchor", "end", "font-size", "12", "fill", Palette.INK);
            double w = Math.max(1, barMax * b.share());
            h.empty("rect", "class", "bar", "x", Html.num(LABEL), "y", Html.num(y), "width", Html.num(w), "height", Html.num(BAR_H),
                    "rx", "2", "fill", b.count() > 1 ? "#d0d5dd" : colourOf.apply(b.name()));
            h.el("text", m.pct(b.share()), "x", Html.num(LABEL + w + 6), "y", Html.num(y + BAR_H - 4), "font-size", "12",
                    "fill", Palette.INK);
        }
        h.close("svg");
    }

    /** 0–10,000 with the bands shaded and a marker at the HHI. */
    private static void scale(Html h, Messages m, double hhi, Concentration.Bands bands) {
        double x0 = 0, w = WIDTH - 20, y = SCALE_TOP, hgt = 10;
        double[][] segments = {{0, bands.moderate()}, {bands.moderate(), bands.high()}, {bands.high(), 10_000}};
        String[] colours = {Palette.band("unconcentrated"), Palette.band("moderate"), Palette.band("high")};
        for (int i = 0; i < segments.length; i++) {
            h.empty("rect", "x", Html.num(x0 + w * segments[i][0] / 10_000), "y", Html.num(y),
                    "width", Html.num(w * (segments[i][1] - segments[i][0]) / 10_000), "height", Html.num(hgt),
                    "fill", colours[i], "fill-opacity", "0.35");
        }
        for (double tick : new double[]{0, bands.moderate(), bands.high(), 5_000, 10_000}) {
            double tx = x0 + w * tick / 10_000;
            h.el("text", m.integer(tick), "x", Html.num(tx), "y", Html.num(y + hgt + 12), "font-size", "9", "fill", Palette.MUTED,
                    "text-anchor", tick == 0 ? "start" : tick == 10_000 ? "end" : "middle");
        }
        double mx = x0 + w * Math.min(hhi, 10_000) / 10_000;
        h.empty("path", "d", "M" + Html.num(mx) + " " + Html.num(y + hgt) + "l-5 -13h10z", "fill", Palette.INK);
    }
}
