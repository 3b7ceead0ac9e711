package dev.eddy.loop;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.Consumer;

/**
 * A clock for tests: whenever the loop would sleep until its next timer, time jumps straight there.
 *
 * <p>A test of a 30-second timeout on this clock takes microseconds. I/O is still polled on every
 * iteration, so real sockets keep working; a loop with no timers and nothing ready still blocks
 * on the selector, since no amount of jumping would make anything happen.
 *
 * <p>Not thread-safe: like the loop that reads it, it belongs to one thread.
 */
public final class VirtualClock implements Clock {
    private long now;

    /** A virtual clock that starts at zero. */
    public VirtualClock() {
        this(0);
    }

    /** A virtual clock that starts at {@code startNanos}. */
    public VirtualClock(long startNanos) {
        this.now = startNanos;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    /** Moves time forward by {@code nanos}, which must not be negative. */
    public void advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("time only moves forward, not by " + nanos + " ns");
        }
        now += nanos;
    }

    @Override
    public int select(Selector selector, Consumer<SelectionKey> onReady, long timeoutNanos) throws IOException {
        if (timeoutNanos == Long.MAX_VALUE) {
            // Straight to the blocking select: a selectNow first would swallow a wakeup from
            // callSoonThreadsafe made since the loop last looked, and then wait forever.
            return selector.select(onReady);
        }
        int ready = selector.selectNow(onReady);
        if (ready > 0 || timeoutNanos <= 0) {
            return ready;
        }
        advance(timeoutNanos);
        return 0;
    }
}
