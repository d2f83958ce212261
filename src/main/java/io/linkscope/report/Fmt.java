package io.linkscope.report;

import io.linkscope.analysis.linkage.LinkageRisk;
import io.linkscope.analysis.model.Evidence;
import io.linkscope.analysis.risk.Recommender;
import io.linkscope.normalize.IdentifierType;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Figures and labels shared by every report format, so the same figure reads the same everywhere. */
final class Fmt {
    private Fmt() {
    }

    /** "platform −1,163 · linked cluster −820": platform always, the other dimensions where the action moves them. */
    static String hhiDeltas(Messages m, Map<String, Double> deltas) {
        List<String> parts = new ArrayList<>();
        deltas.forEach((dim, d) -> {
            if ("platform".equals(dim) || Math.abs(d) >= 0.5) parts.add(m.t("effect.hhi.part", "dimension", m.dimension(dim), "delta", m.signed(d)));
        });
        return String.join(" · ", parts);
    }

    /** What doing the worthwhile actions together achieves, as one sentence; null when none is worthwhile. */
    static String plan(Messages m, io.linkscope.analysis.TenantAnalysis t) {
        var p = t.plan();
        if (p == null) return null;
        return m.t("plan", "count", p.actions().size(), "delta", m.signedMoney(p.deltaExpectedLossUsd()),
                "share", p.firstOrderLossBeforeUsd() > 0 ? m.pct(-p.deltaExpectedLossUsd() / p.firstOrderLossBeforeUsd()) : "",
                "before", m.integer(t.concentration().platform().hhi()), "after", m.integer(p.platformHhiAfter()),
                "critical", p.criticalClustersRemoved(), "cost", m.money(p.costUsd()));
    }

    /** One-off cost, first-year net and payback of an action, as one line. */
    static String value(Messages m, Recommender.Action a) {
        String s = m.t("effect.value", "cost", m.money(a.costUsd()), "net", m.signedMoney(a.netFirstYearUsd()));
        if (a.paybackMonths() != null) {
            s += " · " + (a.paybackMonths() < 1 ? m.t("effect.payback.underMonth") : m.t("effect.payback", "months", m.decimal(a.paybackMonths(), 1)));
        }
        return s;
    }

    /** The effect line of an action: Δ expected loss, Δ HHI, critical clusters removed, cost and net. */
    static String effect(Messages m, Recommender.Action a) {
        String s = m.t("effect.loss", "delta", m.signedMoney(a.deltaExpectedLossUsd())) + " · "
                + m.t("effect.hhi", "deltas", hhiDeltas(m, a.deltaHhi()));
        if (a.criticalClustersRemoved() > 0) s += " · " + m.t("effect.critical", "count", a.criticalClustersRemoved());
        return s + " · " + value(m, a);
    }

    /** "per quarter" for the configured period; a period without a catalog entry keeps its configured name. */
    static String perPeriod(Messages m, String period) {
        return m.has("period.per." + period) ? m.t("period.per." + period) : m.t("period.per.other", "period", period);
    }

    /** "3 quarters" for the configured period. */
    static String periods(Messages m, String period, int count) {
        return m.has("period." + period) ? m.t("period." + period, "count", count) : m.t("period.other", "period", period, "count", count);
    }

    /** A score exactly as the model holds it (already rounded there), without trailing zeros. */
    static String score(double score) {
        return BigDecimal.valueOf(score).stripTrailingZeros().toPlainString();
    }

    /** A score for people to read: two decimals, like the levels' thresholds. */
    static String score2(double score) {
        return String.format(Locale.ROOT, "%.2f", score);
    }

    /** {@code payment paypal:f***@acme-home.example}: the type's wire name and the masked display, as data. */
    static String evidence(Evidence e) {
        return e.type().wire() + " " + e.display();
    }

    /** {@code 收款账户 paypal:f***@acme-home.example}: the type as a term and the masked display, for people. */
    static String evidence(Messages m, Evidence e) {
        String v = variant(m, e);
        return m.idType(e.type()) + " " + e.display() + (v == null ? "" : " (" + v + ")");
    }

    /** "same office, written differently: *** futian district shenzhen / ***" (spec §1a); null for other evidence. */
    static String variant(Messages m, Evidence e) {
        if (!e.variant() || e.displays() == null || e.displays().size() != 2) return null;
        String kind = e.type() == io.linkscope.normalize.IdentifierType.LEGAL_ENTITY ? "legal_entity" : "address";
        return m.t("evidence.variant." + kind, "a", e.displays().get(0), "b", e.displays().get(1));
    }

    /** Why a piece of evidence weighs little, in words; null when nothing needs saying. */
    static String note(Messages m, Evidence e) {
        if (e.note() == null) return null;
        if (e.note().startsWith("class:")) return m.t("evidence.note.class", "class", m.t("ipclass." + e.note().substring(6)));
        if (e.note().equals("generic")) return m.t("evidence.note.generic");
        if (e.note().equals("apart") && e.windowFrom() != null && e.windowTo() != null) {
            return m.t("evidence.note.apart", "days", Math.round(Duration.between(e.windowFrom(), e.windowTo()).toSeconds() / 86_400.0));
        }
        return null;
    }

    /** CRITICAL in English (a badge), 严重 in Chinese. */
    static String riskLabel(Messages m, String risk) {
        return m.risk(risk).toUpperCase(m.locale().toLocale());
    }

    /** Position of a risk level in low &lt; medium &lt; high &lt; critical; -1 for anything else. */
    static int rank(String risk) {
        return LinkageRisk.LEVELS.indexOf(risk);
    }

    /** How a link is drawn: by the kind of its heaviest piece of evidence. */
    enum EvidenceKind {
        MONEY_IDENTITY("none"),
        NETWORK("7 4"),
        CONTACT_DEVICE("1.5 3");

        final String dash;

        EvidenceKind(String dash) {
            this.dash = dash;
        }

        /** The legend's words: {@code evidenceKind.money_identity}… */
        String label(Messages m) {
            return m.t("evidenceKind." + name().toLowerCase(Locale.ROOT));
        }

        static EvidenceKind of(IdentifierType type) {
            return switch (type) {
                case PAYMENT, BANK_ACCOUNT, CARD, TAX_ID, PERSON, LEGAL_ENTITY -> MONEY_IDENTITY;
                case IP, IP_SUBNET -> NETWORK;
                case EMAIL, PHONE, DEVICE, DOMAIN, ADDRESS, ADDRESS_BUILDING -> CONTACT_DEVICE;
            };
        }
    }
}
