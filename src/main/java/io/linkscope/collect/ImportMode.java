package io.linkscope.collect;

import java.util.Locale;

/** Spec §3: all or nothing by default; {@code skip} writes the valid part and lists the rest. */
public enum ImportMode {
    ALL_OR_NOTHING, SKIP_INVALID;

    /** @param onInvalid the {@code onInvalid} query parameter or {@code --on-invalid} flag; null means default */
    public static ImportMode parse(String onInvalid) {
        if (onInvalid == null || onInvalid.isBlank() || onInvalid.equalsIgnoreCase("reject")) return ALL_OR_NOTHING;
        if (onInvalid.toLowerCase(Locale.ROOT).equals("skip")) return SKIP_INVALID;
        throw new IllegalArgumentException("onInvalid must be \"skip\" or \"reject\"");
    }
}
