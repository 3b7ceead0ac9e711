package dev.eddy.loop;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.Consumer;

/**
 * The loop's source of time, and the way it waits for I/O.
 *
 * <p>Time is {@code long} nanoseconds on an arbitrary origin, like {@link System#nanoTime()}. The
 * two concerns live together because a virtual clock changes both: it never sleeps, it jumps.
 *
 * @see #system()
 * @see VirtualClock
 */
public interface Clock {

    /** The current time in nanoseconds. Only differences between two readings mean anything. */
    long nanoTime();

    /**
     * Waits on {@code selector} for I/O readiness, for at most {@code timeoutNanos}, handing each
     * ready key to {@code onReady} (as {@link Selector#select(Consumer, long)} does, without a
     * selected-key set to fill and drain).
     *
     * @param timeoutNanos zero to poll without waiting, {@link Long#MAX_VALUE} to wait until woken
     * @return the number of keys handed to {@code onReady}
     */
    int select(Selector selector, Consumer<SelectionKey> onReady, long timeoutNanos) throws IOException;

    /** Real time from {@link System#nanoTime()}; waits really wait. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }
}
