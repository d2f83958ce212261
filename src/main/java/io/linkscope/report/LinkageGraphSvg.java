package io.linkscope.report;

import io.linkscope.analysis.model.Evidence;
import io.linkscope.analysis.model.Link;
import io.linkscope.analysis.model.StoreInfo;
import io.linkscope.analysis.model.StoreRisk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The linkage graph as inline SVG, laid out by plain geometry so the same analysis always draws the same
 * picture: each linked cluster is a ring of its stores inside an outline, clusters are packed in rows (riskiest
 * first), and stores outside any cluster sit in a grid after them. Node area follows monthly revenue; colour is the
 * platform; links are coloured by level and dashed by the kind of their heaviest evidence.
 */
final class LinkageGraphSvg {
    static final double WIDTH = 780; // fits an A4 page at print scale without shrinking the labels
    private static final double MIN_NODE = 5, MAX_NODE = 17;
    private static final double LABEL_WIDTH = 84, LABEL_HEIGHT = 24, CLUSTER_HEADER = 50, GAP = 18;
    private static final double UNLINKED_CELL_W = 116, UNLINKED_CELL_H = 64, UNLINKED_HEADER = 28;

    record Node(StoreInfo store, double x, double y, double r) {
    }

    record Ring(ReportContent.NumberedCluster cluster, double cx, double cy, double radius) {
    }

    /** @param unlinkedX x, unlinkedY y of the heading over the stores in no cluster; y is -1 when every store is in one */
    record Layout(Map<String, Node> nodes, List<Ring> rings, double unlinkedX, double unlinkedY, double height) {
    }

    private LinkageGraphSvg() {
    }

    static Layout layout(ReportContent c) {
        double maxRevenue = c.storesByKey().values().stream().mapToDouble(LinkageGraphSvg::revenue).max().orElse(0);
        Map<String, Node> nodes = new LinkedHashMap<>();
        List<Ring> rings = new ArrayList<>();
        Shelf shelf = new Shelf();
        for (ReportContent.NumberedCluster nc : c.clusters()) {
            List<StoreInfo> members = nc.cluster().stores().stream().map(c.storesByKey()::get)
                    .sorted(Comparator.comparing(StoreInfo::platform).thenComparing(StoreInfo::key)).toList();
            int n = members.size();
            double biggest = members.stream().mapToDouble(s -> radius(s, maxRevenue)).max().orElse(MIN_NODE);
            double ring = Math.max(44, n * (2 * biggest + LABEL_WIDTH) / (2 * Math.PI));
            double outline = ring + Math.max(biggest + LABEL_HEIGHT + 6, LABEL_WIDTH / 2 + 4);
            // the header (label, name, size) is centred over the ring: a long name widens the ring's box
            double box = Math.max(2 * outline, textWidth(nc.name(), 11) + 8);
            double[] at = shelf.place(box, CLUSTER_HEADER + 2 * outline);
            double cx = at[0] + box / 2, cy = at[1] + CLUSTER_HEADER + outline;
            rings.add(new Ring(nc, cx, cy, outline));
            double start = n == 2 || n == 3 ? Math.PI : -Math.PI / 2; // side by side, or a triangle with labels apart
            for (int i = 0; i < n; i++) {
                double angle = start + 2 * Math.PI * i / n;
                StoreInfo s = members.get(i);
                nodes.put(s.key(), new Node(s, cx + ring * Math.cos(angle), cy + ring * Math.sin(angle), radius(s, maxRevenue)));
            }
        }
        double[] unlinked = {0, -1};
        if (!c.unclustered().isEmpty()) {
            int count = c.unclustered().size();
            int columns = (int) Math.min(count, WIDTH / UNLINKED_CELL_W);
            double[] at = shelf.place(Math.max(columns * UNLINKED_CELL_W, 200), UNLINKED_HEADER + Math.ceil(count / (double) columns) * UNLINKED_CELL_H);
            unlinked = at;
            for (int i = 0; i < count; i++) {
                StoreInfo s = c.unclustered().get(i);
                double nx = at[0] + (i % columns) * UNLINKED_CELL_W + UNLINKED_CELL_W / 2;
                double ny = at[1] + UNLINKED_HEADER + (i / columns) * UNLINKED_CELL_H + MAX_NODE;
                nodes.put(s.key(), new Node(s, nx, ny, radius(s, maxRevenue)));
            }
        }
        return new Layout(nodes, rings, unlinked[0], unlinked[1], Math.max(shelf.height(), 60));
    }

