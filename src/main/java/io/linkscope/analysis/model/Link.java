package io.linkscope.analysis.model;

import java.util.List;

/**
 * A scored pair of stores (a &lt; b lexicographically).
 *
 * @param level strong | likely | weak
 */
public record Link(String a, String b, double score, String level, boolean samePlatform, boolean disclosed,
                   List<Evidence> evidence) {
}
