package io.linkscope.analysis.model;

/** A pair of stores the platform has approved as related (legitimate business need). Store keys. */
public record Disclosure(String a, String b, String reason) {
}