    /** About how wide a line of text is: Han characters are square, Latin ones a little over half the size. */
    static double textWidth(String text, double fontSize) {
        double w = 0;
        for (int i = 0; i < text.length(); i++) w += Character.UnicodeScript.of(text.charAt(i)) == Character.UnicodeScript.HAN ? fontSize : 0.58 * fontSize;
        return w;
    }

    /** Left-to-right rows of boxes, wrapping at {@link #WIDTH}. */
    private static final class Shelf {
        double x, y, rowHeight;

        double[] place(double width, double height) {
            if (x > 0 && x + width > WIDTH) {
                x = 0;
                y += rowHeight + GAP;
                rowHeight = 0;
            }
            double[] at = {x, y};
            x += width + GAP;
            rowHeight = Math.max(rowHeight, height);
            return at;
        }

        double height() {
            return y + rowHeight;
        }
    }

    static void render(Html h, ReportContent c, Map<String, String> platformColours) {
        Messages m = c.m();
        Layout layout = layout(c);
        h.open("svg", "xmlns", "http://www.w3.org/2000/svg", "class", "graph", "role", "img",
                "viewBox", "-8 -4 " + Html.num(WIDTH + 16) + " " + Html.num(layout.height() + 8),
                "width", Html.num(WIDTH + 16), "height", Html.num(layout.height() + 8),
                "aria-label", m.t("graph.aria", "stores", c.storesByKey().size(), "clusters", c.clusters().size()),
                "aria-describedby", c.clusters().isEmpty() ? null : "cluster-table");
        for (Ring r : layout.rings()) {
            var cluster = r.cluster().cluster();
            String colour = Palette.risk(cluster.risk());
            h.open("g", "class", "cluster", "data-cluster", cluster.id());
            h.empty("circle", "cx", Html.num(r.cx()), "cy", Html.num(r.cy()), "r", Html.num(r.radius()), "fill", colour,
                    "fill-opacity", "0.05", "stroke", colour, "stroke-width", cluster.risk().equals("critical") ? "2.5" : "1.5");
            h.el("text", r.cluster().label() + " · " + Fmt.riskLabel(m, cluster.risk()), "x", Html.num(r.cx()),
                    "y", Html.num(r.cy() - r.radius() - 32), "text-anchor", "middle", "font-size", "13", "font-weight", "700", "fill", colour);
            h.el("text", r.cluster().name(), "x", Html.num(r.cx()), "y", Html.num(r.cy() - r.radius() - 18), "text-anchor", "middle",
                    "font-size", "11", "font-weight", "600", "fill", Palette.INK);
            h.el("text", m.t("graph.clusterSize", "stores", cluster.stores().size(), "revenue", m.money(cluster.monthlyRevenueUsd())),
                    "x", Html.num(r.cx()), "y", Html.num(r.cy() - r.radius() - 4), "text-anchor", "middle", "font-size", "11",
                    "fill", Palette.MUTED);
            h.close("g").nl();
        }
        if (layout.unlinkedY() >= 0) {
            h.el("text", m.t("graph.unclustered", "count", c.unclustered().size()), "x", Html.num(layout.unlinkedX() + 8),
                    "y", Html.num(layout.unlinkedY() + 14),
                    "font-size", "13", "font-weight", "700", "fill", Palette.MUTED);
        }
        // weakest first, so strong links are drawn on top
        List<Link> drawOrder = new ArrayList<>(drawn(c));
        java.util.Collections.reverse(drawOrder);
        h.open("g", "class", "links");
        for (Link l : drawOrder) link(h, m, l, layout.nodes().get(l.a()), layout.nodes().get(l.b()));
        h.close("g").nl();
        for (Node n : layout.nodes().values()) node(h, c, n, platformColours);
        // labels last, with a white halo, so neither lines nor neighbouring nodes cover them
        h.open("g", "class", "labels", "paint-order", "stroke", "stroke", "#ffffff", "stroke-width", "3", "stroke-linejoin", "round");
        for (Node n : layout.nodes().values()) label(h, m, n, layout);
        h.close("g").nl();
        h.close("svg").nl();
    }

