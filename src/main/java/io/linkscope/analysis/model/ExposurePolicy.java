package io.linkscope.analysis.model;

/**
 * What a tenant may learn about other portfolios holding the same identifier. Exact counts would be an oracle:
 * a tenant could import (or check) a probe store holding a guessed email or payment account and read whether
 * someone else holds it, and whether that store is suspended. So foreign holders count only when at least
 * {@code minStores} of them, in at least {@code minTenants} other tenants, hold it, and even then only as a band.
 * Below that the answer is the same whether the identifier is held elsewhere or not. The suspended-store signal
 * follows the same rule over the suspended holders.
 *
 * <p>The trade-off: a value one other group shares with you (a registration agent's phone used by two clients)
 * goes unreported; what is reported is what several unrelated portfolios have in common.
 */
public record ExposurePolicy(int minStores, int minTenants) {
    /** Lower edges of the reported bands: 3–5, 6–20, more than 20. */
    private static final int[] FLOORS = {3, 6, 21};

    public static ExposurePolicy defaults() {
        return new ExposurePolicy(3, 2);
    }

    public ExposurePolicy {
        if (minStores < 1 || minTenants < 1) throw new IllegalArgumentException("exposure thresholds must be at least 1");
    }

    /**
     * The count a tenant may see: the lower edge of its band when over the threshold, else 0. Scores use it too
     * (rarity counts foreign holders), so a link's score cannot reveal more than the exposure figure does.
     */
    public int visible(int foreignStores, int foreignTenants) {
        if (foreignStores < minStores || foreignTenants < minTenants) return 0;
        int floor = 0;
        for (int f : FLOORS) if (foreignStores >= f) floor = f;
        return Math.max(floor, Math.min(minStores, FLOORS[0]));
    }

    /** The band label of a visible count: {@code 3–5}, {@code 6–20}, {@code >20}, or null for nothing to report. */
    public static String band(int visible) {
        if (visible <= 0) return null;
        if (visible >= FLOORS[2]) return ">20";
        if (visible >= FLOORS[1]) return "6–20";
        return "3–5";
    }
}
