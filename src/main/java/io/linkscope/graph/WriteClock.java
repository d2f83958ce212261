package io.linkscope.graph;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts this process's committed writes per tenant. A reader that saw the same count a moment ago knows no
 * write of this process happened since, and can skip asking the graph for the tenant's version. Writes of
 * other processes are seen through that version check only.
 */
public final class WriteClock {
    private final ConcurrentHashMap<String, AtomicLong> ticks = new ConcurrentHashMap<>();

    /** Called after a commit, before the writer replies. */
    public void tick(String tenant) {
        ticks.computeIfAbsent(tenant, t -> new AtomicLong()).incrementAndGet();
    }

    public long now(String tenant) {
        AtomicLong t = ticks.get(tenant);
        return t == null ? 0 : t.get();
    }
}