    /**
     * The links the picture shows: all within clusters and every link of likely strength or above. Weak links
     * between clusters are left to the links table: most are crowded values (a VPN exit, a shared subnet) the
     * scoring already discounts, and drawn across the figure they would outweigh the ties that matter.
     */
    static List<Link> drawn(ReportContent c) {
        Map<String, String> clusterOf = new java.util.HashMap<>();
        for (var nc : c.clusters()) nc.cluster().stores().forEach(k -> clusterOf.put(k, nc.cluster().id()));
        return c.links().stream().filter(l -> !l.level().equals("weak")
                || (clusterOf.get(l.a()) != null && clusterOf.get(l.a()).equals(clusterOf.get(l.b())))).toList();
    }

    /** One stroke per kind of evidence the pair shares, side by side: solid, dashed, dotted. */
    private static void link(Html h, Messages m, Link l, Node a, Node b) {
        if (a == null || b == null) return;
        List<Fmt.EvidenceKind> kinds = kinds(l);
        String colour = l.disclosed() ? Palette.APPROVED : Palette.link(l.level());
        double width = switch (l.level()) {
            case "strong" -> 2.2;
            case "likely" -> 1.8;
            default -> 1.2;
        };
        double length = Math.max(1e-6, Math.hypot(b.x() - a.x(), b.y() - a.y()));
        double nx = -(b.y() - a.y()) / length, ny = (b.x() - a.x()) / length;
        h.open("g", "class", "link " + l.level(), "data-a", l.a(), "data-b", l.b());
        h.el("title", m.t("graph.linkTitle", "a", l.a(), "b", l.b(), "level", m.linkLevel(l.level()), "score", Fmt.score2(l.score()),
                "approved", l.disclosed() ? "yes" : "no",
                "evidence", String.join(m.t("list.separator"), l.evidence().stream().map(e -> Fmt.evidence(m, e)).toList())));
        for (int i = 0; i < kinds.size(); i++) {
            double offset = (i - (kinds.size() - 1) / 2.0) * (width + 1.6);
            Fmt.EvidenceKind kind = kinds.get(i);
            h.empty("line", "class", "kind-" + kind.name().toLowerCase(java.util.Locale.ROOT),
                    "x1", Html.num(a.x() + nx * offset), "y1", Html.num(a.y() + ny * offset),
                    "x2", Html.num(b.x() + nx * offset), "y2", Html.num(b.y() + ny * offset),
                    "stroke", colour, "stroke-width", Html.num(kind == Fmt.EvidenceKind.MONEY_IDENTITY ? width : width * 0.8),
                    "stroke-dasharray", kind.dash.equals("none") ? null : kind.dash, "stroke-linecap", "butt",
                    "stroke-opacity", l.level().equals("weak") && !l.disclosed() ? "0.6" : "0.9");
        }
        h.close("g");
    }

