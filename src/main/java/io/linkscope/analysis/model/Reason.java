package io.linkscope.analysis.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A finding as a fact: a code and its arguments (store keys, identifier types, masked displays, counts), never a
 * sentence. Renderers put it into the reader's language from the message catalog ({@code reason.<code>}).
 */
public record Reason(String code, Map<String, Object> args) {

    /** {@code Reason.of("chain-suspension", "store", key, "level", "strong")}: names and values alternate. */
    public static Reason of(String code, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) throw new IllegalArgumentException("argument names and values must pair up");
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) args.put((String) namesAndValues[i], namesAndValues[i + 1]);
        return new Reason(code, Collections.unmodifiableMap(args));
    }
}
