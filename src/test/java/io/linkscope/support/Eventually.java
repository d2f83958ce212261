package io.linkscope.support;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Polls a condition that becomes true asynchronously (an event-bus delivery), failing after a deadline. */
public final class Eventually {
    private Eventually() {
    }

    public static <T> T get(Supplier<T> probe, java.util.function.Predicate<T> done, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        T value = probe.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            value = probe.get();
        }
        return value;
    }
}
