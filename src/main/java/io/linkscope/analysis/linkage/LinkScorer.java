package io.linkscope.analysis.linkage;

import io.linkscope.analysis.model.Evidence;
import io.linkscope.analysis.model.IdentifierInfo;
import io.linkscope.analysis.model.Usage;
import io.linkscope.normalize.IdentifierType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Scores one pair of stores from the identifiers they share. Pure and explainable: each shared identifier
 * becomes an {@link Evidence} with {@code weight = baseWeight × rarity × timeFactor × (generic ? genericFactor : 1)},
 * identifiers of one type combine with damped repeats, and types combine by noisy-OR:
 * {@code score = 1 − Π(1 − w)}. Reading the evidence list reproduces the score.
 */
public final class LinkScorer {
    private static final double DAY_SECONDS = 86_400.0;

    private final LinkageConfig config;

    public LinkScorer(LinkageConfig config) {
        this.config = config;
    }

    /**
     * One identifier both stores hold.
     *
     * @param sharedBy stores holding it, in this tenant and others
     */
    public record Shared(IdentifierInfo identifier, int sharedBy, Usage a, Usage b) {
    }

    public record Scored(double score, String level, List<Evidence> evidence) {
    }

    public Scored score(List<Shared> shared, Instant asOf) {
        List<Evidence> evidence = new ArrayList<>(shared.size());
        for (Shared s : shared) evidence.add(evidence(s, asOf));
        evidence.sort(Comparator.comparingDouble(Evidence::weight).reversed().thenComparing(Evidence::identifierUid));
        Map<IdentifierType, Integer> seen = new EnumMap<>(IdentifierType.class);
        double miss = 1.0;
        for (Evidence e : evidence) {
            int k = seen.merge(e.type(), 1, Integer::sum);
            miss *= 1.0 - e.weight() * Math.pow(config.repeatDamping(), k - 1);
        }
        double score = 1.0 - miss;
        return new Scored(score, config.level(score), List.copyOf(evidence));
    }

    Evidence evidence(Shared s, Instant asOf) {
        IdentifierInfo id = s.identifier();
        double base = config.weight(id.type());
        String note = null;
        if (!id.cls().carriesWeight()) {
            base = 0.0;
            note = "class:" + id.cls().wire();
        }
        double rarity = rarity(id.type(), s.sharedBy());
        Window w = window(s.a(), s.b(), asOf);
        double weight = base * rarity * w.factor * (id.generic() ? config.genericFactor() : 1.0);
        if (note == null && id.generic()) note = "generic";
        if (note == null && w.gapDays > 0) note = "apart";
        String na = s.a().notation(), nb = s.b().notation();
        boolean variant = na != null && nb != null && !na.equals(nb)
                && s.a().notationDisplay() != null && s.b().notationDisplay() != null;
        return new Evidence(id.type(), id.uid(), id.display(), weight, base, s.sharedBy(), rarity, w.factor,
                id.generic(), w.from, w.to, note, variant,
                variant ? List.of(s.a().notationDisplay(), s.b().notationDisplay()) : null);
    }

    /**
     * 1 for a value only the two stores hold, falling with log(sharedBy) to 0 at the type's crowd size; always 1
     * for types without a crowd (identity and money identifiers).
     */
    double rarity(IdentifierType type, int sharedBy) {
        int crowd = config.crowd().getOrDefault(type, 0);
        if (crowd <= 0 || sharedBy <= 2) return 1.0;
        if (sharedBy >= crowd) return 0.0;
        return 1.0 - Math.log(sharedBy / 2.0) / Math.log(crowd / 2.0);
    }

    private record Window(double factor, double gapDays, Instant from, Instant to) {
    }

    /** Null firstSeen: unknown start (open to the past). Null lastSeen: in use now. */
    private Window window(Usage a, Usage b, Instant asOf) {
        Instant aFrom = a.firstSeen(), bFrom = b.firstSeen();
        Instant aTo = a.lastSeen() == null ? asOf : a.lastSeen();
        Instant bTo = b.lastSeen() == null ? asOf : b.lastSeen();
        Instant laterStart = aFrom == null ? bFrom : bFrom == null ? aFrom : max(aFrom, bFrom);
        Instant earlierEnd = aTo.isBefore(bTo) ? aTo : bTo;
        double gapDays = laterStart == null ? 0 : Math.max(0, seconds(earlierEnd, laterStart) / DAY_SECONDS);
        double overlap = Math.exp(-gapDays / config.gapDays());
        Instant lastTogether = gapDays > 0 ? laterStart : earlierEnd;
        double ageDays = Math.max(0, seconds(lastTogether, asOf) / DAY_SECONDS);
        double recency = Math.pow(0.5, ageDays / config.halfLifeDays());
        Instant to = earlierEnd.equals(asOf) ? null : earlierEnd;
        return new Window(overlap * recency, gapDays, gapDays > 0 ? earlierEnd : laterStart, gapDays > 0 ? laterStart : to);
    }

    private static Instant max(Instant x, Instant y) {
        return x.isAfter(y) ? x : y;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toSeconds();
    }
}
