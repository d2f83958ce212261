package io.linkscope.report;

import io.linkscope.analysis.linkage.LinkageRisk;
import io.linkscope.analysis.model.Evidence;
import io.linkscope.normalize.IdentifierType;

import java.math.BigDecimal;
import java.util.Locale;

/** Number and label formatting shared by every report format, so the same figure reads the same everywhere. */
final class Fmt {
    private Fmt() {
    }

    static String money(double usd) {
        return String.format(Locale.ROOT, "%,.0f", usd);
    }

    /** Signed, for effects: {@code -3,441,411} or {@code +12,000}; zero is {@code 0}. */
    static String signedMoney(double usd) {
        if (Math.round(usd) == 0) return "0";
        return (usd > 0 ? "+" : "") + money(usd);
    }

    static String signed(double value) {
        if (Math.round(value) == 0) return "0";
        return String.format(Locale.ROOT, "%+,.0f", value);
    }

    static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    private static final java.util.Map<String, String> DIMENSIONS = java.util.Map.of("platform", "platform",
            "marketplace", "marketplace", "paymentProvider", "payment provider", "legalEntity", "legal entity", "cluster", "linked cluster");

    /** "platform −1,163 · linked cluster −820": platform always, the other dimensions where the action moves them. */
    static String hhiDeltas(java.util.Map<String, Double> deltas) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        deltas.forEach((dim, d) -> {
            if ("platform".equals(dim) || Math.abs(d) >= 0.5) parts.add(DIMENSIONS.getOrDefault(dim, dim) + " " + signed(d));
        });
        return String.join(" · ", parts);
    }

    /** What doing the worthwhile actions together achieves, as one sentence; null when none is worthwhile. */
    static String plan(io.linkscope.analysis.TenantAnalysis t) {
        var p = t.plan();
        if (p == null) return null;
        return "Doing the " + p.actions().size() + " action" + (p.actions().size() == 1 ? "" : "s") + " with a positive first-year net together: "
                + "Δ expected loss " + signedMoney(p.deltaExpectedLossUsd()) + " USD a year ("
                + (p.firstOrderLossBeforeUsd() > 0 ? pct(-p.deltaExpectedLossUsd() / p.firstOrderLossBeforeUsd()) + " of it, " : "")
                + "first-order), platform HHI "
                + hhi(t.concentration().platform().hhi()) + " → " + hhi(p.platformHhiAfter())
                + (p.criticalClustersRemoved() > 0 ? ", " + p.criticalClustersRemoved() + " critical cluster" + (p.criticalClustersRemoved() == 1 ? "" : "s") + " fewer" : "")
                + ", one-off cost " + money(p.costUsd()) + " USD (a replacement two actions share is counted once).";
    }

    /** One-off cost, first-year net and payback of an action, as one line. */
    static String value(io.linkscope.analysis.risk.Recommender.Action a) {
        String s = "cost " + money(a.costUsd()) + " USD · first-year net " + signedMoney(a.netFirstYearUsd()) + " USD";
        if (a.paybackMonths() != null) s += " · pays back in " + (a.paybackMonths() < 1 ? "under a month" : String.format(java.util.Locale.ROOT, "%.1f months", a.paybackMonths()));
        return s;
    }

    static String hhi(double hhi) {
        return String.format(Locale.ROOT, "%,.0f", hhi);
    }

    /** A score exactly as the model holds it (already rounded there), without trailing zeros. */
    static String score(double score) {
        return BigDecimal.valueOf(score).stripTrailingZeros().toPlainString();
    }

    /** A score for people to read: two decimals, like the levels' thresholds. */
    static String score2(double score) {
        return String.format(Locale.ROOT, "%.2f", score);
    }

    /** {@code payment paypal:f***@acme-home.example}: the type and the masked display, never the raw value. */
    static String evidence(Evidence e) {
        return e.type().wire() + " " + e.display();
    }

    static String riskLabel(String risk) {
        return risk.toUpperCase(Locale.ROOT);
    }

    /** Position of a risk level in low &lt; medium &lt; high &lt; critical; -1 for anything else. */
    static int rank(String risk) {
        return LinkageRisk.LEVELS.indexOf(risk);
    }

    /** How a link is drawn: by the kind of its heaviest piece of evidence. */
    enum EvidenceKind {
        MONEY_IDENTITY("money or identity (payment, bank, card, tax id, person, legal entity)", "none"),
        NETWORK("network (IP, subnet)", "7 4"),
        CONTACT_DEVICE("contact or device (email, phone, device, domain, address)", "1.5 3");

        final String label;
        final String dash;

        EvidenceKind(String label, String dash) {
            this.label = label;
            this.dash = dash;
        }

        static EvidenceKind of(IdentifierType type) {
            return switch (type) {
                case PAYMENT, BANK_ACCOUNT, CARD, TAX_ID, PERSON, LEGAL_ENTITY -> MONEY_IDENTITY;
                case IP, IP_SUBNET -> NETWORK;
                case EMAIL, PHONE, DEVICE, DOMAIN, ADDRESS -> CONTACT_DEVICE;
            };
        }
    }
}