    /**
     * The kinds of evidence that would each make at least a weak link on their own, heaviest kind first; a link
     * made only of lighter evidence shows its heaviest kind.
     */
    static List<Fmt.EvidenceKind> kinds(Link l) {
        double weak = io.linkscope.analysis.linkage.LinkageConfig.defaults().minScore();
        List<Fmt.EvidenceKind> kinds = l.evidence().stream().filter(e -> e.weight() >= weak)
                .sorted(Comparator.comparingDouble(Evidence::weight).reversed())
                .map(e -> Fmt.EvidenceKind.of(e.type())).distinct().toList();
        return kinds.isEmpty() ? List.of(dominant(l)) : kinds;
    }

    private static void node(Html h, ReportContent c, Node n, Map<String, String> platformColours) {
        Messages m = c.m();
        StoreInfo s = n.store();
        StoreRisk risk = c.analysis().linkage().storeRisk().get(s.key());
        h.open("g", "class", s.suspended() ? "store suspended" : "store", "data-store", s.key());
        h.el("title", m.t("graph.storeTitle", "store", s.key(), "platform", s.platform(), "status", m.t("status." + s.status()),
                "revenue", m.money(revenue(s)), "risk", m.risk(risk == null ? "low" : risk.risk())));
        h.empty("circle", "cx", Html.num(n.x()), "cy", Html.num(n.y()), "r", Html.num(n.r()),
                "fill", platformColours.getOrDefault(s.platform(), Palette.MUTED), "stroke", s.suspended() ? Palette.SUSPENDED : "#ffffff",
                "stroke-width", s.suspended() ? "2.5" : "1.5");
        if (s.suspended()) {
            double d = n.r() + 4;
            h.empty("path", "d", "M" + Html.num(n.x() - d) + " " + Html.num(n.y() - d) + "L" + Html.num(n.x() + d) + " " + Html.num(n.y() + d)
                            + "M" + Html.num(n.x() + d) + " " + Html.num(n.y() - d) + "L" + Html.num(n.x() - d) + " " + Html.num(n.y() + d),
                    "stroke", Palette.SUSPENDED, "stroke-width", "2.5", "stroke-linecap", "round");
        }
        h.close("g").nl();
    }

    /** Store id and platform under the node, or above it for nodes in the upper half of their ring. */
    private static void label(Html h, Messages m, Node n, Layout layout) {
        StoreInfo s = n.store();
        boolean above = layout.rings().stream().anyMatch(r -> Math.hypot(n.x() - r.cx(), n.y() - r.cy()) < r.radius() && n.y() < r.cy() - 1);
        double first = above ? n.y() - n.r() - 15 : n.y() + n.r() + 11;
        String colour = s.suspended() ? Palette.SUSPENDED : Palette.INK;
        h.el("text", s.marketplace() + " · " + shorten(s.storeId(), 16), "x", Html.num(n.x()), "y", Html.num(first), "text-anchor", "middle",
                "font-size", "10", "fill", colour);
        h.el("text", s.suspended() ? s.platform() + " · " + m.t("store.suspended").toUpperCase(m.locale().toLocale()) : s.platform(), "x", Html.num(n.x()), "y", Html.num(first + 11),
                "text-anchor", "middle", "font-size", "9", "fill", s.suspended() ? Palette.SUSPENDED : Palette.MUTED,
                "font-weight", s.suspended() ? "700" : null);
    }

    /** The kind of the heaviest piece of evidence decides how a link is dashed. */
    static Fmt.EvidenceKind dominant(Link l) {
        return l.evidence().stream().max(Comparator.comparingDouble(Evidence::weight))
                .map(e -> Fmt.EvidenceKind.of(e.type())).orElse(Fmt.EvidenceKind.NETWORK);
    }

    private static double radius(StoreInfo s, double maxRevenue) {
        return maxRevenue <= 0 ? MIN_NODE : MIN_NODE + (MAX_NODE - MIN_NODE) * Math.sqrt(revenue(s) / maxRevenue);
    }

    private static double revenue(StoreInfo s) {
        return s.suspended() || "closed".equals(s.status()) ? 0 : Math.max(0, s.monthlyRevenueUsd());
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
