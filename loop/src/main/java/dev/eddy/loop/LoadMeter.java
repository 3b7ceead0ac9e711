package dev.eddy.loop;

import java.util.function.LongSupplier;

/**
 * How busy a loop is: the share of real time it spends running callbacks rather than waiting for
 * I/O or timers, measured over consecutive windows of {@link #WINDOW_NANOS}. Real time, not the
 * loop's clock, since it is about the thread's CPU, which a virtual clock does not see.
 *
 * <p>Used on the loop thread only.
 */
final class LoadMeter {
    /** The window each reading covers: long enough to span many loop turns, short enough to follow a download's pace. */
    static final long WINDOW_NANOS = 100_000_000L;

    private final LongSupplier nanoTime;
    private long windowStart;
    private long waitedInWindow;
    private long waitStart;
    private boolean waiting;
    private double load;

    LoadMeter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.windowStart = nanoTime.getAsLong();
    }

    /** The loop is about to wait for I/O or a timer. */
    void waitBegins() {
        waitStart = nanoTime.getAsLong();
        waiting = true;
    }

    /** The wait is over: the first I/O handler is about to run, or the wait returned. Idempotent. */
    void waitEnds() {
        if (!waiting) {
            return;
        }
        waiting = false;
        long now = nanoTime.getAsLong();
        waitedInWindow += now - waitStart;
        long span = now - windowStart;
        if (span >= WINDOW_NANOS) {
            load = Math.max(0, 1 - (double) waitedInWindow / span);
            windowStart = now;
            waitedInWindow = 0;
        }
    }

    /** {@return the share of the last complete window spent running, from 0 to 1; 0 before the first} */
    double load() {
        return load;
    }
}
