package dev.eddy.loop.examples;

import dev.eddy.loop.EventLoop;
import java.util.Locale;

/** Loop time gone by since a starting point, printed in seconds the way the articles print it. */
record Elapsed(EventLoop loop, long start) {

    /** Starts counting now. */
    static Elapsed since(EventLoop loop) {
        return new Elapsed(loop, loop.time());
    }

    /** Seconds elapsed, with {@code decimals} digits after the point. */
    String seconds(int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", (loop.time() - start) / 1e9);
    }
}
