package io.linkscope.graph;

import java.util.List;

/** Published after a commit: which stores of which tenant changed. Analysis recomputes what they touch. */
public record GraphChanged(String tenant, List<String> storeKeys) {
}
